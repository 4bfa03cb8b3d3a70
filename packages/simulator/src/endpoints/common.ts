/**
 * Pieces shared by the general-API handlers (full envelope): pay_mch_key checks and the
 * order_content / refund_order_content shapes (spec §7.1).
 */
import { ctsOf, PAY_PLATFORM, SUB_PAY_PLATFORM, refundStateOf, tsdOf } from '../platforms.js';
import type { Binding, Order, Refund } from '../state.js';
import { fail, type Reply } from '../types.js';
import { obj, optStr, str } from '../wire.js';
import type { JsonObject } from '../json.js';

/** Reads pay_mch_key and order_client and checks them against the binding; a Reply on mismatch. */
export function checkMerchant(inner: JsonObject, b: Binding): { pmk: JsonObject; oc: JsonObject } | Reply {
  const pmk = obj(inner, 'pay_mch_key');
  const oc = obj(inner, 'order_client');
  const mch = str(pmk, 'out_mch_id', 'pay_mch_key.out_mch_id');
  const sub = str(pmk, 'out_sub_mch_id', 'pay_mch_key.out_sub_mch_id');
  const shop = str(pmk, 'out_shop_id', 'pay_mch_key.out_shop_id');
  const sn = optStr(oc, 'sn_code', 'order_client.sn_code');
  if (mch !== b.outMchId || sub !== b.outSubMchId || shop !== b.outShopId) {
    return fail(101, 4106, 'pay_mch_key 中的服务商/子商户/门店与机具绑定信息不符');
  }
  if (sn !== undefined && sn !== b.sn) return fail(101, 4107, 'order_client.sn_code 与绑定的机具不符');
  return { pmk, oc };
}

/** True when checkMerchant returned a failure. */
export function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'status' in v;
}

/** pay_mch_key as the server echoes it. */
export function pmkOf(order: { platform: Order['platform'] }, b: Binding): JsonObject {
  return {
    pay_platform: PAY_PLATFORM[order.platform],
    sub_pay_platform: SUB_PAY_PLATFORM[order.platform],
    out_mch_id: b.outMchId,
    out_sub_mch_id: b.outSubMchId,
    out_shop_id: b.outShopId,
  };
}

const sec = (ms: number | undefined) => (ms === undefined ? undefined : Math.floor(ms / 1000));

/** OrderContent of query_order (spec §7.1). */
export function orderContent(order: Order, nonce: string): JsonObject {
  const cts = ctsOf(order.state, order.platform);
  const ext =
    order.platform === 'wechat'
      ? { wxpay_order_content_ext: { current_trade_state: cts, trade_state_desc: tsdOf(order.state) } }
      : { alipay_order_content_ext: { current_trade_state: cts } };
  return {
    out_trade_no: order.outTradeNo,
    transaction_id: order.transactionId,
    trade_type: order.tradeType,
    code_url: order.codeUrl,
    time_end: sec(order.paidAt),
    nonce_str: nonce,
    create_time: sec(order.createdAt),
    last_update_time: sec(order.updatedAt),
    total_fee: order.totalFee,
    fee_type: 'CNY',
    cash_fee: order.paidAt === undefined ? undefined : order.totalFee,
    cash_fee_type: 'CNY',
    body: order.body,
    out_freeze_no: order.outFreezeNo,
    ...ext,
  };
}

/** RefundOrderContent (spec §7.1) with the platform's refund-state extension. */
export function refundContent(r: Refund, nonce: string): JsonObject {
  const state = refundStateOf(r.state, r.platform);
  const ext =
    r.platform === 'wechat'
      ? {
          wxpay_refund_order_content_ext: {
            state,
            refund_account: 'REFUND_SOURCE_UNSETTLED_FUNDS',
            refund_channel: 'ORIGINAL',
            refund_recv_account: '支付用户的零钱',
          },
        }
      : r.platform === 'alipay'
        ? {
            alipay_refund_order_content_ext: {
              refund_status: state,
              fund_change: r.state === 'success' ? 'Y' : 'N',
              gmt_refund_pay: r.state === 'success' ? String(sec(r.updatedAt)) : '',
            },
          }
        : { card_refund_order_content_ext: { state } };
  return {
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    out_trade_no: r.outTradeNo,
    trade_type: r.tradeType,
    nonce_str: nonce,
    create_time: sec(r.createdAt),
    last_update_time: sec(r.updatedAt),
    total_fee: r.totalFee,
    refund_fee: r.refundFee,
    refund_fee_type: 'CNY',
    refund_reason: r.reason,
    ...ext,
  };
}
