/**
 * query_order_list (spec §7.11; 003 L7686-8834): the merchant-level list, full envelope. Without
 * device_id it lists every device's orders and refunds of the shop, and the refunds made in the
 * merchant console; each order carries `refunded_fee` (003 L8060 area: 已退款金额), the figure the
 * terminal takes its refundable amount from (docs/decisions, golive refundable amount).
 * Our reading where the seeds are thin: `time_filter` 1 filters on creation, 2 (default) on the
 * last update; pay_time_type / refund_time_type are accepted and not used; order_type 4/5
 * (freezes/unfreezes) list nothing here (deposits have their own queries); `status` 0 (default)
 * lists paid orders and successful refunds only, 1 everything.
 */
import { refundedFee } from '../orders.js';
import { ctsOf, isPaid, refundStateOf, SUB_PAY_PLATFORM } from '../platforms.js';
import { nextString } from '../rng.js';
import type { Order, Refund } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, optInt, optIntArray, optStr, str } from '../wire.js';
import { bindingOf } from './micropay.js';
import { poundageOf } from '../fees.js';

const sec = (ms: number) => Math.floor(ms / 1000);
const STATE_KEY = { wechat: 'wxpay_current_trade_state', alipay: 'alipay_current_trade_state' } as const;
const REFUND_KEY = { wechat: 'wxpay_refund_state', alipay: 'alipay_refund_state' } as const;

/** query_order_list. */
export function queryOrderList(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const f = {
    subMch: str(ctx.inner, 'out_sub_mch_id'),
    shop: optStr(ctx.inner, 'out_shop_id'),
    device: optStr(ctx.inner, 'device_id'),
    ot: int(ctx.inner, 'order_type'),
    st: int(ctx.inner, 'start_time'),
    et: int(ctx.inner, 'end_time'),
    pn: int(ctx.inner, 'page_num'),
    ps: int(ctx.inner, 'page_size'),
    tt: optInt(ctx.inner, 'trade_type'),
    spps: optIntArray(ctx.inner, 'sub_pay_platforms'),
    timeFilter: optInt(ctx.inner, 'time_filter') ?? 2,
    status: optInt(ctx.inner, 'status') ?? 0,
  };
  optInt(ctx.inner, 'pay_time_type');
  optInt(ctx.inner, 'refund_time_type');
  str(ctx.inner, 'nonce_str');
  if (f.subMch !== b.outSubMchId) return fail(101, 4106, 'out_sub_mch_id 与机具绑定信息不符');
  if (f.shop !== undefined && f.shop !== b.outShopId) return fail(101, 4106, 'out_shop_id 与机具绑定信息不符');
  if (f.device !== undefined && f.shop === undefined) return fail(101, 4404, '设置 device_id 时必须同时设置 out_shop_id');
  if (![1, 2, 3, 4, 5].includes(f.ot)) return fail(101, 4401, 'order_type 只能是 1（支付）、2（退款）、3（全部）、4（冻结）或 5（解冻）');
  if (f.et < f.st) return fail(101, 4402, '结束时间 end_time 不能早于开始时间 start_time');
  if (f.pn < 1 || f.ps < 1 || f.ps > 100) return fail(101, 4403, 'page_num 必须大于0，page_size 必须在1到100之间');
  const at = (x: { createdAt: number; updatedAt: number }) => (f.timeFilter === 1 ? x.createdAt : x.updatedAt);
  const inWindow = (x: { createdAt: number; updatedAt: number }) => sec(at(x)) >= f.st && sec(at(x)) <= f.et;
  const keep = (o: { platform: Order['platform']; tradeType: number }) =>
    (!f.spps || f.spps.length === 0 || f.spps.includes(SUB_PAY_PLATFORM[o.platform])) && (f.tt === undefined || f.tt === o.tradeType);
  const shopOrders = Object.values(ctx.state.orders).filter((o) => o.outShopId === b.outShopId && keep(o));
  const orders =
    f.ot === 1 || f.ot === 3
      ? shopOrders.filter((o) => (f.device === undefined || o.deviceId === f.device) && inWindow(o) && (f.status === 1 || isPaid(o.state)))
      : [];
  const refunds =
    f.ot === 2 || f.ot === 3
      ? shopOrders
          .flatMap((o) => o.refundNos.map((n) => ctx.state.refunds[n]))
          .filter(
            (r): r is Refund =>
              r !== undefined && (f.device === undefined || r.deviceId === f.device) && inWindow(r) && (f.status === 1 || r.state === 'success'),
          )
      : [];
  const entries = [
    ...orders.map((o) => ({ t: at(o), key: o.outTradeNo, detail: { order: orderItem(ctx, o) } })),
    ...refunds.map((r) => ({ t: at(r), key: r.outRefundNo, detail: { refund_order: refundItem(ctx, r) } })),
  ].sort((x, y) => y.t - x.t || (x.key < y.key ? 1 : -1));
  return ok('query_order_list', {
    nonce_str: nextString(ctx.state, 32),
    total_count: entries.length,
    order_details: entries.slice((f.pn - 1) * f.ps, f.pn * f.ps).map((e) => e.detail),
  });
}

function orderItem(ctx: Ctx, o: Order): Record<string, unknown> {
  const b = bindingOf(ctx);
  const paid = isPaid(o.state);
  const poundage = paid ? poundageOf(ctx.state, o.totalFee) : 0;
  const state = o.platform === 'card' ? {} : { [STATE_KEY[o.platform]]: ctsOf(o.state, o.platform) };
  return {
    out_mch_id: b.outMchId,
    out_sub_mch_id: b.outSubMchId,
    out_shop_id: o.outShopId,
    shop_name: b.shopName,
    device_id: o.deviceId,
    sub_pay_platform: SUB_PAY_PLATFORM[o.platform],
    trade_type: o.tradeType,
    out_trade_no: o.outTradeNo,
    transaction_id: o.transactionId,
    total_fee: o.totalFee,
    fee_type: 'CNY',
    cash_fee: paid ? o.totalFee : 0,
    cash_fee_type: 'CNY',
    poundage,
    income_fee: paid ? o.totalFee - poundage : 0,
    time_end: o.paidAt === undefined ? undefined : sec(o.paidAt),
    create_time: sec(o.createdAt),
    last_update_time: sec(o.updatedAt),
    body: o.body,
    refunded_fee: refundedFee(ctx.state, o),
    out_freeze_no: o.outFreezeNo,
    is_deposit_mode: o.outFreezeNo !== undefined,
    ...state,
  };
}

function refundItem(ctx: Ctx, r: Refund): Record<string, unknown> {
  const b = bindingOf(ctx);
  const o = ctx.state.orders[r.outTradeNo];
  const state = r.platform === 'card' ? {} : { [REFUND_KEY[r.platform]]: refundStateOf(r.state, r.platform) };
  return {
    out_mch_id: b.outMchId,
    out_sub_mch_id: b.outSubMchId,
    out_shop_id: o?.outShopId ?? b.outShopId,
    shop_name: b.shopName,
    device_id: r.deviceId,
    sub_pay_platform: SUB_PAY_PLATFORM[r.platform],
    trade_type: r.tradeType,
    out_trade_no: r.outTradeNo,
    total_fee: r.totalFee,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_fee: r.refundFee,
    refund_fee_type: 'CNY',
    create_time: sec(r.createdAt),
    last_update_time: sec(r.updatedAt),
    refund_reason: r.reason,
    is_deposit_mode: o?.outFreezeNo !== undefined,
    out_freeze_no: o?.outFreezeNo,
    ...state,
  };
}
