/**
 * Query plans of the hot-path reads (issue 21: a year of sales must not be read on every boot,
 * sale, history page or summary). Chromium's real IndexedDB; the native IDBObjectStore/IDBIndex
 * read methods are spied on, so each test asserts WHICH index and key range a repository query
 * uses (and that no store-wide read of a growing store happens), never how long it takes.
 */
import { fen } from '@cpay/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DepositRecord } from '../../features/deposit/deposit.js';
import type { RefundRecord } from '../../features/refund/refund.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { openTerminalDb, type Db } from './db.js';
import { DepositRepo } from './deposit-repo.js';
import { JournalRepo } from './journal-repo.js';
import { sentPage } from './journal-pages.js';
import { ReportingJournal } from './outbox-journal.js';
import { OutboxRepo } from './outbox-repo.js';
import { RefundRepo } from './refund-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { owedReceipts, receiptStored } from './owed-receipts.js';
import { DEFAULT_SETTINGS } from '../../features/settings/settings.js';
import { saleEntry } from '../../features/bookkeeping/bookkeeping.js';
import { localBooks } from './local-books.js';
import { DrawerLogRepo } from './drawer-log-repo.js';
import { readBooks } from '../../features/shift/shift-flow.js';

/** One native read: `store.method` or `store[index].method`, with the query it was given. */
interface Read {
  readonly on: string;
  readonly method: string;
  readonly query: unknown;
}
const READS = ['get', 'getAll', 'getAllKeys', 'getKey', 'openCursor', 'openKeyCursor', 'count'] as const;
let reads: Read[] = [];

const describeQuery = (q: unknown): unknown =>
  q instanceof IDBKeyRange ? { lower: q.lower as unknown, upper: q.upper as unknown, lowerOpen: q.lowerOpen, upperOpen: q.upperOpen } : q;

beforeEach(() => {
  reads = [];
  for (const m of READS) {
    const onStore = IDBObjectStore.prototype[m] as (this: IDBObjectStore, ...a: unknown[]) => IDBRequest;
    vi.spyOn(IDBObjectStore.prototype, m).mockImplementation(function (this: IDBObjectStore, ...a: unknown[]) {
      reads.push({ on: this.name, method: m, query: describeQuery(a[0]) });
      return onStore.apply(this, a);
    } as never);
    const onIndex = IDBIndex.prototype[m] as (this: IDBIndex, ...a: unknown[]) => IDBRequest;
    vi.spyOn(IDBIndex.prototype, m).mockImplementation(function (this: IDBIndex, ...a: unknown[]) {
      reads.push({ on: `${this.objectStore.name}[${this.name}]`, method: m, query: describeQuery(a[0]) });
      return onIndex.apply(this, a);
    } as never);
  }
});

const opened: Db[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

const DAY = 86_400_000;
const T0 = 1_760_000_000_000;
const entry = (i: number, status: JournalEntry['status'], reported?: boolean): JournalEntry => ({
  outTradeNo: `O${String(i).padStart(6, '0')}`,
  kind: 'micropay',
  amount: fen(100 + i),
  body: 'test',
  status,
  platform: 'wechat',
  createdAt: T0 + i * 60_000,
  updatedAt: T0 + i * 60_000 + 900,
  history: [],
  ...(reported === undefined ? {} : { reported }),
});
const refund = (i: number, status: RefundRecord['status']): RefundRecord => ({
  outRefundNo: `R${String(i).padStart(6, '0')}`,
  outTradeNo: `O${String(i).padStart(6, '0')}`,
  platform: 'wechat',
  totalFee: fen(100 + i),
  amount: fen(50),
  status,
  createdAt: T0 + i * DAY,
  updatedAt: T0 + i * DAY,
});
const deposit = (i: number, status: DepositRecord['status']): DepositRecord => ({
  outFreezeNo: `D${String(i).padStart(6, '0')}`,
  amount: fen(10_000),
  body: 'deposit',
  status,
  createdAt: T0 + i * DAY,
  updatedAt: T0 + i * DAY,
  history: [],
});

/** 300 orders (every 50th open, every 7th finished one not yet reported), 40 refunds, 40 deposits. */
async function seeded(): Promise<Db> {
  const db = await openTerminalDb(`plans-${crypto.randomUUID()}`);
  opened.push(db);
  const journal = new JournalRepo(db);
  for (let i = 0; i < 300; i += 1) await journal.put(i % 50 === 0 ? entry(i, 'unknown') : entry(i, 'success', i % 7 !== 0));
  const refunds = new RefundRepo(db);
  for (let i = 0; i < 40; i += 1) await refunds.put(refund(i, i % 10 === 3 ? 'processing' : i % 10 === 4 ? 'unknown' : 'success'));
  const deposits = new DepositRepo(db);
  for (let i = 0; i < 40; i += 1) await deposits.put(deposit(i, i % 10 === 5 ? 'frozen' : 'settled'));
  reads = [];
  return db;
}

/** No read of a whole growing store (journal, refunds, deposits) without an index or key. */
function expectNoFullScan(): void {
  const full = reads.filter((r) => ['journal', 'refunds', 'deposits'].includes(r.on) && r.method !== 'get' && r.query === undefined);
  expect(full, 'store-wide reads').toEqual([]);
}

describe('hot-path query plans (index and key range asserted, not time)', () => {
  it('the report sweep reads only the keys of the sparse `unreported` index, then each of those rows', async () => {
    const db = await seeded();
    const outbox = new OutboxRepo(db);
    const unreported = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 50 !== 0 && i % 7 === 0).length;
    expect(await outbox.sweep()).toBe(unreported);
    expect(reads.filter((r) => r.on.startsWith('journal') && r.method !== 'get')).toEqual([{ on: 'journal[unreported]', method: 'getAllKeys', query: 1 }]);
    expect(reads.filter((r) => r.on === 'journal' && r.method === 'get')).toHaveLength(unreported);
    expectNoFullScan();
    // Queued rows leave the index in the same transaction: the next sweep (after every sale) reads nothing.
    reads = [];
    expect(await outbox.sweep()).toBe(0);
    expect(reads).toEqual([{ on: 'journal[unreported]', method: 'getAllKeys', query: 1 }]);
  });

  it('a finished sale enters the `unreported` index when it is written and leaves it when the outbox takes it', async () => {
    const db = await seeded();
    const finals: string[] = [];
    const journal = new ReportingJournal(db, (no) => finals.push(no));
    const e = entry(1000, 'pending');
    await journal.put(e);
    expect(await db.getAllKeysFromIndex('journal', 'unreported', 1)).not.toContain(e.outTradeNo);
    await journal.put({ ...e, status: 'success' });
    expect(finals).toEqual([e.outTradeNo]);
    expect(await db.getAllKeysFromIndex('journal', 'unreported', 1)).toContain(e.outTradeNo);
    expect(await new OutboxRepo(db).enqueuePayment(e.outTradeNo)).toBe(true);
    expect(await db.getAllKeysFromIndex('journal', 'unreported', 1)).not.toContain(e.outTradeNo);
    // A stale copy written later keeps the mark and stays out of the index.
    await journal.put({ ...e, status: 'success' });
    expect((await db.get('journal', e.outTradeNo))?.unreported).toBeUndefined();
    expect((await journal.get(e.outTradeNo))?.reported).toBe(true);
  });

  it('boot recovery (open orders, open refunds, open deposits) reads the `open`/`status` indexes only', async () => {
    const db = await seeded();
    const open = await new JournalRepo(db).listOpen();
    expect(open.map((e) => e.outTradeNo)).toEqual(['O000000', 'O000050', 'O000100', 'O000150', 'O000200', 'O000250']);
    const refunds = await new RefundRepo(db).listOpen();
    expect(refunds.map((r) => r.status).sort()).toEqual(['processing', 'processing', 'processing', 'processing', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(refunds.map((r) => r.createdAt)).toEqual([...refunds.map((r) => r.createdAt)].sort((a, b) => a - b));
    const deposits = await new DepositRepo(db).listOpen();
    expect(deposits.map((d) => d.outFreezeNo)).toEqual(['D000005', 'D000015', 'D000025', 'D000035']);
    expect(reads.filter((r) => r.on === 'journal' || r.on.startsWith('journal['))).toEqual([{ on: 'journal[open]', method: 'getAll', query: 1 }]);
    expect(reads.filter((r) => r.on.startsWith('refunds')).map((r) => `${r.on} ${String(r.query)}`)).toEqual([
      'refunds[status] created',
      'refunds[status] unknown',
      'refunds[status] processing',
    ]);
    expect(new Set(reads.filter((r) => r.on.startsWith('deposits')).map((r) => r.on))).toEqual(new Set(['deposits[status]']));
    expectNoFullScan();
  });

  it('history and the shift summary read refunds and deposits of the window through `createdAt` key ranges', async () => {
    const db = await seeded();
    const from = T0 + 10 * DAY;
    const to = T0 + 20 * DAY;
    const refunds = await new RefundRepo(db).between(from, to);
    expect(refunds.map((r) => r.outRefundNo)).toEqual(Array.from({ length: 10 }, (_, k) => `R${String(10 + k).padStart(6, '0')}`));
    const deposits = await new DepositRepo(db).between(from, to);
    expect(deposits.map((d) => d.outFreezeNo)).toEqual(Array.from({ length: 10 }, (_, k) => `D${String(10 + k).padStart(6, '0')}`));
    const range = { lower: from, upper: to, lowerOpen: false, upperOpen: true };
    expect(reads).toEqual([
      { on: 'refunds[createdAt]', method: 'getAll', query: range },
      { on: 'deposits[createdAt]', method: 'getAll', query: range },
    ]);
  });

  it('a date range of orders walks the `createdAt` index backwards and stops at the page size', async () => {
    const db = await seeded();
    const from = T0 + 100 * 60_000;
    const to = T0 + 200 * 60_000;
    const page = await new JournalRepo(db).between(from, to, 20);
    expect(page.map((e) => e.outTradeNo)).toEqual(Array.from({ length: 20 }, (_, k) => `O${String(199 - k).padStart(6, '0')}`));
    expect(reads).toEqual([{ on: 'journal[createdAt]', method: 'openCursor', query: { lower: from, upper: to, lowerOpen: false, upperOpen: true } }]);
    expect(await new JournalRepo(db).between(to, from, 20)).toEqual([]);
  });

  it('a scanned order number is one keyed read of the journal and one `outTradeNo` index read of the refunds', async () => {
    const db = await seeded();
    expect((await new JournalRepo(db).get('O000123'))?.amount).toBe(223);
    expect((await new RefundRepo(db).forOrder('O000013')).map((r) => r.outRefundNo)).toEqual(['R000013']);
    expect(reads).toEqual([
      { on: 'journal', method: 'get', query: 'O000123' },
      { on: 'refunds[outTradeNo]', method: 'getAll', query: 'O000013' },
    ]);
  });

  it('the start reads every setting and the fleet document in one transaction of the settings store', async () => {
    const db = await seeded();
    const repo = new SettingsRepo(db);
    await repo.set('locale', 'en');
    await repo.set('voiceVolume', 0.5);
    await db.put('settings', 42, 'qrKeyCase'); // wrong type: ignored
    await repo.storeFleet({ revision: 3 });
    const transactions = vi.spyOn(db, 'transaction');
    reads = [];
    const boot = await repo.loadBoot();
    expect(boot).toEqual({
      settings: { ...DEFAULT_SETTINGS, locale: 'en', voiceVolume: 0.5 },
      stored: { locale: 'en', voiceVolume: 0.5 },
      fleet: { revision: 3 },
    });
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(reads).toEqual([
      { on: 'settings', method: 'getAllKeys', query: undefined },
      { on: 'settings', method: 'getAll', query: undefined },
    ]);
    expect(await repo.load()).toEqual(boot.settings);
    expect(await repo.loadStored()).toEqual(boot.stored);
  });

  it('the owed-receipts start-up scan reads a key range of the sparse `receiptOwed` index, not a week of orders', async () => {
    const db = await seeded();
    const journal = new JournalRepo(db);
    // Paid orders of the seeded week whose receipt is owed: 3 of 300 (one of them before the window).
    for (const i of [20, 120, 220]) await journal.put({ ...entry(i, 'success', true), receiptOwed: true });
    await journal.put({ ...entry(230, 'failed', true), receiptOwed: true }); // not paid: nothing owed, not in the index
    const since = T0 + 100 * 60_000;
    reads = [];
    const owed = await owedReceipts(db, since);
    expect(owed.map((e) => e.outTradeNo)).toEqual(['O000120', 'O000220']);
    expect(reads).toEqual([{ on: 'journal[receiptOwed]', method: 'getAll', query: { lower: since, upper: undefined, lowerOpen: false, upperOpen: true } }]);
    expectNoFullScan();
    // A stored receipt leaves the index: the next start reads nothing of that order.
    await receiptStored(db, 'O000120');
    expect(await db.getAllKeysFromIndex('journal', 'receiptOwed')).toEqual(['O000020', 'O000220']);
    expect((await journal.get('O000120'))?.receiptOwed).toBeUndefined();
  });

  it('a 30-day history search pages the deposits: a count and one backwards cursor of `createdAt`, never the whole window', async () => {
    const db = await seeded(); // 40 deposits, one a day
    const repo = new DepositRepo(db);
    const from = T0 + 5 * DAY;
    const to = T0 + 35 * DAY; // 30 days: deposits 5..34
    const range = { lower: from, upper: to, lowerOpen: false, upperOpen: true };
    const page1 = await repo.pageBetween(from, to, 0, 12);
    expect(page1.total).toBe(30);
    expect(page1.records.map((d) => d.outFreezeNo)).toEqual(Array.from({ length: 12 }, (_, k) => `D${String(34 - k).padStart(6, '0')}`));
    expect(reads).toEqual([
      { on: 'deposits[createdAt]', method: 'count', query: range },
      { on: 'deposits[createdAt]', method: 'openCursor', query: range },
    ]);
    reads = [];
    const page3 = await repo.pageBetween(from, to, 24, 12); // the last, short page
    expect(page3.records.map((d) => d.outFreezeNo)).toEqual(['D000010', 'D000009', 'D000008', 'D000007', 'D000006', 'D000005']);
    expect(reads.map((r) => `${r.on} ${r.method}`)).toEqual(['deposits[createdAt] count', 'deposits[createdAt] openCursor']);
    expect(reads.filter((r) => r.method === 'getAll' || r.method === 'getAllKeys')).toEqual([]);
    expectNoFullScan();
  });

  it('the local books of a window (history page 1, summary, shift handover) are one key range of the sparse `bookkeeping` index, not the window of orders', async () => {
    const db = await seeded(); // 300 cpay orders, one a minute
    const journal = new JournalRepo(db);
    // Every 30th minute a cash (or card) sale recorded here: 10 of them among the 300 orders.
    const sales = [15, 45, 75, 105, 135, 165, 195, 225, 255, 285];
    for (const [k, i] of sales.entries()) {
      const method = k % 3 === 0 ? 'card' : 'cash';
      await journal.put(saleEntry({ outTradeNo: `B${String(i).padStart(6, '0')}`, method, amount: fen(500 + i), at: T0 + i * 60_000 + 30_000 }));
    }
    const local = (no: string, outTradeNo: string, at: number, platform: RefundRecord['platform']): RefundRecord => ({
      ...refund(0, 'success'),
      outRefundNo: no,
      outTradeNo,
      platform,
      createdAt: at,
      updatedAt: at,
    });
    await new RefundRepo(db).put({ ...local('LR1', 'B000105', T0 + 150 * 60_000, 'bookkeeping'), subPayPlatform: 401 });
    await new RefundRepo(db).put(local('CR1', 'O000150', T0 + 160 * 60_000, 'wechat')); // a cpay refund: not on the books
    const books = localBooks(db, new DrawerLogRepo(db));
    const from = T0 + 100 * 60_000;
    const to = T0 + 200 * 60_000; // 100 orders of the window, 3 of them on the books
    reads = [];
    const window = await books.sales(from, to);
    expect(window.map((e) => e.outTradeNo)).toEqual(['B000195', 'B000165', 'B000135', 'B000105']);
    expect(reads).toEqual([{ on: 'journal[bookkeeping]', method: 'getAll', query: { lower: [4, from], upper: [4, to], lowerOpen: false, upperOpen: true } }]);
    expectNoFullScan();
    // The index holds exactly the bookkeeping rows (a cpay order written later never enters it).
    await journal.put(entry(1000, 'success', true));
    expect(await db.countFromIndex('journal', 'bookkeeping')).toBe(sales.length);
    // The shift handover reads the same port: the sales by the index, the refunds by `createdAt`, no other journal read.
    reads = [];
    const handover = await readBooks(books, from, to);
    expect(handover.sales.map((s) => [s.outTradeNo, s.method])).toEqual([
      ['B000195', 'card'],
      ['B000165', 'cash'],
      ['B000135', 'cash'],
      ['B000105', 'card'],
    ]);
    expect(handover.refunds.map((r) => [r.outRefundNo, r.method, r.amount])).toEqual([['LR1', 'card', 50]]);
    expect(
      reads
        .filter((r) => r.on.startsWith('journal') || r.on.startsWith('refunds'))
        .map((r) => `${r.on} ${r.method}`)
        .sort(),
    ).toEqual(['journal[bookkeeping] getAll', 'refunds[createdAt] getAll']);
    expectNoFullScan();
    expect((await books.refunds(from, to)).map((r) => r.outRefundNo)).toEqual(['LR1']);
    // A history page of them: the count of the range and one backwards cursor of the index, advanced to the page.
    reads = [];
    const page2 = await books.salesPage(from, to, 2, 2);
    expect(page2).toMatchObject({ total: 4 });
    expect(page2.records.map((e) => e.outTradeNo)).toEqual(['B000135', 'B000105']);
    const range = { lower: [4, from], upper: [4, to], lowerOpen: false, upperOpen: true };
    expect(reads).toEqual([
      { on: 'journal[bookkeeping]', method: 'count', query: range },
      { on: 'journal[bookkeeping]', method: 'openCursor', query: range },
    ]);
  });

  it('history paints the sent orders of a page before cpay answers: one backwards cursor of `createdAt`, the books skipped, stopping at the page size', async () => {
    const db = await seeded(); // 300 cpay orders, one a minute
    const journal = new JournalRepo(db);
    // A cash sale every 10th minute (half a minute after that minute's order): the sent page skips them.
    for (let i = 5; i < 300; i += 10)
      await journal.put(saleEntry({ outTradeNo: `B${String(i).padStart(6, '0')}`, method: 'cash', amount: fen(500), at: T0 + i * 60_000 + 30_000 }));
    const books = localBooks(db, new DrawerLogRepo(db));
    const from = T0 + 100 * 60_000;
    const to = T0 + 200 * 60_000;
    // Rows a cursor hands over (its value read): what the walk costs, whatever the machine.
    const rowsRead = vi.spyOn(IDBCursorWithValue.prototype, 'value', 'get');
    reads = [];
    const page2 = await books.sentPage?.(from, to, 5, 5);
    expect(page2?.records.map((e) => e.outTradeNo)).toEqual(['O000194', 'O000193', 'O000192', 'O000191', 'O000190']);
    expect(page2?.more).toBe(true);
    expect(reads).toEqual([{ on: 'journal[createdAt]', method: 'openCursor', query: { lower: from, upper: to, lowerOpen: false, upperOpen: true } }]);
    // 10 orders and the one cash sale between them read: never the window's 100.
    expect(rowsRead.mock.calls.length).toBe(11);
    expectNoFullScan();
    // A platform filter keeps its own rows only; the cursor stops at the page, or at the budget on a rare platform.
    rowsRead.mockClear();
    const alipay = await books.sentPage?.(from, to, 0, 5, (e) => e.platform === 'alipay');
    expect(alipay).toEqual({ records: [], more: false });
    expect(rowsRead.mock.calls.length).toBe(110); // the window's 100 orders and 10 sales, once
    rowsRead.mockClear();
    await sentPage(db, T0, T0 + 300 * 60_000, 0, 5, (e) => e.platform === 'alipay', 50);
    expect(rowsRead.mock.calls.length).toBe(50);
  });

  it('history filtered by 现金 or 银行卡 walks the `bookkeeping` key range backwards by method and stops at the page size (no count of the window)', async () => {
    const db = await seeded();
    const journal = new JournalRepo(db);
    // 40 sales in the window: every 4th one on the card machine (银行卡), the others cash (现金).
    for (let i = 0; i < 40; i += 1)
      await journal.put(
        saleEntry({ outTradeNo: `B${String(i).padStart(6, '0')}`, method: i % 4 === 0 ? 'card' : 'cash', amount: fen(100 + i), at: T0 + i * 60_000 + 30_000 }),
      );
    const books = localBooks(db, new DrawerLogRepo(db));
    const from = T0;
    const to = T0 + 300 * 60_000;
    const range = { lower: [4, from], upper: [4, to], lowerOpen: false, upperOpen: true };
    const rowsRead = vi.spyOn(IDBCursorWithValue.prototype, 'value', 'get');
    reads = [];
    const card1 = await books.salesPage(from, to, 0, 3, 401);
    expect(card1.records.map((e) => [e.outTradeNo, e.subPayPlatform])).toEqual([
      ['B000036', 401],
      ['B000032', 401],
      ['B000028', 401],
    ]);
    expect(card1.total).toBe(4); // a full page: "and more"
    expect(reads).toEqual([{ on: 'journal[bookkeeping]', method: 'openCursor', query: range }]);
    expect(rowsRead.mock.calls.length).toBe(12); // B39 … B28: it stops at the page
    // The last page of the cards: the window's 40 sales are read once, never its 300 orders.
    rowsRead.mockClear();
    reads = [];
    const card4 = await books.salesPage(from, to, 9, 3, 401);
    expect(card4.records.map((e) => e.outTradeNo)).toEqual(['B000000']);
    expect(card4.total).toBe(10);
    expect(reads).toEqual([{ on: 'journal[bookkeeping]', method: 'openCursor', query: range }]);
    expect(rowsRead.mock.calls.length).toBe(40);
    // Cash: page 2 of 3.
    const cash2 = await books.salesPage(from, to, 3, 3, 402);
    expect(cash2.records.map((e) => e.outTradeNo)).toEqual(['B000035', 'B000034', 'B000033']);
    expect(cash2.records.every((e) => e.subPayPlatform === 402)).toBe(true);
    expectNoFullScan();
  });
});
