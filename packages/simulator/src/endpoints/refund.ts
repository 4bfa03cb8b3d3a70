/**
 * refund and query_refund_order (spec §7.6, §7.7): never above the refundable amount (104,
 * "超过可退金额…"), accepted as processing, settled later to success or failure by the scenario.
 */
import { feeTooLarge } from '../limits.js';
import { fingerprint, markFullyRefunded, orderNoProblem, refundableFee, settle, yuan } from '../orders.js';
import { isPaid, platformOfPayPlatform } from '../platforms.js';
import { DIGITS, nextString } from '../rng.js';
import { scenarioByName } from '../scenarios.js';
import type { Refund } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, obj, optStr, str } from '../wire.js';
import { checkMerchant, isReply, pmkOf, refundContent } from './common.js';
import { bindingOf } from './micropay.js';

/** refund. */
export function refund(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const rc = obj(ctx.inner, 'refund_content');
  const f = {
    otn: str(rc, 'out_trade_no', 'refund_content.out_trade_no'),
    orn: str(rc, 'out_refund_no', 'refund_content.out_refund_no'),
    tf: int(rc, 'total_fee', 'refund_content.total_fee'),
    rf: int(rc, 'refund_fee', 'refund_content.refund_fee'),
    type: str(rc, 'refund_fee_type', 'refund_content.refund_fee_type'),
    reason: optStr(rc, 'refund_reason', 'refund_content.refund_reason'),
    ofn: optStr(rc, 'out_freeze_no', 'refund_content.out_freeze_no'),
  };
  str(ctx.inner, 'nonce_str');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  const pp = int(m.pmk, 'pay_platform', 'pay_mch_key.pay_platform');
  const authorizationName = optStr(m.pmk, 'authorization_name', 'pay_mch_key.authorization_name');
  if (f.type !== 'CNY') return fail(101, 4108, 'refund_fee_type 只支持 CNY');
  const problem = orderNoProblem(f.orn, b.cloudCashierId, 'out_refund_no');
  if (problem) return fail(101, 4104, problem);
  if (f.rf <= 0) return fail(101, 4301, '退款金额必须大于0分');
  const tooLarge = feeTooLarge(f.rf, false, 'refund_fee');
  if (tooLarge) return fail(101, 4301, tooLarge);
  const fp = fingerprint({ ...f, pp });
  const existing = ctx.state.refunds[f.orn];
  if (existing) {
    if (existing.fingerprint !== fp) return fail(102, 4302, '退款单号已使用，请使用新的退款单号');
    return ok('refund', {
      pay_mch_key: pmkOf(existing, b),
      refund_order_content: refundContent(existing, nextString(ctx.state, 32)),
      nonce_str: nextString(ctx.state, 32),
    });
  }
  const order = ctx.state.orders[f.otn];
  if (!order || order.outShopId !== b.outShopId) return fail(104, 4004, `原订单不存在：${f.otn}`);
  if (platformOfPayPlatform(pp) !== order.platform) return fail(104, 4303, 'pay_platform 与原订单的支付平台不一致');
  if (f.tf !== order.totalFee) return fail(104, 4304, `total_fee 与原订单金额不一致（原订单 ${yuan(order.totalFee)} 元）`);
  if (!isPaid(order.state)) return fail(104, 4305, '订单未支付成功，不能退款');
  // Deposit mode: a consumption's refund must carry its deposit's number (003 L3915 "押金模式退款单必填").
  if (order.outFreezeNo !== undefined && f.ofn !== order.outFreezeNo) {
    return fail(
      104,
      4309,
      f.ofn === undefined
        ? `押金模式退款单必填 out_freeze_no（押金消费订单 ${f.otn} 的押金单号 ${order.outFreezeNo}）`
        : `out_freeze_no ${f.ofn} 不是订单 ${f.otn} 的押金单号`,
    );
  }
  if (order.outFreezeNo === undefined && f.ofn !== undefined) return fail(104, 4310, `订单 ${f.otn} 不是押金消费订单，不能填 out_freeze_no`);
  if (order.state === 'finished') return fail(104, 4306, '交易已完结，不可退款');
  const refundable = refundableFee(ctx.state, order);
  if (f.rf > refundable) {
    return fail(104, 4307, `超过可退金额：申请退款 ${yuan(f.rf)} 元，可退 ${yuan(refundable)} 元`);
  }
  const behaviour = scenarioByName(order.scenario).refund;
  const r: Refund = {
    outRefundNo: f.orn,
    outTradeNo: f.otn,
    platform: order.platform,
    tradeType: order.tradeType,
    totalFee: order.totalFee,
    refundFee: f.rf,
    reason: withAuthorizationName(f.reason, authorizationName),
    fingerprint: fp,
    createdAt: ctx.now,
    refundId: `50000${nextString(ctx.state, 23, DIGITS)}`,
    state: 'processing',
    updatedAt: ctx.now,
    settleAt: ctx.now + (behaviour.settleMs ?? ctx.state.options.refundSettleMs),
    settleTo: behaviour.outcome,
    deviceId: b.deviceId,
    source: 'terminal',
  };
  ctx.state.refunds[f.orn] = r;
  order.refundNos.push(f.orn);
  settle(ctx.state, ctx.now);
  markFullyRefunded(ctx.state, order, ctx.now);
  return ok('refund', {
    pay_mch_key: pmkOf(order, b),
    refund_order_content: refundContent(r, nextString(ctx.state, 32)),
    nonce_str: nextString(ctx.state, 32),
  });
}

/**
 * The documents say authorization_name "is finally added to the refund_reason field of the reply"
 * (003 L3973-3981) without saying how; the simulator appends it after a space (or uses it alone).
 */
function withAuthorizationName(reason: string | undefined, name: string | undefined): string | undefined {
  if (!name) return reason;
  return reason ? `${reason} ${name}` : name;
}

/** query_refund_order: the refund as a one-element array (an empty out_refund_no lists all of the order's). */
export function queryRefundOrder(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const otn = str(ctx.inner, 'out_trade_no');
  const orn = str(ctx.inner, 'out_refund_no', 'out_refund_no', true);
  str(ctx.inner, 'nonce_str');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  const order = ctx.state.orders[otn];
  if (!order || order.outShopId !== b.outShopId) return fail(104, 4004, `订单不存在：${otn}`);
  const refunds = order.refundNos
    .filter((no) => orn === '' || no === orn)
    .map((no) => ctx.state.refunds[no])
    .filter((r): r is Refund => !!r);
  if (refunds.length === 0) return fail(104, 4308, orn ? `退款单不存在：${orn}` : `订单 ${otn} 没有退款`);
  return ok('query_refund_order', {
    pay_mch_key: pmkOf(order, b),
    refund_order_content: refunds.map((r) => refundContent(r, nextString(ctx.state, 32))),
    nonce_str: nextString(ctx.state, 32),
  });
}
