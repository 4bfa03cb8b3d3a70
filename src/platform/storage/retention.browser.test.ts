/**
 * Retention (issue 21) against Chromium's real IndexedDB: old settled orders, refunds and deposits
 * go; everything the invariants protect stays (open, unknown, unreported, unprinted, an order
 * with an open refund, the outbox, the counters, anything inside the window); an order number
 * is never handed out again after pruning, even with the clock behind every pruned number.
 */
import { fen } from '@cpay/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { DepositRecord } from '../../features/deposit/deposit.js';
import type { RefundRecord } from '../../features/refund/refund.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { openTerminalDb, type Db } from './db.js';
import { journalRow } from './journal-row.js';
import { OrderNumberRepo } from './order-number-repo.js';
import { IdbPrintJobStore } from './print-job-store.js';
import { DEFAULT_RETENTION_DAYS, RETENTION_SETTING, pruneSettled, retentionDays } from './retention.js';
import { saleEntry } from '../../features/bookkeeping/bookkeeping.js';
import { DrawerLogRepo } from './drawer-log-repo.js';
import { localBooks } from './local-books.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;
const OLD = NOW - (DEFAULT_RETENTION_DAYS + 100) * DAY;
const PREFIX = '01000052';
const sources = (now: number) => ({ deviceKey: () => 'dev_1', serverNow: () => now });

const order = (no: string, at: number, status: JournalEntry['status'], reported?: boolean): JournalEntry => ({
  outTradeNo: no,
  kind: 'micropay',
  amount: fen(100),
  body: 'test',
  status,
  platform: 'wechat',
  createdAt: at,
  updatedAt: at + 1_000,
  history: [],
  ...(reported === undefined ? {} : { reported }),
});
const refund = (no: string, of: string, at: number, status: RefundRecord['status']): RefundRecord => ({
  outRefundNo: no,
  outTradeNo: of,
  platform: 'wechat',
  totalFee: fen(100),
  amount: fen(100),
  status,
  createdAt: at,
  updatedAt: at,
});
const deposit = (no: string, at: number, status: DepositRecord['status'], settlement?: DepositRecord['settlement']): DepositRecord => ({
  outFreezeNo: no,
  amount: fen(10_000),
  body: 'deposit',
  status,
  createdAt: at,
  updatedAt: at,
  history: [],
  ...(settlement ? { settlement } : {}),
});

describe('retention: pruneSettled', () => {
  it('deletes only old settled rows; every protected row and the order-number counter survive', async () => {
    const db = await openTerminalDb(`retention-${crypto.randomUUID()}`);
    opened.push(db);
    // Every number below comes from the app's own counter, oldest first (clock = the row's time).
    const issued: string[] = [];
    const next = async (at: number) => {
      const no = await new OrderNumberRepo(db, sources(at)).next(PREFIX);
      issued.push(no);
      return no;
    };
    const settledOld: string[] = [];
    const tx = db.transaction('journal', 'readwrite');
    const rows: JournalEntry[] = [];
    // 1,100 settled, reported orders older than the window (more than two transactions' worth).
    for (let i = 0; i < 1_100; i += 1) rows.push(order(`${PREFIX}${String(i).padStart(23, '0')}`, OLD + i * 1_000, 'success', true));
    await Promise.all([...rows.map((e) => tx.store.put(journalRow(e))), tx.done]);
    settledOld.push(...rows.map((e) => e.outTradeNo));
    const put = (e: JournalEntry) => db.put('journal', journalRow(e));
    const unknownOld = await next(OLD + 2_000_000);
    await put(order(unknownOld, OLD + 2_000_000, 'unknown'));
    const unreportedOld = await next(OLD + 2_000_001);
    await put(order(unreportedOld, OLD + 2_000_001, 'success'));
    const unprintedOld = await next(OLD + 2_000_002);
    await put(order(unprintedOld, OLD + 2_000_002, 'success', true));
    await new IdbPrintJobStore(db).put({ id: `pay:${unprintedOld}`, bytes: new Uint8Array([1, 2]), lineStarts: [0], sent: 0, state: 'printing', attempts: 0 });
    const refundedOld = await next(OLD + 2_000_003);
    await put(order(refundedOld, OLD + 2_000_003, 'success', true));
    const openRefundNo = await next(OLD + 2_000_004);
    await db.put('refunds', refund(openRefundNo, refundedOld, OLD + 2_000_004, 'processing'));
    const doneRefundNo = await next(OLD + 2_000_005);
    await db.put('refunds', refund(doneRefundNo, settledOld[0] ?? '', OLD + 2_000_005, 'success'));
    const frozenNo = await next(OLD + 2_000_006);
    await db.put('deposits', deposit(frozenNo, OLD + 2_000_006, 'frozen'));
    const settledDepositNo = await next(OLD + 2_000_007);
    await db.put(
      'deposits',
      deposit(settledDepositNo, OLD + 2_000_007, 'settled', {
        kind: 'consume',
        outNo: await next(OLD + 2_000_008),
        consumed: fen(5_000),
        released: fen(5_000),
        status: 'success',
      }),
    );
    const settlingNo = await next(OLD + 2_000_009);
    await db.put(
      'deposits',
      deposit(settlingNo, OLD + 2_000_009, 'settled', {
        kind: 'consume',
        outNo: await next(OLD + 2_000_010),
        consumed: fen(5_000),
        released: fen(5_000),
        status: 'unknown',
      }),
    );
    const recentNo = await next(NOW - 10 * DAY);
    await put(order(recentNo, NOW - 10 * DAY, 'success', true));
    const justInside = await next(NOW - DEFAULT_RETENTION_DAYS * DAY);
    await put(order(justInside, NOW - DEFAULT_RETENTION_DAYS * DAY, 'success', true));
    await db.add('outbox', { kind: 'payment-tally', createdAt: OLD, attempts: 0, payload: { outTradeNo: settledOld[1] } });
    const counterBefore = await db.get('counters', PREFIX);

    let idles = 0;
    const result = await pruneSettled(db, { nowMs: NOW, idle: async () => void (idles += 1) });

    expect(result).toEqual({ orders: 1_100, refunds: 1, deposits: 1, kept: 7 });
    expect(idles).toBeGreaterThanOrEqual(2); // 1,100 + old rows in 500-row transactions, idle time between them
    for (const no of settledOld.slice(0, 3)) expect(await db.get('journal', no)).toBeUndefined();
    for (const no of [unknownOld, unreportedOld, unprintedOld, refundedOld, recentNo, justInside]) expect(await db.get('journal', no), no).toBeDefined();
    expect(await db.get('refunds', openRefundNo)).toBeDefined();
    expect(await db.get('refunds', doneRefundNo)).toBeUndefined();
    expect(await db.get('deposits', frozenNo)).toBeDefined();
    expect(await db.get('deposits', settlingNo)).toBeDefined();
    expect(await db.get('deposits', settledDepositNo)).toBeUndefined();
    // The unreported order is still found by the report sweep; the outbox and the counter are untouched.
    expect(await db.getAllKeysFromIndex('journal', 'unreported', 1)).toEqual([unreportedOld]);
    expect(await db.count('outbox')).toBe(1);
    expect(await db.get('counters', PREFIX)).toBe(counterBefore);
    // A number after pruning, with the clock set back to the oldest pruned row: never one issued before.
    const after = await new OrderNumberRepo(db, sources(OLD)).next(PREFIX);
    expect(issued).not.toContain(after);
    expect(Number(after.slice(-13))).toBeGreaterThan(Math.max(...issued.map((n) => Number(n.slice(-13)))));
    // A second pass finds nothing more to delete.
    expect(await pruneSettled(db, { nowMs: NOW })).toMatchObject({ orders: 0, refunds: 0, deposits: 0 });
  });

  it('a shorter window prunes more, never an open order', async () => {
    const db = await openTerminalDb(`retention-${crypto.randomUUID()}`);
    opened.push(db);
    await db.put('journal', journalRow(order('A', NOW - 40 * DAY, 'success', true)));
    await db.put('journal', journalRow(order('B', NOW - 40 * DAY, 'pending')));
    expect(await pruneSettled(db, { nowMs: NOW, keepDays: 30 })).toEqual({ orders: 1, refunds: 0, deposits: 0, kept: 1 });
    expect(await db.getAllKeys('journal')).toEqual(['B']);
  });
});

describe('retention and the v7 `bookkeeping` index', () => {
  it('a pruned bookkeeping sale leaves the index with its row; the kept ones (unreported, inside the window) stay in it', async () => {
    const db = await openTerminalDb(`retention-${crypto.randomUUID()}`);
    opened.push(db);
    const sale = (no: string, at: number, reported: boolean) =>
      journalRow({ ...saleEntry({ outTradeNo: no, method: 'cash', amount: fen(800), at }), ...(reported ? { reported: true } : {}) });
    await db.put('journal', sale('K-OLD', OLD, true)); // settled, reported, older than the window: pruned
    await db.put('journal', sale('K-UNREPORTED', OLD + 1, false)); // not carried by device_report yet: kept
    await db.put('journal', sale('K-RECENT', NOW - 10 * DAY, true)); // inside the window: kept
    await db.put('journal', journalRow(order('M-OLD', OLD + 2, 'success', true))); // a cpay order: pruned, never in the index
    expect(await db.getAllKeysFromIndex('journal', 'bookkeeping')).toEqual(['K-OLD', 'K-UNREPORTED', 'K-RECENT']);
    expect(await pruneSettled(db, { nowMs: NOW })).toEqual({ orders: 2, refunds: 0, deposits: 0, kept: 1 });
    expect(await db.getAllKeysFromIndex('journal', 'bookkeeping')).toEqual(['K-UNREPORTED', 'K-RECENT']);
    expect(await db.getAllKeys('journal')).toEqual(['K-RECENT', 'K-UNREPORTED']);
    // The local books read what is left: the old window holds the kept sale only.
    const books = localBooks(db, new DrawerLogRepo(db));
    expect((await books.sales(OLD - DAY, OLD + DAY)).map((e) => e.outTradeNo)).toEqual(['K-UNREPORTED']);
    expect((await books.sales(NOW - 30 * DAY, NOW)).map((e) => e.outTradeNo)).toEqual(['K-RECENT']);
  });
});

describe('retention: the configured window', () => {
  it('reads a whole number of days ≥ 30 from settings, else 400', async () => {
    const db = await openTerminalDb(`retention-${crypto.randomUUID()}`);
    opened.push(db);
    expect(await retentionDays(db)).toBe(DEFAULT_RETENTION_DAYS);
    await db.put('settings', 90, RETENTION_SETTING);
    expect(await retentionDays(db)).toBe(90);
    for (const bad of [10, 45.5, '90', -1]) {
      await db.put('settings', bad, RETENTION_SETTING);
      expect(await retentionDays(db), String(bad)).toBe(DEFAULT_RETENTION_DAYS);
    }
  });
});
