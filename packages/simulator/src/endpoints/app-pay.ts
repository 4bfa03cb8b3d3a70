/**
 * app_pay (spec §7.8, seed 001): a WeChat in-app order for a merchant's own app. The answer is
 * signed like every reply, and its `sdk_args.wxpay` is consistent: `prepare_id` is this order's
 * prepay id, `nonce_str` and `timestamp` are fresh, `package_value` is `Sign=WXPay`, and `sign`
 * covers the WeChat App-pay text of those fields (protocol `wxpaySdkSignText`).
 * SIMULATOR DECISION (seeds silent on the key): `sign` = HMAC-SHA256 of that text with the
 * payment key the request was verified with, since the simulator has no WeChat API key.
 * The order itself is a waiting unified order (trade_type 4) that query_order reads and
 * `POST /sandbox/orders/{otn}/approve` pays.
 */
import { wxpaySdkSignText } from '@cpay/protocol';
import { bookOf, type AppOrder } from '../deposit-state.js';
import { hmacSha256Hex } from '../crypto.js';
import { fingerprint, orderNoProblem } from '../orders.js';
import { ALNUM, DIGITS, nextString } from '../rng.js';
import type { Order } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, obj, optInt, optStr, str } from '../wire.js';
import { bindingOf } from './payments.js';

const PARTNER_ID = '257300488';

function readAppPay(ctx: Ctx) {
  const pc = obj(ctx.inner, 'pay_content');
  const pmk = obj(ctx.inner, 'pay_mch_key');
  const ext = obj(pmk, 'wxpay_pay_mch_key_ext', 'pay_mch_key.wxpay_pay_mch_key_ext');
  str(ctx.inner, 'nonce_str');
  return {
    otn: str(pc, 'out_trade_no', 'pay_content.out_trade_no'),
    fee: int(pc, 'total_fee', 'pay_content.total_fee'),
    ft: str(pc, 'fee_type', 'pay_content.fee_type'),
    body: str(pc, 'body', 'pay_content.body'),
    exp: optInt(pc, 'time_expire', 'pay_content.time_expire'),
    notify: optStr(pc, 'caller_notify_url', 'pay_content.caller_notify_url'),
    pp: int(pmk, 'pay_platform', 'pay_mch_key.pay_platform'),
    mch: str(pmk, 'out_mch_id', 'pay_mch_key.out_mch_id'),
    sub: str(pmk, 'out_sub_mch_id', 'pay_mch_key.out_sub_mch_id'),
    shop: str(pmk, 'out_shop_id', 'pay_mch_key.out_shop_id'),
    app: str(ext, 'mob_app_id', 'pay_mch_key.wxpay_pay_mch_key_ext.mob_app_id'),
  };
}

/** app_pay. */
export async function appPay(ctx: Ctx): Promise<Reply> {
  const b = bindingOf(ctx);
  const v = readAppPay(ctx);
  if (v.mch !== b.outMchId || v.sub !== b.outSubMchId || v.shop !== b.outShopId) {
    return fail(101, 4106, 'pay_mch_key 中的服务商/子商户/门店与密钥所属商户不符');
  }
  if (v.pp !== 1) return fail(104, 4401, `App 支付仅支持微信支付(pay_platform=1)，收到 ${v.pp}`);
  if (v.ft !== 'CNY') return fail(101, 4108, 'fee_type 只支持 CNY');
  const problem = orderNoProblem(v.otn, b.cloudCashierId, 'pay_content.out_trade_no');
  if (problem) return fail(101, 4104, problem);
  if (v.fee <= 0) return fail(101, 4105, '订单金额必须大于0分');
  const book = bookOf(ctx.state);
  const fp = fingerprint({ fee: v.fee, body: v.body, exp: v.exp, app: v.app });
  const existing = book.appOrders[v.otn];
  if (existing) return existing.fingerprint === fp ? answer(ctx, existing) : fail(102, 4103, '订单号已使用，请使用新订单号');
  if (ctx.state.orders[v.otn] || book.freezes[v.otn] || book.consumes[v.otn]) return fail(102, 4103, '订单号已使用，请使用新订单号');
  const prepareId = `wx${nextString(ctx.state, 14, DIGITS)}${nextString(ctx.state, 18, ALNUM)}`;
  const fields = {
    appId: v.app,
    partnerId: PARTNER_ID,
    packageValue: 'Sign=WXPay',
    nonceStr: nextString(ctx.state, 32),
    timestamp: String(Math.floor(ctx.now / 1000)),
    prepareId,
  };
  const sign = await hmacSha256Hex(ctx.key ?? '', wxpaySdkSignText(fields));
  const order: AppOrder = {
    outTradeNo: v.otn,
    totalFee: v.fee,
    body: v.body,
    mobAppId: v.app,
    prepareId,
    fingerprint: fp,
    createdAt: ctx.now,
    sdk: {
      app_id: fields.appId,
      partner_id: fields.partnerId,
      package_value: fields.packageValue,
      nonce_str: fields.nonceStr,
      timestamp: fields.timestamp,
      sign,
      prepare_id: prepareId,
    },
  };
  book.appOrders[v.otn] = order;
  ctx.state.orders[v.otn] = unifiedOrder(ctx, v, fp);
  return answer(ctx, order);
}

/** The payment order behind an app_pay: WeChat unified order waiting (6) until the customer pays in the app (3) or it expires (7). */
function unifiedOrder(ctx: Ctx, v: { otn: string; fee: number; body: string; exp: number | undefined }, fp: string): Order {
  const expiresAt = v.exp !== undefined ? v.exp * 1000 : ctx.now + 2 * 60 * 60 * 1000;
  return {
    outTradeNo: v.otn,
    platform: 'wechat',
    tradeType: 4,
    totalFee: v.fee,
    body: v.body,
    sn: '',
    deviceId: '',
    outShopId: bindingOf(ctx).outShopId,
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
}

function answer(ctx: Ctx, o: AppOrder): Reply {
  const b = bindingOf(ctx);
  return ok('app_pay', {
    pay_mch_key: {
      pay_platform: 1,
      out_mch_id: b.outMchId,
      out_sub_mch_id: b.outSubMchId,
      out_shop_id: b.outShopId,
      sub_pay_platform: 100,
      wxpay_pay_mch_key_ext: { app_id: o.mobAppId },
    },
    nonce_str: nextString(ctx.state, 32),
    sdk_args: { wxpay: o.sdk },
  });
}
