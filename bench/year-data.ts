/**
 * A year of a busy stall in the app's real IndexedDB (issue 21), for `npm run bench`
 * (scripts/bench-tablet.mjs bundles this file with vite and runs it inside the app's own origin,
 * after the demo device is bound). Seeded and deterministic: the same seed and `nowMs` give the
 * same database. Rows go through the app's own schema and row builders (openTerminalDb with its
 * migrations, `journalRow`, the RefundRecord/DepositRecord shapes, ShiftRepo, OutboxRepo), so the
 * shape and the indexes are exactly what the app writes; only the batching (many rows per
 * transaction) differs from a sale's one-row transactions.
 *
 * Default: 150,000 orders over the 365 days before today (micropay, ~96 % success, failed, closed,
 * cancelled; one in 25 a cash or card bookkeeping sale; every one with its history and device_report call info, reported), 5,000 refunds of
 * paid orders, 2,000 deposits (settled by consumption or unfreeze, some failed), 365 shifts (the
 * last one open since today's start), the order-number counter moved past every seeded number,
 * and the last 20 orders' tallies waiting in the report outbox (queued by the app's OutboxRepo).
 */
import type { ApiCallingInfo, Fen } from '@cpay/protocol';
import type { DepositRecord } from '../src/features/deposit/deposit.js';
import { nextOrderNo } from '../src/kernel/order-no.js';
import type { RefundRecord } from '../src/features/refund/refund.js';
import type { JournalEntry, JournalStatus } from '../src/kernel/flow/ports.js';
import { openTerminalDb } from '../src/platform/storage/db.js';
import { journalRow } from '../src/platform/storage/journal-row.js';
import { OutboxRepo } from '../src/platform/storage/outbox-repo.js';
import type { BindingRecord } from '../src/kernel/binding.js';
import { ShiftRepo } from '../src/platform/storage/shift-repo.js';
import { closeWith, shiftFigures } from '../src/features/shift/shift.js';
import { saleEntry } from '../src/features/bookkeeping/bookkeeping.js';

export interface YearOptions {
  readonly seed?: number;
  readonly orders?: number;
  readonly refunds?: number;
  readonly deposits?: number;
  readonly days?: number;
  /** Server time the year ends at (default Date.now()); the year is the `days` days before its CST day. */
  readonly nowMs?: number;
  readonly batch?: number;
}

export interface YearResult {
  readonly orders: number;
  readonly refunds: number;
  readonly deposits: number;
  readonly shifts: number;
  readonly outbox: number;
  readonly firstMs: number;
  readonly lastMs: number;
  /** A seeded paid order number (for a lookup). */
  readonly sampleOrderNo: string;
  readonly seconds: number;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const PLATFORMS = ['wechat', 'alipay'] as const;
const CODES = { wechat: '134567******8901', alipay: '281234******5678' } as const;
const PAY_PLATFORM = { wechat: 1, alipay: 2 } as const;

/** Fills the terminal database with a year of sales; the device must be bound (its prefix and device id number the orders). */
export async function seedYear(o: YearOptions = {}): Promise<YearResult> {
  const t0 = performance.now();
  const rand = rng(o.seed ?? 21);
  const nOrders = o.orders ?? 150_000;
  const nRefunds = o.refunds ?? 5_000;
  const nDeposits = o.deposits ?? 2_000;
  const days = o.days ?? 365;
  const batch = o.batch ?? 2_000;
  const now = o.nowMs ?? Date.now();
  const today = Math.floor((now + CST) / DAY) * DAY - CST; // 00:00 CST today
  const first = today - days * DAY;
  const db = await openTerminalDb();
  try {
    const binding = (await db.get('binding', 'current')) as BindingRecord | undefined;
    if (!binding) throw new Error('seedYear: bind the terminal first (the order numbers need its prefix and device id)');
    const prefix = binding.cloudCashierId;
    // Orders, refunds, deposits and settlements share one counter in the app: one forward value each.
    const used = new Set<number>();
    let lastForward = 0;
    const number = (ms: number): string => {
      let f = Math.floor(ms);
      while (used.has(f)) f += 1;
      used.add(f);
      lastForward = Math.max(lastForward, f);
      const r = nextOrderNo({ prefix, deviceKey: binding.deviceId, lastForward: undefined, nowMs: f });
      if (!r.ok) throw new Error(`seedYear: no order number (${r.error.kind})`);
      return r.orderNo;
    };
    // Sale times: `days` days of 08:00–22:00 CST, strictly increasing (distinct forward parts).
    const times: number[] = [];
    for (let i = 0; i < nOrders; i += 1) {
      const d = Math.floor((i * days) / nOrders);
      times.push(first + d * DAY + 8 * 3_600_000 + Math.floor(rand() * 14 * 3_600_000));
    }
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i += 1) if ((times[i] ?? 0) <= (times[i - 1] ?? 0)) times[i] = (times[i - 1] ?? 0) + 1;

    const paid: { no: string; amount: number; platform: 'wechat' | 'alipay'; at: number }[] = [];
    let sampleOrderNo = '';
    for (let start = 0; start < nOrders; start += batch) {
      const tx = db.transaction('journal', 'readwrite');
      const puts: Promise<unknown>[] = [];
      for (let i = start; i < Math.min(nOrders, start + batch); i += 1) {
        const at = times[i] ?? first;
        const no = number(at);
        const r = rand();
        const status: JournalStatus = r < 0.96 ? 'success' : r < 0.985 ? 'failed' : r < 0.995 ? 'closed' : 'cancelled';
        const platform = PLATFORMS[rand() < 0.62 ? 0 : 1];
        const amount = (100 + Math.floor(rand() * 9_900)) as Fen; // ¥1–¥100
        const done = at + 600 + Math.floor(rand() * 2_400);
        const info: ApiCallingInfo = {
          outTradeNo: no,
          code: 200,
          status: status === 'success' ? 0 : 1,
          internalStatus: 0,
          delayMs: done - at,
          description: status === 'success' ? '' : '支付失败',
          payPlatform: PAY_PLATFORM[platform],
          orderStatus: status === 'success' ? 2 : 3,
        };
        // One order in 25 is a cash / card bookkeeping sale (PayPlatform 4, SubPayPlatform 402 / 401), as the app records it.
        if (i % 25 === 7) {
          const method = i % 75 === 7 ? 'card' : 'cash';
          const sale = saleEntry({ outTradeNo: no, method, amount, ...(method === 'cash' ? { tendered: amount, change: 0 as Fen } : {}), at });
          puts.push(tx.store.put(journalRow({ ...sale, reported: true })));
          continue;
        }
        const entry: JournalEntry = {
          outTradeNo: no,
          kind: 'micropay',
          amount,
          body: binding.shopName,
          status,
          ...(status === 'cancelled' ? {} : { platform, maskedCode: CODES[platform], apiCallingInfos: [info] }),
          ...(status === 'failed' ? { description: '支付失败' } : {}),
          createdAt: at,
          updatedAt: done,
          history: [
            { at, phase: 'created', cause: 'created' },
            ...(status === 'cancelled'
              ? [{ at: done, phase: 'cancelled', cause: 'cashier' }]
              : [
                  { at: at + 5, phase: 'submitting', cause: 'brief_micro_pay' },
                  { at: done, phase: status, cause: 'brief_micro_pay', status: info.status, internalStatus: 0 },
                ]),
          ],
          // The last 20 orders are not reported yet: the outbox below takes them.
          reported: i < nOrders - 20,
        };
        puts.push(tx.store.put(journalRow(entry)));
        if (status === 'success') paid.push({ no, amount, platform, at });
        if (status === 'success' && !sampleOrderNo && i > nOrders / 2) sampleOrderNo = no;
      }
      await Promise.all([...puts, tx.done]);
    }

    // Refunds of paid orders (an order refunded at most once here), created 1 min – 3 days after the sale.
    const refunded = new Set<number>();
    const refunds: RefundRecord[] = [];
    while (refunds.length < Math.min(nRefunds, paid.length)) {
      const k = Math.floor(rand() * paid.length);
      if (refunded.has(k)) continue;
      refunded.add(k);
      const p = paid[k];
      if (!p) continue;
      const at = Math.min(p.at + 60_000 + Math.floor(rand() * 3 * DAY), today - 1);
      const full = rand() < 0.7;
      refunds.push({
        outRefundNo: number(at),
        outTradeNo: p.no,
        platform: p.platform,
        totalFee: p.amount as Fen,
        amount: (full ? p.amount : Math.max(1, Math.floor(p.amount / 2))) as Fen,
        status: rand() < 0.98 ? 'success' : 'failed',
        createdAt: at,
        updatedAt: at + 1_500,
      });
    }
    for (let start = 0; start < refunds.length; start += batch) {
      const tx = db.transaction('refunds', 'readwrite');
      await Promise.all([...refunds.slice(start, start + batch).map((r) => tx.store.put(r)), tx.done]);
    }

    // Deposits: frozen in the day, settled the same day or the next (consumption or unfreeze), ~2 % failed.
    const deposits: DepositRecord[] = [];
    for (let i = 0; i < nDeposits; i += 1) {
      const at = first + Math.floor((i * days * DAY) / nDeposits) + 9 * 3_600_000 + Math.floor(rand() * 3_600_000) + 7;
      const platform = PLATFORMS[rand() < 0.5 ? 0 : 1];
      const amount = (10_000 + Math.floor(rand() * 40) * 1_000) as Fen;
      const failed = rand() < 0.02;
      const consumed = rand() < 0.8 ? (Math.floor(amount * (0.3 + rand() * 0.7)) as Fen) : (0 as Fen);
      const settledAt = at + 3_600_000 + Math.floor(rand() * DAY);
      deposits.push({
        outFreezeNo: number(at),
        amount,
        body: '押金',
        status: failed ? 'failed' : 'settled',
        platform,
        maskedCode: CODES[platform],
        createdAt: at,
        updatedAt: failed ? at + 2_000 : settledAt,
        history: [
          { at, phase: 'created', cause: 'created' },
          { at: at + 1_500, phase: failed ? 'failed' : 'frozen', cause: 'micro_freeze', status: failed ? 1 : 0 },
          ...(failed ? [] : [{ at: settledAt, phase: 'settled', cause: consumed > 0 ? 'consume' : 'unfreeze', status: 0 }]),
        ],
        ...(failed
          ? {}
          : {
              settlement: {
                kind: consumed > 0 ? ('consume' as const) : ('unfreeze' as const),
                outNo: number(settledAt),
                consumed,
                released: (amount - consumed) as Fen,
                status: 'success' as const,
              },
            }),
      });
    }
    {
      const tx = db.transaction('deposits', 'readwrite');
      await Promise.all([...deposits.map((d) => tx.store.put(d)), tx.done]);
    }

    // 365 shifts through the app's ShiftRepo: one a day (08:00–22:00, ¥200 float, counted even), the last one open since today.
    const shifts = new ShiftRepo(db);
    for (let d = 0; d < days - 1; d += 1) {
      const from = first + d * DAY + 8 * 3_600_000;
      const to = first + d * DAY + 22 * 3_600_000;
      await shifts.open(from, 20_000);
      await shifts.close(from, closeWith(shiftFigures({ fromMs: from, toMs: to, floatFen: 20_000, sales: [], refunds: [] }), { 10000: 2 }));
    }
    await shifts.open(today, 20_000);

    // The order-number counter past every seeded number (never behind it: no number reused).
    {
      const tx = db.transaction('counters', 'readwrite');
      const prev = await tx.store.get(prefix);
      await tx.store.put(Math.max(prev ?? 0, lastForward), prefix);
      await tx.done;
    }
    // Report outbox: the last 20 orders' tallies through the app's own OutboxRepo.
    const outbox = new OutboxRepo(db);
    const lastKeys = await db.getAllKeysFromIndex('journal', 'unreported', 1);
    let queued = 0;
    for (const k of lastKeys) if (await outbox.enqueuePayment(k)) queued += 1;
    return {
      orders: nOrders,
      refunds: refunds.length,
      deposits: deposits.length,
      shifts: days,
      outbox: queued,
      firstMs: times[0] ?? first,
      lastMs: times.at(-1) ?? first,
      sampleOrderNo,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    db.close();
  }
}
