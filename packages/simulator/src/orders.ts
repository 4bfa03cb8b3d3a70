/**
 * Order and refund truth: time-driven transitions, refundable amounts and the "fully refunded"
 * rule (WeChat cts stays 2 until every fen is refunded, then 4; spec §7.4, §13).
 */
import { settleDeposits } from './deposit-state.js';
import { isPaid } from './platforms.js';
import type { AbstractState, Order, Refund, SimState } from './state.js';

/** Moves an order to `to` at `now`, recording the change. */
export function setOrderState(order: Order, to: AbstractState, now: number): void {
  if (order.state === to) return;
  order.state = to;
  order.updatedAt = now;
  order.history.push({ at: now, state: to });
  if (isPaid(to) && order.paidAt === undefined) order.paidAt = now;
}

/** Applies every transition and refund settlement due at `now` (the only clock is `now`). */
export function settle(state: SimState, now: number): void {
  for (const order of Object.values(state.orders)) {
    while (order.schedule.length > 0 && (order.schedule[0]?.at ?? Infinity) <= now) {
      const t = order.schedule.shift();
      if (t) setOrderState(order, t.to, t.at);
    }
  }
  for (const refund of Object.values(state.refunds)) {
    if (refund.settleAt !== undefined && refund.settleTo && refund.settleAt <= now) {
      refund.state = refund.settleTo;
      refund.updatedAt = refund.settleAt;
      refund.settleAt = undefined;
      refund.settleTo = undefined;
      const order = state.orders[refund.outTradeNo];
      if (order) markFullyRefunded(state, order, refund.updatedAt);
    }
  }
  settleDeposits(state, now);
}

/** The order's refunds, oldest first. */
export function refundsOf(state: SimState, order: Order): Refund[] {
  return order.refundNos.map((no) => state.refunds[no]).filter((r): r is Refund => r !== undefined);
}

/** Sum of refunds that succeeded. */
export function refundedFee(state: SimState, order: Order): number {
  return refundsOf(state, order)
    .filter((r) => r.state === 'success')
    .reduce((n, r) => n + r.refundFee, 0);
}

/** Total minus refunds that succeeded or are still processing (failed ones give the money back). */
export function refundableFee(state: SimState, order: Order): number {
  if (!isPaid(order.state)) return 0;
  const taken = refundsOf(state, order)
    .filter((r) => r.state !== 'failed')
    .reduce((n, r) => n + r.refundFee, 0);
  return Math.max(0, order.totalFee - taken);
}

/** Switches a paid order to `refunded` once its successful refunds cover the whole total. */
export function markFullyRefunded(state: SimState, order: Order, now: number): void {
  if (isPaid(order.state) && order.state !== 'refunded' && refundedFee(state, order) >= order.totalFee) {
    setOrderState(order, 'refunded', now);
  }
}

/** A canonical text of the fields that define an order or refund, for re-entrancy checks. */
export function fingerprint(fields: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(fields)
      .sort()
      .map((k) => [k, fields[k]]),
  );
}

/**
 * Checks an order or refund number (spec §11): prefix `cloud_cashier_id`, at most 32 characters,
 * `[0-9A-Za-z]`. Returns the problem as a description, or undefined when it is fine.
 */
export function orderNoProblem(no: string, prefix: string, field: string): string | undefined {
  if (no.length > 32) return `${field} 长度不能超过32位（当前${no.length}位）`;
  if (!/^[0-9A-Za-z]+$/.test(no)) return `${field} 只能包含数字和字母`;
  if (!no.startsWith(prefix) || no.length === prefix.length) return `${field} 必须以云支付订单前缀 ${prefix} 开头并带有后缀`;
  return undefined;
}

/** Fen as a yuan text with two decimals ("0.03"). */
export function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
