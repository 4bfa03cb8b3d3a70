/**
 * Shift/day summary (spec §6.10, §10.6) from brief_query_order_list_overview rows: per platform
 * the successful payments (count, amount), the refunds initiated (count, amount) and the net;
 * the bars of a small chart; the shift receipt's data. Pure.
 *
 * Net = successful amount − refunds initiated in the window (`rca`, which includes refunds still
 * processing): the amount the shift can count on keeping. Fees and income are cpay's own figures
 * (003 L13610-13646): `pdg` (poundage) = fees on payments − fees returned with reversals and
 * refunds (may be negative), `ia` (income_amount) = the amount credited to the merchant.
 */
import type { OverviewRow } from '@cpay/protocol';

/** Platforms the summary shows, in order. */
export const SUMMARY_PLATFORMS = ['wechat', 'alipay', 'card', 'cash', 'bank_card', 'other'] as const;
/** One of {@link SUMMARY_PLATFORMS}. */
export type SummaryPlatform = (typeof SUMMARY_PLATFORMS)[number];

/** One platform's line (amounts in fen; counts may be negative per spec). */
export interface SummaryLine {
  readonly platform: SummaryPlatform | 'total';
  readonly count: number;
  readonly amount: number;
  readonly refundCount: number;
  readonly refundAmount: number;
  readonly net: number;
  /** cpay's fees (pdg): may be negative when refunds returned more than the window charged. */
  readonly fees: number;
  /** Amount credited (ia): what the merchant receives after refunds and fees. */
  readonly income: number;
}

/** A shift as recorded locally. */
export interface Shift {
  /** Server ms. */
  readonly startedAt: number;
  readonly endedAt?: number;
}

/** The whole summary: a line per platform that had activity, and the total. */
export interface Summary {
  readonly fromMs: number;
  readonly toMs: number;
  readonly lines: readonly SummaryLine[];
  readonly total: SummaryLine;
  /** Set when cpay's overview could not be read: the lines are this terminal's cash / card only. */
  readonly serverError?: string;
}

/**
 * A bookkeeping method's totals (features/bookkeeping `methodTotals`) as the summary counts them:
 * cash (402) and bank card (401) come from this terminal's journal, never from cpay; cpay charged
 * no fee and credited nothing for them (fees and income 0).
 */
export interface LocalMethodTotals {
  readonly method: 'cash' | 'card';
  readonly count: number;
  readonly amount: number;
  readonly refundCount: number;
  readonly refundAmount: number;
}

const PLATFORM_OF: Readonly<Record<number, SummaryPlatform>> = { 100: 'wechat', 200: 'alipay', 300: 'card', 401: 'bank_card', 402: 'cash' };

const empty = (platform: SummaryLine['platform']): SummaryLine => ({
  platform,
  count: 0,
  amount: 0,
  refundCount: 0,
  refundAmount: 0,
  net: 0,
  fees: 0,
  income: 0,
});

function add(a: SummaryLine, r: OverviewRow): SummaryLine {
  const amount = a.amount + r.successAmount;
  const refundAmount = a.refundAmount + r.refundCreateAmount;
  return {
    platform: a.platform,
    count: a.count + r.successCount,
    amount,
    refundCount: a.refundCount + r.refundCreateCount,
    refundAmount,
    net: amount - refundAmount,
    fees: a.fees + r.poundage,
    income: a.income + r.incomeAmount,
  };
}

/** A bookkeeping method's totals as an overview-shaped row (SubPayPlatform 401 / 402, no fees, nothing credited by cpay). */
function localRow(t: LocalMethodTotals): OverviewRow {
  return {
    subPayPlatform: t.method === 'cash' ? 402 : 401,
    successCount: t.count,
    successAmount: t.amount,
    settlementAmount: 0,
    discountAmount: 0,
    paySettleAmount: 0,
    refundSettleAmount: 0,
    refundCreateCount: t.refundCount,
    refundCreateAmount: t.refundAmount,
    poundage: 0,
    incomeAmount: 0,
    orderRefundedAmount: 0,
  };
}

/**
 * Folds overview rows (several trade types per platform are summed) and this terminal's cash /
 * card bookkeeping totals into the summary.
 */
export function summarise(rows: readonly OverviewRow[], fromMs: number, toMs: number, local: readonly LocalMethodTotals[] = []): Summary {
  const by = new Map<SummaryPlatform, SummaryLine>();
  let total = empty('total');
  const all = [...rows, ...local.filter((t) => t.count !== 0 || t.refundCount !== 0).map(localRow)];
  for (const r of all) {
    const p = PLATFORM_OF[r.subPayPlatform ?? 0] ?? 'other';
    by.set(p, add(by.get(p) ?? empty(p), r));
    total = add(total, r);
  }
  const lines = SUMMARY_PLATFORMS.flatMap((p) => {
    const l = by.get(p);
    return l ? [l] : [];
  });
  return { fromMs, toMs, lines, total };
}

/** One bar pair of the chart, in SVG user units. */
export interface ChartBar {
  readonly platform: SummaryPlatform;
  readonly x: number;
  readonly width: number;
  /** Payment bar height and refund bar height (same scale). */
  readonly payHeight: number;
  readonly refundHeight: number;
}

/**
 * Bars for an SVG of `width`×`height`: two bars per platform (payments, refunds) scaled to the
 * largest amount; a zero-amount summary gives zero-height bars (never NaN).
 */
export function chartBars(lines: readonly SummaryLine[], width: number, height: number): ChartBar[] {
  const max = lines.reduce((m, l) => Math.max(m, Math.abs(l.amount), Math.abs(l.refundAmount)), 0);
  const slot = lines.length > 0 ? width / lines.length : width;
  const scale = (v: number) => (max === 0 ? 0 : Math.round((Math.abs(v) / max) * height * 100) / 100);
  return lines
    .filter((l): l is SummaryLine & { platform: SummaryPlatform } => l.platform !== 'total')
    .map((l, i) => ({
      platform: l.platform,
      x: Math.round(i * slot * 100) / 100,
      width: Math.round((slot / 2 - 4) * 100) / 100,
      payHeight: scale(l.amount),
      refundHeight: scale(l.refundAmount),
    }));
}

/** The window of a shift: from its start to its end, or to `nowMs` while it is open. */
export function shiftWindow(shift: Shift | undefined, nowMs: number, dayStartMs: number): { readonly fromMs: number; readonly toMs: number } {
  if (!shift) return { fromMs: dayStartMs, toMs: nowMs };
  return { fromMs: shift.startedAt, toMs: shift.endedAt ?? nowMs };
}
