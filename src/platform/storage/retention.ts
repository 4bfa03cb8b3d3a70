/**
 * Retention (issue 21): keeps the terminal's storage bounded after years of sales. Policy
 * (docs/decisions, README "Storage and retention"):
 * - a journal order, refund or deposit older than the window (default 400 days, by its
 *   `createdAt`, server time) is deleted once it is SETTLED: a final status, reported by
 *   device_report (orders), no settlement pending (deposits), no refund of it still open
 *   (orders), and no unfinished print job for it;
 * - NEVER pruned: an open or unknown order/refund/deposit, an order device_report has not carried,
 *   anything with a print job not done, the report outbox, the order-number counters (so a
 *   number is never handed out again: the counter is not a list of orders), the binding, the vault,
 *   settings and the shifts (one small record per shift: a handover is the shop's record of its cash);
 * - runs in small transactions (CHUNK rows each) with the caller's idle callback between them, so
 *   a sale's journal write never waits behind a long delete.
 * cpay keeps the authoritative order history; the terminal's copy of an old settled order is a
 * cache, and refunds of old orders are looked up on the server (the refund lookup's server truth).
 */
import type { DepositRecord } from '../../features/deposit/deposit.js';
import type { RefundRecord } from '../../features/refund/refund.js';
import type { Db } from './db.js';
import type { JournalRow } from './schema.js';

/** Default retention window in days (a year and a bit: last year's same-day comparisons still work). */
export const DEFAULT_RETENTION_DAYS = 400;
const DAY = 86_400_000;
/** Rows examined per transaction. */
const CHUNK = 500;

export interface RetentionOptions {
  /** Server time now (ms). */
  readonly nowMs: number;
  readonly keepDays?: number;
  /** Waits for idle time between chunks (default: resolves at once). */
  readonly idle?: () => Promise<void>;
}

export interface RetentionResult {
  readonly orders: number;
  readonly refunds: number;
  readonly deposits: number;
  /** Old rows kept because a rule protects them (open, unreported, unprinted, open refund). */
  readonly kept: number;
}

const FINAL_REFUND: ReadonlySet<RefundRecord['status']> = new Set(['success', 'failed', 'manual']);
const OPEN_REFUND = ['created', 'unknown', 'processing'] as const;

/** The order/refund/deposit number a print job is for (`pay:<no>`, `refund:<no>`, …). */
const numberOfJob = (id: string): string => id.slice(id.indexOf(':') + 1);

const settledOrder = (row: JournalRow, unprinted: ReadonlySet<string>, openRefundOrders: ReadonlySet<string>): boolean =>
  row.open === 0 && row.unreported === undefined && row.entry.reported === true && !unprinted.has(row.outTradeNo) && !openRefundOrders.has(row.outTradeNo);
const settledRefund = (r: RefundRecord, unprinted: ReadonlySet<string>): boolean => FINAL_REFUND.has(r.status) && !unprinted.has(r.outRefundNo);
const settledDeposit = (d: DepositRecord, unprinted: ReadonlySet<string>): boolean =>
  (d.status === 'settled' || d.status === 'failed') &&
  (d.settlement === undefined || d.settlement.status === 'success' || d.settlement.status === 'failed') &&
  !unprinted.has(d.outFreezeNo) &&
  !(d.settlement && unprinted.has(d.settlement.outNo));

/**
 * One pass of the policy over rows created before `nowMs - keepDays`: walks the `createdAt`
 * indexes (never the rows inside the window), CHUNK rows per transaction.
 */
export async function pruneSettled(db: Db, o: RetentionOptions): Promise<RetentionResult> {
  const cutoff = o.nowMs - (o.keepDays ?? DEFAULT_RETENTION_DAYS) * DAY;
  const idle = o.idle ?? (() => Promise.resolve());
  const unprinted = new Set((await db.getAllKeysFromIndex('printJobs', 'open', 1)).map(numberOfJob));
  const openRefundOrders = new Set((await Promise.all(OPEN_REFUND.map((s) => db.getAllFromIndex('refunds', 'status', s)))).flat().map((r) => r.outTradeNo));
  let kept = 0;

  const walk = async <S extends 'journal' | 'refunds' | 'deposits'>(store: S, prunable: (v: never) => boolean): Promise<number> => {
    let deleted = 0;
    let after: number | undefined;
    for (;;) {
      const range = after === undefined ? IDBKeyRange.upperBound(cutoff, true) : IDBKeyRange.bound(after, cutoff, true, true);
      const tx = db.transaction(store, 'readwrite');
      let seen = 0;
      for (let c = await tx.store.index('createdAt').openCursor(range); c && seen < CHUNK; c = await c.continue()) {
        seen += 1;
        after = c.key as number;
        if (prunable(c.value as never)) {
          await c.delete();
          deleted += 1;
        } else kept += 1;
      }
      await tx.done;
      if (seen < CHUNK) return deleted;
      await idle();
    }
  };

  const orders = await walk('journal', (row: JournalRow) => settledOrder(row, unprinted, openRefundOrders));
  const refunds = await walk('refunds', (r: RefundRecord) => settledRefund(r, unprinted));
  const deposits = await walk('deposits', (d: DepositRecord) => settledDeposit(d, unprinted));
  return { orders, refunds, deposits, kept };
}

/** Settings key of a retention window other than the default (days, at least MIN_RETENTION_DAYS). */
export const RETENTION_SETTING = 'retentionDays';
/** Shortest window accepted from settings (a month of refunds and reprints stays local). */
export const MIN_RETENTION_DAYS = 30;

/** The configured window: the `retentionDays` setting when it is a whole number ≥ 30, else the default. */
export async function retentionDays(db: Db): Promise<number> {
  const v = await db.get('settings', RETENTION_SETTING);
  return typeof v === 'number' && Number.isInteger(v) && v >= MIN_RETENTION_DAYS ? v : DEFAULT_RETENTION_DAYS;
}

/**
 * Runs the policy in the background: first `firstAfterMs` after start (default a minute: the boot
 * and the first sale come first), then once a day; each chunk waits for idle time. `now` should
 * not run ahead of the real time (the app passes min(server time, local time)): a clock ahead
 * would only prune earlier, but settled rows only. Returns a stop function.
 */
export function scheduleRetention(
  db: Db,
  o: { readonly now: () => number; readonly whenIdle: (work: () => void) => void; readonly firstAfterMs?: number },
): () => void {
  let running = false;
  const idle = () => new Promise<void>((resolve) => o.whenIdle(resolve));
  const run = () => {
    if (running) return;
    running = true;
    void retentionDays(db)
      .then((keepDays) => pruneSettled(db, { nowMs: o.now(), keepDays, idle }))
      .then((r) => {
        if (r.orders + r.refunds + r.deposits > 0) console.info('[retention] pruned', r);
      })
      .catch((e: unknown) => console.warn('[retention]', e))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, o.firstAfterMs ?? 60_000);
  const daily = setInterval(run, DAY);
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
