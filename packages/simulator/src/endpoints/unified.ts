/**
 * scan_code_pay, query_order and close_order (spec §7.3-§7.5): a unified order waits for the
 * customer (wx 6 / ali 4) until a control call pays it (wx 3 / ali 2), it expires or is closed (wx 7 / ali 5).
 */
import { feeTooLarge } from '../limits.js';
import { fingerprint, orderNoProblem, setOrderState } from '../orders.js';
import { isPaid, platformOfPayPlatform } from '../platforms.js';
import { ALNUM, DIGITS, nextString } from '../rng.js';
import type { Binding, Order } from '../state.js';
import type { JsonObject } from '../json.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, obj, optInt, optStr, str } from '../wire.js';
import { checkMerchant, isReply, orderContent, pmkOf } from './common.js';
import { bindingOf } from './micropay.js';

const DEFAULT_EXPIRY_MS = 2 * 60 * 60 * 1000;

/** scan_code_pay: creates a waiting order and its code_url. */
export function scanCodePay(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const pc = obj(ctx.inner, 'pay_content');
  const f = {
    otn: str(pc, 'out_trade_no', 'pay_content.out_trade_no'),
    tf: int(pc, 'total_fee', 'pay_content.total_fee'),
    fee: str(pc, 'fee_type', 'pay_content.fee_type'),
    body: str(pc, 'body', 'pay_content.body'),
    exp: optInt(pc, 'time_expire', 'pay_content.time_expire'),
  };
  str(ctx.inner, 'nonce_str');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  const pp = int(m.pmk, 'pay_platform', 'pay_mch_key.pay_platform');
  const platform = platformOfPayPlatform(pp);
  if (platform !== 'wechat' && platform !== 'alipay') return fail(104, 4201, `扫码支付仅支持微信支付(1)和支付宝(2)，收到 pay_platform=${pp}`);
  if (f.fee !== 'CNY') return fail(101, 4108, 'fee_type 只支持 CNY');
  const problem = orderNoProblem(f.otn, b.cloudCashierId, 'out_trade_no');
  if (problem) return fail(101, 4104, problem);
  if (f.tf <= 0) return fail(101, 4105, '订单金额必须大于0分');
  const tooLarge = feeTooLarge(f.tf, false, 'total_fee');
  if (tooLarge) return fail(101, 4105, tooLarge);
  const fp = fingerprint({ ...f, pp, device: b.deviceId });
  const existing = ctx.state.orders[f.otn];
  if (existing) {
    if (existing.fingerprint !== fp || existing.tradeType !== 2) return fail(102, 4103, '订单号已使用，请使用新订单号');
    return ok('scan_code_pay', { code_url: existing.codeUrl, nonce_str: nextString(ctx.state, 32) });
  }
  const codeUrl =
    platform === 'wechat' ? `weixin://wxpay/bizpayurl?pr=${nextString(ctx.state, 7, ALNUM)}` : `https://qr.alipay.com/bax0${nextString(ctx.state, 20, ALNUM)}`;
  const expiresAt = f.exp !== undefined ? f.exp * 1000 : ctx.now + DEFAULT_EXPIRY_MS;
  const order: Order = {
    outTradeNo: f.otn,
    platform,
    tradeType: 2,
    totalFee: f.tf,
    body: f.body,
    codeUrl,
    sn: b.sn,
    deviceId: b.deviceId,
    outShopId: b.outShopId,
    scenario: 'manual',
    fingerprint: fp,
    createdAt: ctx.now,
    transactionId: `42000${nextString(ctx.state, 23, DIGITS)}`,
    state: 'waiting',
    updatedAt: ctx.now,
    schedule: [{ at: Math.max(expiresAt, ctx.now), to: 'closed' }],
    calls: 1,
    refundNos: [],
    history: [{ at: ctx.now, state: 'waiting' }],
  };
  ctx.state.orders[f.otn] = order;
  return ok('scan_code_pay', { code_url: codeUrl, nonce_str: nextString(ctx.state, 32) });
}

/** Looks up an order of the caller's shop by `out_trade_no`. */
function findOrder(ctx: Ctx): Order | Reply {
  const otn = str(ctx.inner, 'out_trade_no');
  const order = ctx.state.orders[otn];
  if (!order || order.outShopId !== bindingOf(ctx).outShopId) return fail(104, 4004, `订单不存在：${otn}`);
  return order;
}

/** query_order: the order's content with its platform state (card orders: use brief_query_order). */
export function queryOrder(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  str(ctx.inner, 'nonce_str');
  optInt(ctx.inner, 'trade_type');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  const otn = str(ctx.inner, 'out_trade_no');
  const known = ctx.state.orders[otn];
  if (!known || known.outShopId !== b.outShopId) return notFoundOrder(ctx, otn, m.pmk, b);
  const order = findOrder(ctx);
  if (isReply(order)) return order;
  if (order.platform === 'card') return fail(104, 4010, '会员卡订单请使用 brief_query_order 查询');
  return ok('query_order', {
    order_content: orderContent(order, nextString(ctx.state, 32)),
    pay_mch_key: pmkOf(order, b),
    nonce_str: nextString(ctx.state, 32),
  });
}

/**
 * query_order for an order cpay has no record of (simulator decision, see README): status 0 and
 * the documented "no such order" state of the platform the request names: WeChat 11 (作废, "local
 * but not at the third party", 003 L500) when pay_platform is 1, else Alipay 7 (订单不存在, 003 L522).
 */
function notFoundOrder(ctx: Ctx, otn: string, pmk: JsonObject, b: Binding): Reply {
  const platform = platformOfPayPlatform(pmk['pay_platform']) === 'wechat' ? 'wechat' : 'alipay';
  const ext =
    platform === 'wechat'
      ? { wxpay_order_content_ext: { current_trade_state: 11, trade_state_desc: '订单不存在' } }
      : { alipay_order_content_ext: { current_trade_state: 7 } };
  return ok(
    'query_order',
    {
      order_content: { out_trade_no: otn, total_fee: 0, fee_type: 'CNY', nonce_str: nextString(ctx.state, 32), ...ext },
      pay_mch_key: pmkOf({ platform }, b),
      nonce_str: nextString(ctx.state, 32),
    },
    `订单不存在：${otn}`,
  );
}

/** close_order: closes a waiting unified order; paid or micropay orders cannot be closed. */
export function closeOrder(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  str(ctx.inner, 'nonce_str');
  int(ctx.inner, 'trade_type');
  optStr(ctx.inner, 'out_trade_no');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  const order = findOrder(ctx);
  if (isReply(order)) return order;
  if (order.tradeType === 1) return fail(104, 4011, '刷卡支付订单不能关闭，请查询订单结果');
  if (isPaid(order.state)) return fail(104, 4012, '订单已支付，不能关闭');
  if (order.state !== 'closed') {
    order.schedule = [];
    setOrderState(order, 'closed', ctx.now);
  }
  return ok('close_order', { nonce_str: nextString(ctx.state, 32) });
}
