/**
 * The micropay state machine shared by brief_micro_pay (§6.5) and the general micro_pay (§7.2):
 * the customer code picks platform and scenario; order-number rules of spec §11 (prefix, ≤32,
 * identical retry → same answer, different content → 104/407 or 102 after a failure).
 */
import { feeTooLarge } from '../limits.js';
import { fingerprint, orderNoProblem, setOrderState } from '../orders.js';
import { isFinalFailure, isPaid, platformOfCode } from '../platforms.js';
import { DIGITS, nextString } from '../rng.js';
import { scenarioByName, scenarioOfCode } from '../scenarios.js';
import type { Binding, Order } from '../state.js';
import { fail, type Ctx, type Reply } from '../types.js';

/** What a micropay request asks for, whichever envelope it came in. */
export interface MicroPayInput {
  readonly otn: string;
  /** The order number's field name, for error descriptions. */
  readonly otnField: string;
  readonly authCode: string;
  readonly totalFee: number;
  readonly body: string;
  /** Every field that defines the order (its fingerprint), order number excluded. */
  readonly content: Record<string, unknown>;
}

const INSUFFICIENT = fail(104, 4003, '用户余额不足，请更换支付方式');

/** The binding the request was verified against (payment-key endpoints always have one). */
export function bindingOf(ctx: Ctx): Binding {
  if (!ctx.binding) throw new Error('payment endpoint reached without a verified binding');
  return ctx.binding;
}

/** A reused number: identical content → the current state; different content → 407 or 102. */
function reuse(order: Order, fp: string, answer: (o: Order) => Reply): Reply {
  if (order.tradeType !== 1) return fail(102, 4102, '订单号已被扫码支付订单使用，请使用新订单号');
  if (order.fingerprint !== fp) {
    if (isFinalFailure(order.state)) return fail(102, 4103, '订单号已使用且订单已结束，请使用新订单号');
    return fail(104, 407, '订单号重复且订单内容不一致（防重入拦截）。原订单可能已支付，请勿撤单，请查询原订单结果');
  }
  order.calls += 1;
  if (scenarioByName(order.scenario).firstReply === 'insufficient') return INSUFFICIENT;
  return answer(order);
}

/** Counts today's paid micropay orders of one customer code (for options.passwordAfter). */
function paidToday(ctx: Ctx, authCode: string): number {
  const day = Math.floor(ctx.now / 86_400_000);
  return Object.values(ctx.state.orders).filter((o) => o.authCode === authCode && isPaid(o.state) && Math.floor(o.createdAt / 86_400_000) === day).length;
}

/** Runs one micropay request; `answer` renders an order state in the endpoint's own shape. */
export function microPay(ctx: Ctx, input: MicroPayInput, answer: (o: Order) => Reply): Reply {
  const b = bindingOf(ctx);
  const problem = orderNoProblem(input.otn, b.cloudCashierId, input.otnField);
  if (problem) return fail(101, 4104, problem);
  if (input.totalFee <= 0) return fail(101, 4105, '订单金额必须大于0分');
  const tooLarge = feeTooLarge(input.totalFee, input.otnField === 'otn', input.otnField === 'otn' ? 'tf' : 'total_fee');
  if (tooLarge) return fail(101, 4105, tooLarge);
  const fp = fingerprint(input.content);
  const existing = ctx.state.orders[input.otn];
  if (existing) return reuse(existing, fp, answer);
  const platform = platformOfCode(input.authCode);
  if (!platform) return fail(104, 4001, '付款码无效，请让顾客刷新付款码后重新扫描');
  let scenario = scenarioOfCode(input.authCode);
  const limit = ctx.state.options.passwordAfter;
  if (scenario.name === 'success' && limit > 0 && paidToday(ctx, input.authCode) >= limit) scenario = scenarioByName('password');
  const order: Order = {
    outTradeNo: input.otn,
    platform,
    tradeType: 1,
    totalFee: input.totalFee,
    body: input.body,
    authCode: input.authCode,
    sn: b.sn,
    deviceId: b.deviceId,
    outShopId: b.outShopId,
    scenario: scenario.name,
    fingerprint: fp,
    createdAt: ctx.now,
    transactionId: `42000${nextString(ctx.state, 23, DIGITS)}`,
    state: 'initial',
    updatedAt: ctx.now,
    schedule: scenario.timeline.map((t) => ({ at: ctx.now + t.afterMs, to: t.to })),
    calls: 1,
    refundNos: [],
    history: [{ at: ctx.now, state: 'initial' }],
  };
  setOrderState(order, scenario.start, ctx.now);
  ctx.state.orders[input.otn] = order;
  switch (scenario.firstReply) {
    case 'status3':
      return fail(3, 5003, '支付结果未知，请查询订单确认支付结果');
    case 'status103':
      return fail(103, 5103, '系统繁忙，请3秒后重试或查询订单');
    case 'insufficient':
      return INSUFFICIENT;
    case 'hang':
      return { ...answer(order), hang: true };
    case 'slow':
      return { ...answer(order), delayMs: ctx.state.options.slowMs };
    default:
      return answer(order);
  }
}
