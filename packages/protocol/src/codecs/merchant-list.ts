/**
 * `query_order_list` (spec §7.11; 003 L7686-8834): the merchant-level order list of the general
 * API (full envelope). Unlike the brief lists it may name no device, so it shows every device's
 * orders and refunds and the merchant console's refunds, and each Order carries cpay's own
 * `refunded_fee` (the partial-refund truth query_order lacks, 003 L10726-10736).
 */
import type { MerchantListedOrder, MerchantListedRefund, MerchantOrderListRequest, MerchantOrderListResponse, PayPlatformName } from '../types.js';
import { defineCodec } from './codec.js';
import { type Json, type WireReader, compact } from './read.js';

/** Order state keys of the list's Order (`wxpay_current_trade_state` …, 003 L8090-8110). */
const STATE_KEYS: readonly [PayPlatformName, string][] = [
  ['wechat', 'wxpay_current_trade_state'],
  ['alipay', 'alipay_current_trade_state'],
  ['bookkeeping', 'record_current_trade_state'],
];
/** Refund state keys of the list's RefundOrder (003 L8250-8280). */
const REFUND_KEYS: readonly [PayPlatformName, string][] = [
  ['wechat', 'wxpay_refund_state'],
  ['alipay', 'alipay_refund_state'],
  ['bookkeeping', 'record_refund_state'],
];

const stateOf = (r: WireReader, keys: readonly [PayPlatformName, string][]) => {
  const hit = keys.find(([, k]) => r.has(k));
  return hit ? { platform: hit[0], key: hit[1] } : undefined;
};

function decodeOrder(r: WireReader): MerchantListedOrder {
  const st = stateOf(r, STATE_KEYS);
  return compact({
    kind: 'order' as const,
    outTradeNo: r.str('out_trade_no'),
    subPayPlatform: r.optInt('sub_pay_platform'),
    tradeType: r.optInt('trade_type'),
    deviceId: r.optStr('device_id'),
    totalFee: r.optFen('total_fee'),
    refundedFee: r.optFen('refunded_fee'),
    poundage: r.optInt('poundage'),
    createTime: r.optInt('create_time'),
    state: st && { platform: st.platform, cts: r.int(st.key) },
    outFreezeNo: r.optStr('out_freeze_no'),
  });
}

function decodeRefund(r: WireReader): MerchantListedRefund {
  const st = stateOf(r, REFUND_KEYS);
  return compact({
    kind: 'refund' as const,
    outTradeNo: r.str('out_trade_no'),
    outRefundNo: r.str('out_refund_no'),
    subPayPlatform: r.optInt('sub_pay_platform'),
    tradeType: r.optInt('trade_type'),
    deviceId: r.optStr('device_id'),
    totalFee: r.fen('total_fee'),
    refundFee: r.fen('refund_fee'),
    createTime: r.optInt('create_time'),
    refundState: st && { platform: st.platform, state: r.int(st.key) },
    outFreezeNo: r.optStr('out_freeze_no'),
  });
}

/** An OrderDetail holds exactly one of order, refund_order, freeze_order, unfreeze_order; freezes are skipped. */
function decodeDetail(r: WireReader): MerchantListedOrder | MerchantListedRefund | undefined {
  const present = ['order', 'refund_order', 'freeze_order', 'unfreeze_order'].filter((k) => r.has(k));
  if (present.length !== 1)
    throw r.fail('bad_value', 'order_details', 'each order detail holds exactly one of order, refund_order, freeze_order, unfreeze_order');
  if (r.has('order')) return decodeOrder(r.child('order'));
  if (r.has('refund_order')) return decodeRefund(r.child('refund_order'));
  return undefined;
}

function encodeItem(i: MerchantListedOrder | MerchantListedRefund): Json {
  if (i.kind === 'order') {
    const key = i.state && STATE_KEYS.find(([p]) => p === i.state?.platform)?.[1];
    return {
      order: compact({
        out_trade_no: i.outTradeNo,
        sub_pay_platform: i.subPayPlatform,
        trade_type: i.tradeType,
        device_id: i.deviceId,
        total_fee: i.totalFee,
        fee_type: i.totalFee === undefined ? undefined : 'CNY',
        refunded_fee: i.refundedFee,
        poundage: i.poundage,
        create_time: i.createTime,
        out_freeze_no: i.outFreezeNo,
        ...(i.state && key ? { [key]: i.state.cts } : {}),
      }),
    };
  }
  const key = i.refundState && REFUND_KEYS.find(([p]) => p === i.refundState?.platform)?.[1];
  return {
    refund_order: compact({
      out_trade_no: i.outTradeNo,
      out_refund_no: i.outRefundNo,
      sub_pay_platform: i.subPayPlatform,
      trade_type: i.tradeType,
      device_id: i.deviceId,
      total_fee: i.totalFee,
      refund_fee: i.refundFee,
      refund_fee_type: 'CNY',
      create_time: i.createTime,
      out_freeze_no: i.outFreezeNo,
      ...(i.refundState && key ? { [key]: i.refundState.state } : {}),
    }),
  };
}

const ORDER_TYPES = [1, 2, 3, 4, 5] as const;

/** `query_order_list`. */
export const queryOrderListCodec = defineCodec<MerchantOrderListRequest, MerchantOrderListResponse>('query_order_list', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) =>
    compact({
      sub_pay_platforms: q.subPayPlatforms,
      out_sub_mch_id: q.outSubMchId,
      out_shop_id: q.outShopId,
      device_id: q.deviceId,
      order_type: q.orderType,
      start_time: q.startTime,
      end_time: q.endTime,
      page_num: q.pageNum,
      page_size: q.pageSize,
      trade_type: q.tradeType,
      pay_time_type: q.payTimeType,
      refund_time_type: q.refundTimeType,
      time_filter: q.timeFilter,
      status: q.status,
      nonce_str: q.nonce,
    }),
  decodeRequest: (r) => {
    const orderType = r.int('order_type');
    if (!(ORDER_TYPES as readonly number[]).includes(orderType)) throw r.fail('bad_value', 'order_type', 'expected 1-5');
    const oneOrTwo = (k: string) => {
      const v = r.optInt(k);
      if (v !== undefined && v !== 1 && v !== 2) throw r.fail('bad_value', k, 'expected 1 or 2');
      return v;
    };
    const status = r.optInt('status');
    if (status !== undefined && status !== 0 && status !== 1) throw r.fail('bad_value', 'status', 'expected 0 or 1');
    return compact({
      subPayPlatforms: r.optIntList('sub_pay_platforms'),
      outSubMchId: r.str('out_sub_mch_id'),
      outShopId: r.optStr('out_shop_id'),
      deviceId: r.optStr('device_id'),
      orderType: orderType as MerchantOrderListRequest['orderType'],
      startTime: r.int('start_time'),
      endTime: r.int('end_time'),
      pageNum: r.int('page_num'),
      pageSize: r.int('page_size'),
      tradeType: r.optInt('trade_type'),
      payTimeType: oneOrTwo('pay_time_type'),
      refundTimeType: oneOrTwo('refund_time_type'),
      timeFilter: oneOrTwo('time_filter'),
      status: status,
      nonce: r.str('nonce_str'),
    });
  },
  encodeBody: (b) => compact({ nonce_str: b.nonce, total_count: b.totalCount, order_details: b.items.map(encodeItem) }),
  decodeBody: (r) =>
    compact({
      totalCount: r.optInt('total_count'),
      nonce: r.optStr('nonce_str'),
      items: (r.has('order_details') ? r.objects('order_details') : [])
        .map(decodeDetail)
        .filter((x): x is MerchantListedOrder | MerchantListedRefund => x !== undefined),
    }),
});
