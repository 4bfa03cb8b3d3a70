/**
 * Refunds as data (spec §7.6, §10.4, §10.5): the local refund ledger, the server's refunds from
 * brief_query_order_list (ot = 2), and what is still refundable.
 *
 * Refundable = order total − every refund that may have moved money: succeeded, processing,
 * handed to manual payout, or whose outcome we do not know yet. Local and server refunds are
 * merged by out_refund_no (a refund is counted once); where both know a refund, the server's
 * state wins because it is the truth. A refund we created but never heard back about stays
 * counted until a query settles it: refusing a refund that would have fitted is recoverable,
 * paying twice is not.
 */
import {
  classifyOrderState,
  classifyRefundState,
  type Fen,
  type ListedRefund,
  type OrderStateClass,
  type OrderStateOnWire,
  type PayPlatformName,
} from '@cpay/protocol';

/** Where a refund stands. `created` is written BEFORE the refund request leaves. */
export type RefundStatus = 'created' | 'unknown' | 'processing' | 'success' | 'failed' | 'manual';

/** One refund this terminal started (IndexedDB `refunds` store, keyed by outRefundNo). */
export interface RefundRecord {
  readonly outRefundNo: string;
  readonly outTradeNo: string;
  readonly platform: PayPlatformName;
  readonly totalFee: Fen;
  readonly amount: Fen;
  readonly status: RefundStatus;
  /** cpay's `description` for failures, or our own reason. */
  readonly description?: string;
  /**
   * Bookkeeping refunds only (platform `bookkeeping`, src/features/bookkeeping/): a local refund of
   * a cash (402) or card (401) sale, settled at once (RecordRefundOrderState 2), never sent to cpay.
   */
  readonly subPayPlatform?: 401 | 402;
  readonly recordRefundState?: 1 | 2;
  /** The staff member signed in when the refund was made (as orders keep `staffId`); absent on a terminal without staff. */
  readonly staffId?: string;
  /** The manager who authorised it in place (a cashier's refund above the cashier limit). */
  readonly authorizationStaffId?: string;
  /** Server time, ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A refund as seen after merging the ledger with the server list. */
export interface KnownRefund {
  readonly outRefundNo: string;
  readonly amount: Fen;
  readonly status: RefundStatus;
  /** Which side told us: our ledger, the server list, or both. */
  readonly source: 'local' | 'server' | 'both';
}

/** Statuses that hold money against the order (everything but a certain failure). */
const COUNTED: ReadonlySet<RefundStatus> = new Set(['created', 'unknown', 'processing', 'success', 'manual']);
/** Statuses that are settled refunds (money returned or handed over for payout). */
const SETTLED: ReadonlySet<RefundStatus> = new Set(['success', 'manual']);

/** A server refund's state as a ledger status (undocumented values are processing). */
export function statusOfServerRefund(r: ListedRefund): RefundStatus {
  if (!r.refundState) return 'processing';
  const c = classifyRefundState(r.refundState);
  return c === 'pending' ? 'processing' : c;
}

/**
 * After this long, a refund only our ledger knows (created or unknown) that a readable server
 * list does not show never reached cpay: it stops holding money (status `failed`). Shorter
 * would risk a refund still in flight; the settle watch is 2 minutes.
 */
export const LOCAL_ONLY_STALE_MS = 10 * 60_000;

/** What the server list tells about local-only refunds: whether it was read, and when. */
export interface ServerListCheck {
  readonly read: boolean;
  readonly nowMs: number;
}

function localStatus(r: RefundRecord, check: ServerListCheck | undefined): RefundStatus {
  const unsettled = r.status === 'created' || r.status === 'unknown';
  return unsettled && check?.read === true && check.nowMs - r.updatedAt > LOCAL_ONLY_STALE_MS ? 'failed' : r.status;
}

/**
 * Merges ledger and server refunds of one order by out_refund_no; the server's state wins. With
 * `check`, a stale local-only refund the server does not list stops counting (see above).
 */
export function mergeRefunds(outTradeNo: string, local: readonly RefundRecord[], server: readonly ListedRefund[], check?: ServerListCheck): KnownRefund[] {
  const byNo = new Map<string, KnownRefund>();
  for (const r of local) {
    if (r.outTradeNo === outTradeNo) byNo.set(r.outRefundNo, { outRefundNo: r.outRefundNo, amount: r.amount, status: localStatus(r, check), source: 'local' });
  }
  for (const r of server) {
    if (r.outTradeNo !== outTradeNo) continue;
    const seen = byNo.has(r.outRefundNo);
    byNo.set(r.outRefundNo, { outRefundNo: r.outRefundNo, amount: r.refundFee, status: statusOfServerRefund(r), source: seen ? 'both' : 'server' });
  }
  return [...byNo.values()];
}

/** Sums of an order's refunds. */
export interface RefundTotals {
  /** Settled (success or manual payout). */
  readonly refunded: Fen;
  /** Accepted or unknown: not yet refunded, but not refundable again either. */
  readonly inFlight: Fen;
  /** total − refunded − inFlight, never negative. */
  readonly refundable: Fen;
}

/** What remains refundable of `total` given the known refunds. */
export function refundTotals(total: Fen, refunds: readonly KnownRefund[]): RefundTotals {
  let refunded = 0;
  let inFlight = 0;
  for (const r of refunds) {
    if (SETTLED.has(r.status)) refunded += r.amount;
    else if (COUNTED.has(r.status)) inFlight += r.amount;
  }
  return { refunded: refunded as Fen, inFlight: inFlight as Fen, refundable: Math.max(0, total - refunded - inFlight) as Fen };
}

/** What the order screen says about an order (spec §10.5, §13 steps 2, 5, 8). */
export type OrderDisplay = 'paid' | 'partially_refunded' | 'fully_refunded' | 'pending' | 'not_paid';

/**
 * The display state. WeChat/card report a full refund in `cts` (4); Alipay's 5 means "closed or
 * refunded", so it counts as fully refunded only when settled refunds cover the total.
 */
export function orderDisplay(state: OrderStateOnWire | undefined, total: Fen, totals: RefundTotals): OrderDisplay {
  const cls: OrderStateClass = state ? (isDepositConsumption(state) ? 'success' : classifyOrderState(state)) : 'pending';
  if (cls === 'refunded' || (total > 0 && totals.refunded >= total)) return 'fully_refunded';
  if (cls === 'success') return totals.refunded + totals.inFlight > 0 ? 'partially_refunded' : 'paid';
  if (cls === 'pending' || cls === 'user_paying') return 'pending';
  return 'not_paid';
}

/** True when the order can take a refund at all (paid, not fully refunded; Alipay 6 is final). */
export function acceptsRefunds(state: OrderStateOnWire | undefined): boolean {
  if (state && isDepositConsumption(state)) return true;
  if (!state || classifyOrderState(state) !== 'success') return false;
  return !(state.platform === 'alipay' && state.cts === 6);
}

/**
 * WeChat 14 "押金消费成功" (003 L506): money taken from a deposit by deposit_consume. On cpay it is
 * an order of its own, paid and refundable (in deposit mode, with its out_freeze_no).
 */
export function isDepositConsumption(state: OrderStateOnWire): boolean {
  return state.platform === 'wechat' && state.cts === 14;
}
