/**
 * brief_micro_pay and brief_query_order (spec §6.5, §6.6): the customer code picks platform and
 * scenario; order-number rules of spec §11 (prefix, ≤32, idempotent retry, 407, 102).
 */
import { fingerprint, orderNoProblem, setOrderState } from '../orders.js';
import { ctsOf, isFinalFailure, PAY_PLATFORM, platformOfCode, tsdOf } from '../platforms.js';
import { DIGITS, nextString } from '../rng.js';
import { scenarioOfCode } from '../scenarios.js';
import type { Binding, Order } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, optStr, str } from '../wire.js';

/** The `wx` / `ali` / `cd` object of a brief reply. */
export function briefStateObject(order: Order): Record<string, unknown> {
  const cts = ctsOf(order.state, order.platform);
  if (order.platform === 'wechat') return { wx: { cts, tsd: tsdOf(order.state) } };
  return order.platform === 'alipay' ? { ali: { cts } } : { cd: { cts } };
}

const INSUFFICIENT = fail(104, 4003, '用户余额不足，请更换支付方式');

function stateReply(ctx: Ctx, order: Order): Reply {
  return ok('brief_micro_pay', { ...briefStateObject(order), ns: nextString(ctx.state, 8) });
}

/** The binding the request was verified against (payment-key endpoints always have one). */
export function bindingOf(ctx: Ctx): Binding {
  if (!ctx.binding) throw new Error('payment endpoint reached without a verified binding');
  return ctx.binding;
}

/** A reused number: identical content → the same answer; different content → 407 or 102. */
function reuse(ctx: Ctx, order: Order, fp: string): Reply {
  if (order.tradeType !== 1) return fail(102, 4102, '订单号已被扫码支付订单使用，请使用新订单号');
  if (order.fingerprint !== fp) {
    if (isFinalFailure(order.state)) return fail(102, 4103, '订单号已使用且订单已结束，请使用新订单号');
    return fail(104, 407, '订单号重复且订单内容不一致（防重入拦截）。原订单可能已支付，请勿撤单，请查询原订单结果');
  }
  order.calls += 1;
  if (scenarioOfCode(order.authCode ?? '').firstReply === 'insufficient') return INSUFFICIENT;
  return stateReply(ctx, order);
}

/** brief_micro_pay. */
export function briefMicroPay(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const f = {
    sc: str(ctx.inner, 'sc'), osi: str(ctx.inner, 'osi'), otn: str(ctx.inner, 'otn'), ac: str(ctx.inner, 'ac'),
    tf: int(ctx.inner, 'tf'), bd: str(ctx.inner, 'bd'), di: str(ctx.inner, 'di'), stt: int(ctx.inner, 'stt'),
  };
  str(ctx.inner, 'ns');
  if (f.sc !== b.sn || f.osi !== b.outShopId || f.di !== b.deviceId) return fail(101, 4101, '门店或设备与机具绑定关系不符');
  const problem = orderNoProblem(f.otn, b.cloudCashierId, 'otn');
  if (problem) return fail(101, 4104, problem);
  if (f.tf <= 0) return fail(101, 4105, '订单金额必须大于0分');
  const fp = fingerprint({ ...f, otn: undefined });
  const existing = ctx.state.orders[f.otn];
  if (existing) return reuse(ctx, existing, fp);
  const platform = platformOfCode(f.ac);
  if (!platform) return fail(104, 4001, '付款码无效，请让顾客刷新付款码后重新扫描');
  const scenario = scenarioOfCode(f.ac);
  const order: Order = {
    outTradeNo: f.otn, platform, tradeType: 1, totalFee: f.tf, body: f.bd, authCode: f.ac, sn: b.sn, deviceId: b.deviceId,
    outShopId: b.outShopId, scenario: scenario.name, fingerprint: fp, createdAt: ctx.now,
    transactionId: `42000${nextString(ctx.state, 23, DIGITS)}`, state: 'initial', updatedAt: ctx.now,
    schedule: scenario.timeline.map((t) => ({ at: ctx.now + t.afterMs, to: t.to })), calls: 1, refundNos: [],
    history: [{ at: ctx.now, state: 'initial' }],
  };
  setOrderState(order, scenario.start, ctx.now);
  ctx.state.orders[f.otn] = order;
  switch (scenario.firstReply) {
    case 'status3': return fail(3, 5003, '支付结果未知，请查询订单确认支付结果');
    case 'status103': return fail(103, 5103, '系统繁忙，请3秒后重试或查询订单');
    case 'insufficient': return INSUFFICIENT;
    case 'hang': return { ...stateReply(ctx, order), hang: true };
    case 'slow': return { ...stateReply(ctx, order), delayMs: ctx.state.options.slowMs };
    default: return stateReply(ctx, order);
  }
}

/** brief_query_order (accepts the optional `di` and `sc`, spec §15 #16). */
export function briefQueryOrder(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const osi = str(ctx.inner, 'osi');
  const otn = str(ctx.inner, 'otn');
  str(ctx.inner, 'ns');
  optStr(ctx.inner, 'di');
  optStr(ctx.inner, 'sc');
  if (osi !== b.outShopId) return fail(101, 4101, '门店与机具绑定关系不符');
  const order = ctx.state.orders[otn];
  if (!order || order.outShopId !== osi) return fail(104, 4004, `订单不存在：${otn}`);
  return ok('brief_query_order', {
    pp: PAY_PLATFORM[order.platform], otn: order.outTradeNo, tf: order.totalFee, ...briefStateObject(order),
    ns: nextString(ctx.state, 8),
  });
}
