/**
 * IndexedDB migrations (issue 15): a database of every released schema version (fixtures in
 * test/fixtures/idb/, built here with the raw IndexedDB API exactly as that version's code left
 * it, never with today's migrations) is opened by today's `openTerminalDb` in Chromium's real
 * IndexedDB: every record is kept as it was, the stores of later versions exist, and today's
 * repositories read the old data (open journal entries, order-number counter, refunds by order,
 * open deposits, unfinished print jobs). A new schema version adds its fixture and one test here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import v1 from '../../../test/fixtures/idb/v1.json';
import v2 from '../../../test/fixtures/idb/v2.json';
import v3 from '../../../test/fixtures/idb/v3.json';
import v4 from '../../../test/fixtures/idb/v4.json';
import v5 from '../../../test/fixtures/idb/v5.json';
import v6 from '../../../test/fixtures/idb/v6.json';
import v7 from '../../../test/fixtures/idb/v7.json';
import { DepositRepo } from './deposit-repo.js';
import { openTerminalDb, type Db } from './db.js';
import { JournalRepo } from './journal-repo.js';
import { OutboxRepo } from './outbox-repo.js';
import { OrderNumberRepo } from './order-number-repo.js';
import { IdbPrintJobStore } from './print-job-store.js';
import { RefundRepo } from './refund-repo.js';
import { ShiftRepo } from './shift-repo.js';
import { DB_VERSION } from './schema.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { OWED_RECEIPT_WINDOW_MS, owedReceipts } from './owed-receipts.js';
import { DrawerLogRepo } from './drawer-log-repo.js';
import { localBooks } from './local-books.js';

interface FixtureStore {
  readonly name: string;
  readonly keyPath?: string;
  readonly autoIncrement?: boolean;
  readonly indexes?: readonly { readonly name: string; readonly keyPath: string | string[] }[];
  readonly records: readonly { readonly key?: string; readonly value: unknown }[];
}
interface Fixture {
  readonly version: number;
  readonly stores: readonly FixtureStore[];
}

const FIXTURES: readonly Fixture[] = [v1, v2, v3, v4, v5, v6, v7] as Fixture[];

/** JSON cannot hold bytes: `{"$bytes": [...]}` stands for a Uint8Array (print jobs). */
const revive = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === 'object') {
    if ('$bytes' in v) return Uint8Array.from((v as { $bytes: number[] }).$bytes);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
  }
  return v;
};

/** Builds the fixture's database with the raw API at the fixture's version. */
function buildOld(name: string, f: Fixture): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, f.version);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const s of f.stores) {
        const store = db.createObjectStore(s.name, { ...(s.keyPath ? { keyPath: s.keyPath } : {}), ...(s.autoIncrement ? { autoIncrement: true } : {}) });
        for (const i of s.indexes ?? []) store.createIndex(i.name, i.keyPath);
        for (const r of s.records) {
          if (r.key === undefined) store.put(revive(r.value));
          else store.put(revive(r.value), r.key);
        }
      }
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error ?? new Error(`could not build the v${f.version} fixture`));
  });
}

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

async function upgrade(f: Fixture): Promise<Db> {
  const name = `migration-v${f.version}-${crypto.randomUUID()}`;
  await buildOld(name, f);
  const db = await openTerminalDb(name);
  opened.push(db);
  return db;
}

/** Every record of the fixture is in the upgraded database, unchanged. */
async function expectKept(db: Db, f: Fixture): Promise<void> {
  for (const s of f.stores) {
    for (const r of s.records) {
      const value = revive(r.value) as Record<string, unknown>;
      const key = r.key ?? (value[s.keyPath ?? ''] as string | number);
      // The store names come from the fixture; the typed API wants its own union of names.
      expect(await db.get(s.name as 'settings', key as string), `${s.name} ${String(key)}`).toEqual(value);
    }
    expect(await db.count(s.name as 'settings')).toBe(s.records.length);
  }
}

describe("IndexedDB migrations: every released schema opened by today's code, data kept", () => {
  it("the fixtures cover every version up to today's", () => {
    expect(FIXTURES.map((f) => f.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  });

  for (const f of FIXTURES) {
    it(`v${f.version} → v${DB_VERSION}`, async () => {
      const db = await upgrade(f);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual([
        'binding',
        'counters',
        'deposits',
        'journal',
        'outbox',
        'printJobs',
        'refunds',
        'secrets',
        'settings',
        'shifts',
      ]);
      await expectKept(db, f);
      // Today's repositories read the old data through the old indexes.
      expect((await new JournalRepo(db).listOpen()).map((e) => e.outTradeNo)).toEqual(['0100005212345678901763800000002']);
      const next = await new OrderNumberRepo(db, { deviceKey: () => 'dev_1', serverNow: () => 1_700_000_000_000 }).next('01000052');
      expect(Number(next.slice(-13))).toBe(1_763_800_000_003); // the kept counter wins over an older clock: no number reused
      const refunds = await new RefundRepo(db).forOrder('0100005212345678901763800000001');
      expect(refunds.map((r) => r.outRefundNo)).toEqual(f.version >= 2 ? ['0100005212345678901763800500000'] : []);
      const deposits = await new DepositRepo(db).listOpen();
      expect(deposits.map((d) => d.outFreezeNo)).toEqual(f.version >= 3 ? ['0100005212345678901763800600000'] : []);
      const unfinished = await new IdbPrintJobStore(db).listUnfinished();
      expect(unfinished.map((j) => j.id)).toEqual(f.version >= 4 ? ['refund:0100005212345678901763800500000'] : []);
      // v7: the local books read the bookkeeping sales through their index (the v7 fixture holds one, refunded).
      const books = localBooks(db, new DrawerLogRepo(db));
      expect((await books.sales(0, 2_000_000_000_000)).map((e) => [e.outTradeNo, e.subPayPlatform])).toEqual(
        f.version >= 7 ? [['0100005212345678901763800000004', 402]] : [],
      );
      expect((await books.refunds(0, 2_000_000_000_000)).map((r) => r.outRefundNo)).toEqual(f.version >= 7 ? ['0100005212345678901763800500001'] : []);
      const shifts = await new ShiftRepo(db).recent(10);
      expect(shifts.map((s) => [s.startedAt, s.close?.differenceFen])).toEqual(f.version >= 6 ? [[1_763_790_000_000, 100]] : []);
    });
  }

  it('v4 → v5 (issue 21): the indexes exist and only finished, unreported orders get the sparse `unreported` flag', async () => {
    const journal = v4.stores.find((s) => s.name === 'journal');
    const finished = journal?.records[0]?.value as { readonly outTradeNo: string; readonly open: number; readonly entry: Record<string, unknown> } | undefined;
    if (!journal || !finished) throw new Error('v4 fixture without a finished journal entry');
    const unreported = {
      ...finished,
      outTradeNo: '0100005212345678901763800000003',
      entry: { ...finished.entry, outTradeNo: '0100005212345678901763800000003', reported: undefined },
    };
    const cancelled = {
      ...finished,
      outTradeNo: '0100005212345678901763800000004',
      entry: { ...finished.entry, outTradeNo: '0100005212345678901763800000004', status: 'cancelled', reported: undefined },
    };
    const f = {
      ...v4,
      stores: v4.stores.map((s) => (s.name === 'journal' ? { ...s, records: [...s.records, { value: unreported }, { value: cancelled }] } : s)),
    } as Fixture;
    const db = await upgrade(f);
    const tx = db.transaction(['journal', 'refunds', 'deposits']);
    // (today's schema may add indexes of later versions: v6 `receiptOwed`)
    expect([...tx.objectStore('journal').indexNames].sort()).toEqual(expect.arrayContaining(['createdAt', 'open', 'unreported']));
    expect([...tx.objectStore('refunds').indexNames].sort()).toEqual(['createdAt', 'outTradeNo', 'status']);
    expect([...tx.objectStore('deposits').indexNames].sort()).toEqual(['createdAt', 'status']);
    await tx.done;
    // The reported and the open rows are untouched; the two finished, unreported ones are flagged (entry unchanged).
    expect(await db.get('journal', '0100005212345678901763800000001')).toEqual(finished);
    expect(await db.get('journal', '0100005212345678901763800000003')).toEqual({ ...(revive(unreported) as object), unreported: 1 });
    expect(await db.getAllKeysFromIndex('journal', 'unreported', 1)).toEqual(['0100005212345678901763800000003', '0100005212345678901763800000004']);
    expect(await db.getAllKeysFromIndex('journal', 'createdAt', IDBKeyRange.lowerBound(1763800000002))).toEqual(['0100005212345678901763800000002']);
    // The sweep after the upgrade finds exactly what the v4 sweep would have found.
    expect(await new OutboxRepo(db).sweep()).toBe(2);
    expect(await db.getAllKeysFromIndex('journal', 'unreported', 1)).toEqual([]);
  });

  it('v5 → v6 (issue 20): shifts kept in settings (the current one and the closed list) are copied into the shifts store, the old keys kept', async () => {
    const current = { startedAt: 1_763_800_100_000 };
    const history = [
      { startedAt: 1_763_790_000_000, endedAt: 1_763_800_000_000 },
      { startedAt: 1_763_780_000_000, endedAt: 1_763_781_000_000 },
      { startedAt: 'bad' },
    ];
    const f = {
      ...v5,
      stores: v5.stores.map((s) =>
        s.name === 'settings' ? { ...s, records: [...s.records, { key: 'shift:current', value: current }, { key: 'shift:history', value: history }] } : s,
      ),
    } as Fixture;
    const db = await upgrade(f);
    await expectKept(db, f);
    const repo = new ShiftRepo(db);
    expect(await repo.current()).toEqual({ startedAt: 1_763_800_100_000, floatFen: 0, cashiers: [] });
    expect((await repo.recent(10)).map((s) => [s.startedAt, s.endedAt])).toEqual([
      [1_763_790_000_000, 1_763_800_000_000],
      [1_763_780_000_000, 1_763_781_000_000],
    ]);
  });

  it('v5 → v6 (issue 21): the sparse `receiptOwed` index exists and holds exactly the recent paid orders whose receipt is owed', async () => {
    const journal = v5.stores.find((s) => s.name === 'journal');
    const reported = journal?.records[0]?.value as { readonly outTradeNo: string; readonly open: number; readonly entry: Record<string, unknown> } | undefined;
    if (!journal || !reported) throw new Error('v5 fixture without a finished journal entry');
    const now = Date.now();
    const row = (no: string, createdAt: number, patch: Record<string, unknown>) => ({
      value: { ...reported, outTradeNo: no, entry: { ...reported.entry, outTradeNo: no, createdAt, updatedAt: createdAt + 2_000, ...patch } },
    });
    const owed = row('0100005212345678901763800000011', now - 2 * 86_400_000, { receiptOwed: true });
    const owedEarlier = row('0100005212345678901763800000012', now - 3 * 86_400_000, { receiptOwed: true });
    const printed = row('0100005212345678901763800000013', now - 86_400_000, {}); // receipt stored: no mark
    const failed = row('0100005212345678901763800000014', now - 86_400_000, { receiptOwed: true, status: 'failed' }); // never paid: nothing owed
    const f = {
      ...v5,
      stores: v5.stores.map((s) => (s.name === 'journal' ? { ...s, records: [...s.records, owed, owedEarlier, printed, failed] } : s)),
    } as Fixture;
    const db = await upgrade(f);
    const tx = db.transaction('journal');
    expect([...tx.store.indexNames].sort()).toEqual(['bookkeeping', 'createdAt', 'open', 'receiptOwed', 'unreported']);
    await tx.done;
    // Only the two owed rows are flagged (with their createdAt as the key); their entries are unchanged.
    expect(await db.getAllKeysFromIndex('journal', 'receiptOwed')).toEqual(['0100005212345678901763800000012', '0100005212345678901763800000011']);
    expect(await db.get('journal', '0100005212345678901763800000011')).toEqual({ ...owed.value, receiptOwed: now - 2 * 86_400_000 });
    expect(await db.get('journal', '0100005212345678901763800000013')).toEqual(printed.value);
    // The start finds what the v5 scan over 7 days of createdAt found: the owed receipts, oldest first.
    const found = await owedReceipts(db, now - OWED_RECEIPT_WINDOW_MS);
    expect(found.map((e) => e.outTradeNo)).toEqual(['0100005212345678901763800000012', '0100005212345678901763800000011']);
  });

  it('v6 → v7 (issue 21): the sparse `bookkeeping` index exists and holds exactly the cash / card bookkeeping sales, every row kept', async () => {
    const journal = v6.stores.find((s) => s.name === 'journal');
    const paid = journal?.records[0]?.value as { readonly outTradeNo: string; readonly open: number; readonly entry: Record<string, unknown> } | undefined;
    if (!journal || !paid) throw new Error('v6 fixture without a finished journal entry');
    const sale = (no: string, createdAt: number, method: 'cash' | 'card', patch: Record<string, unknown> = {}) => ({
      value: {
        outTradeNo: no,
        open: 0,
        unreported: 1,
        entry: {
          outTradeNo: no,
          kind: 'bookkeeping',
          amount: 1500,
          body: method === 'cash' ? '现金收款' : '银行卡收款',
          status: 'success',
          platform: 'bookkeeping',
          payPlatform: 4,
          subPayPlatform: method === 'cash' ? 402 : 401,
          recordState: 2,
          lastState: { platform: 'bookkeeping', cts: 2 },
          createdAt,
          updatedAt: createdAt,
          history: [{ at: createdAt, phase: 'success', cause: `recorded:${method}` }],
          ...patch,
        },
      },
    });
    const micropay = (no: string, createdAt: number) => ({
      value: { ...paid, outTradeNo: no, entry: { ...paid.entry, outTradeNo: no, createdAt, updatedAt: createdAt + 2_000 } },
    });
    const day = 86_400_000;
    const t = 1_763_800_000_000;
    const cashOld = sale('0100005212345678901763800000021', t - 200 * day, 'cash', { tenderedFen: 2000, changeFen: 500 });
    const card = sale('0100005212345678901763800000022', t - 2 * day, 'card');
    const cashNew = sale('0100005212345678901763800000023', t - day, 'cash', { recordState: 3, lastState: { platform: 'bookkeeping', cts: 3 } });
    const others = [micropay('0100005212345678901763800000024', t - 2 * day + 1), micropay('0100005212345678901763800000025', t - day + 1)];
    const f = {
      ...v6,
      stores: v6.stores.map((s) => (s.name === 'journal' ? { ...s, records: [...s.records, cashOld, card, cashNew, ...others] } : s)),
    } as Fixture;
    const db = await upgrade(f);
    expect(db.version).toBe(7);
    const tx = db.transaction('journal');
    expect([...tx.store.indexNames].sort()).toEqual(['bookkeeping', 'createdAt', 'open', 'receiptOwed', 'unreported']);
    expect(tx.store.index('bookkeeping').keyPath).toEqual(['entry.payPlatform', 'entry.createdAt']);
    await tx.done;
    // Every row kept as it was (no row rewritten); the index holds the three sales and nothing else, by time.
    await expectKept(db, f);
    expect(await db.getAllKeysFromIndex('journal', 'bookkeeping')).toEqual([
      '0100005212345678901763800000021',
      '0100005212345678901763800000022',
      '0100005212345678901763800000023',
    ]);
    expect(await db.countFromIndex('journal', 'bookkeeping')).toBe(3);
    expect(await db.count('journal')).toBe(journal.records.length + 5);
    // The local books of the last 3 days: the two recent sales, newest first; the micropays beside them are not read.
    const books = localBooks(db, new DrawerLogRepo(db));
    expect((await books.sales(t - 3 * day, t)).map((e) => e.outTradeNo)).toEqual(['0100005212345678901763800000023', '0100005212345678901763800000022']);
    expect((await books.journal(t - 300 * day, t - 100 * day)).map((e) => e.outTradeNo)).toEqual(['0100005212345678901763800000021']);
    // A sale written after the upgrade enters the index with the write.
    const later = { ...cashNew.value.entry, outTradeNo: '0100005212345678901763800000026', createdAt: t - 1 } as unknown as JournalEntry;
    await new JournalRepo(db).put(later);
    expect((await books.sales(t - 3 * day, t)).map((e) => e.outTradeNo)).toEqual([
      '0100005212345678901763800000026',
      '0100005212345678901763800000023',
      '0100005212345678901763800000022',
    ]);
  });
});
