/**
 * The server's truth as JSON for the control API (snake_case, like the wire): orders with their
 * refunds and history, refunds, bindings.
 */
import { refundableFee, refundedFee, refundsOf } from './orders.js';
import { ctsOf, isPaid, PAY_PLATFORM, refundStateOf, tsdOf } from './platforms.js';
import type { Binding, Order, Refund, SimState } from './state.js';

/** A refund as the control API shows it. */
export function refundView(r: Refund): Record<string, unknown> {
  return {
    out_refund_no: r.outRefundNo,
    out_trade_no: r.outTradeNo,
    platform: r.platform,
    refund_fee: r.refundFee,
    total_fee: r.totalFee,
    state: r.state,
    state_code: refundStateOf(r.state, r.platform),
    refund_id: r.refundId,
    refund_reason: r.reason,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    settles_at: r.settleAt,
    settles_to: r.settleTo,
    source: r.source ?? 'terminal',
    device_id: r.deviceId,
  };
}

/** An order, refunds included, as the control API shows it. */
export function orderView(state: SimState, o: Order): Record<string, unknown> {
  return {
    out_trade_no: o.outTradeNo,
    platform: o.platform,
    pay_platform: PAY_PLATFORM[o.platform],
    trade_type: o.tradeType,
    total_fee: o.totalFee,
    body: o.body,
    scenario: o.scenario,
    state: o.state,
    cts: ctsOf(o.state, o.platform),
    tsd: o.platform === 'wechat' ? tsdOf(o.state) : undefined,
    paid: isPaid(o.state),
    code_url: o.codeUrl,
    // A deposit consumption (WeChat 14): the deposit it was taken from; its refunds must name it.
    out_freeze_no: o.outFreezeNo,
    transaction_id: o.transactionId,
    sn: o.sn,
    device_id: o.deviceId,
    out_shop_id: o.outShopId,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    paid_at: o.paidAt,
    micropay_calls: o.calls,
    refunded_fee: refundedFee(state, o),
    refundable_fee: refundableFee(state, o),
    refunds: refundsOf(state, o).map(refundView),
    history: o.history.map((h) => ({ at: h.at, state: h.state, cts: ctsOf(h.state, o.platform) })),
    upcoming: o.schedule.map((t) => ({ at: t.at, state: t.to, cts: ctsOf(t.to, o.platform) })),
  };
}

/** A binding as the control API shows it (the payment key included: this is a test server). */
export function bindingView(b: Binding): Record<string, unknown> {
  return {
    sn: b.sn,
    active: b.active,
    via: b.via,
    out_mch_id: b.outMchId,
    out_sub_mch_id: b.outSubMchId,
    cloud_cashier_id: b.cloudCashierId,
    out_shop_id: b.outShopId,
    shop_name: b.shopName,
    device_id: b.deviceId,
    device_name: b.deviceName,
    device_shift_type: b.deviceShiftType,
    payment_key: b.paymentKey,
    bound_at: b.boundAt,
  };
}
