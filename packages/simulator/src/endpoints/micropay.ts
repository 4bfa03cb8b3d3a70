/**
 * brief_micro_pay and brief_query_order (spec §6.5, §6.6), and the general-API micro_pay (§7.2)
 * that legacy terminals use; all three share the state machine in payments.ts.
 */
import { ctsOf, PAY_PLATFORM, platformOfCode, platformOfPayPlatform, tsdOf } from '../platforms.js';
import { nextString } from '../rng.js';
import type { Order } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, obj, optStr, str } from '../wire.js';
import { checkMerchant, isReply, orderContent, pmkOf } from './common.js';
import { bindingOf, microPay } from './payments.js';

export { bindingOf } from './payments.js';

/** The `wx` / `ali` / `cd` object of a brief reply. */
export function briefStateObject(order: Order): Record<string, unknown> {
  const cts = ctsOf(order.state, order.platform);
  if (order.platform === 'wechat') return { wx: { cts, tsd: tsdOf(order.state) } };
  return order.platform === 'alipay' ? { ali: { cts } } : { cd: { cts } };
}

/** brief_micro_pay. */
export function briefMicroPay(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const f = {
    sc: str(ctx.inner, 'sc'),
    osi: str(ctx.inner, 'osi'),
    otn: str(ctx.inner, 'otn'),
    ac: str(ctx.inner, 'ac'),
    tf: int(ctx.inner, 'tf'),
    bd: str(ctx.inner, 'bd'),
    di: str(ctx.inner, 'di'),
    stt: int(ctx.inner, 'stt'),
  };
  str(ctx.inner, 'ns');
  if (f.sc !== b.sn || f.osi !== b.outShopId || f.di !== b.deviceId) return fail(101, 4101, '门店或设备与机具绑定关系不符');
  const { otn, ...content } = f;
  return microPay(ctx, { otn, otnField: 'otn', authCode: f.ac, totalFee: f.tf, body: f.bd, content }, (o) =>
    ok('brief_micro_pay', { ...briefStateObject(o), ns: nextString(ctx.state, 8) }),
  );
}

/** micro_pay (general API, full envelope); pay_platform must agree with the customer code. */
export function generalMicroPay(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const pc = obj(ctx.inner, 'pay_content');
  const f = {
    otn: str(pc, 'out_trade_no', 'pay_content.out_trade_no'),
    ac: str(pc, 'author_code', 'pay_content.author_code'),
    tf: int(pc, 'total_fee', 'pay_content.total_fee'),
    fee: str(pc, 'fee_type', 'pay_content.fee_type'),
    body: str(pc, 'body', 'pay_content.body'),
  };
  str(ctx.inner, 'nonce_str');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  const pp = int(m.pmk, 'pay_platform', 'pay_mch_key.pay_platform');
  if (f.fee !== 'CNY') return fail(101, 4108, 'fee_type 只支持 CNY');
  const { otn, ...content } = f;
  const codePlatform = platformOfCode(f.ac);
  if (!ctx.state.orders[otn] && codePlatform && codePlatform !== platformOfPayPlatform(pp)) {
    return fail(104, 4002, `付款码与 pay_mch_key.pay_platform=${pp} 不是同一支付平台`);
  }
  return microPay(ctx, { otn, otnField: 'pay_content.out_trade_no', authCode: f.ac, totalFee: f.tf, body: f.body, content: { ...content, pp } }, (o) =>
    ok('micro_pay', { order_content: orderContent(o, nextString(ctx.state, 32)), pay_mch_key: pmkOf(o, b), nonce_str: nextString(ctx.state, 32) }),
  );
}

/**
 * How a query answers for an order cpay has no record of (simulator decision, see README):
 * status 0 with AlipayOrderState 7 "订单不存在" (003 L522, L13941), the only order state whose
 * meaning is "no such order"; the brief query names no platform, and the total is unknown (0).
 */
const NOT_FOUND_BRIEF = { pp: PAY_PLATFORM.alipay, tf: 0, ali: { cts: 7 } } as const;

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
  if (!order || order.outShopId !== osi) return ok('brief_query_order', { ...NOT_FOUND_BRIEF, otn, ns: nextString(ctx.state, 8) }, `订单不存在：${otn}`);
  return ok('brief_query_order', {
    pp: PAY_PLATFORM[order.platform],
    otn: order.outTradeNo,
    tf: order.totalFee,
    ...briefStateObject(order),
    ns: nextString(ctx.state, 8),
  });
}
