/**
 * Refunds through the general API (spec §7.6, §7.7). A status-0 refund reply means the refund
 * was accepted, not finished. query_refund_order returns an array that examples lose (§15 #36).
 */
import type { QueryRefundRequest, QueryRefundResponse, RefundContent, RefundRequest, RefundResponse } from '../types.js';
import { decodeMchKey, decodeOrderClient, encodeMchKey, encodeOrderClient } from './common.js';
import { defineCodec } from './codec.js';
import { decodeRefundContent, encodeRefundContent } from './order-content.js';
import { type WireReader, compact } from './read.js';

const optMchKey = (r: WireReader) => (r.has('pay_mch_key') ? decodeMchKey(r.child('pay_mch_key')) : undefined);

/** `refund`: permission fields live in `pay_mch_key` (§15 #33); `api_version` omitted = 1. */
export const refundCodec = defineCodec<RefundRequest, RefundResponse>('refund', {
  head: 'full',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) =>
    compact({
      refund_content: compact({
        out_trade_no: q.outTradeNo,
        out_refund_no: q.outRefundNo,
        total_fee: q.totalFee,
        refund_fee: q.refundFee,
        refund_fee_type: 'CNY',
        refund_reason: q.refundReason,
        out_freeze_no: q.outFreezeNo,
      }),
      pay_mch_key: compact({
        ...encodeMchKey(q.mchKey),
        is_sub_mch_admin: q.mchKey.isSubMchAdmin,
        authorization_staff_id: q.mchKey.authorizationStaffId,
        authorization_name: q.mchKey.authorizationName,
      }),
      order_client: encodeOrderClient(q.client),
      api_version: q.apiVersion,
      nonce_str: q.nonce,
    }),
  decodeRequest: (r) => {
    const rc = r.child('refund_content');
    if (rc.str('refund_fee_type') !== 'CNY') throw rc.fail('bad_value', 'refund_fee_type', 'only CNY is supported');
    const mk = r.child('pay_mch_key');
    const apiVersion = r.optInt('api_version');
    if (apiVersion !== undefined && apiVersion !== 1 && apiVersion !== 2) throw r.fail('bad_value', 'api_version', 'expected 1 or 2');
    return compact({
      outTradeNo: rc.str('out_trade_no'),
      outRefundNo: rc.str('out_refund_no'),
      totalFee: rc.fen('total_fee'),
      refundFee: rc.fen('refund_fee'),
      refundReason: rc.optStr('refund_reason'),
      outFreezeNo: rc.optStr('out_freeze_no'),
      mchKey: compact({
        ...decodeMchKey(mk),
        isSubMchAdmin: mk.bool('is_sub_mch_admin'),
        authorizationStaffId: mk.optStr('authorization_staff_id'),
        authorizationName: mk.optStr('authorization_name'),
      }),
      client: decodeOrderClient(r),
      apiVersion,
      nonce: r.str('nonce_str'),
    });
  },
  encodeBody: (b) =>
    compact({
      pay_mch_key: b.mchKey && encodeMchKey(b.mchKey),
      refund_order_content: b.refund && encodeRefundContent(b.refund),
      nonce_str: b.nonce,
    }),
  decodeBody: (r) =>
    compact({
      refund: r.has('refund_order_content') ? decodeRefundContent(r.child('refund_order_content')) : undefined,
      mchKey: optMchKey(r),
      nonce: r.optStr('nonce_str'),
    }),
});

function decodeRefundList(r: WireReader): readonly RefundContent[] {
  if (!r.has('refund_order_content')) return [];
  return Array.isArray(r.obj.refund_order_content)
    ? r.objects('refund_order_content').map(decodeRefundContent)
    : [decodeRefundContent(r.child('refund_order_content'))];
}

/** `query_refund_order`: `refund_order_content` as an array, or a single object (§15 #36). */
export const queryRefundCodec = defineCodec<QueryRefundRequest, QueryRefundResponse>('query_refund_order', {
  head: 'full',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) => ({
    pay_mch_key: encodeMchKey(q.mchKey),
    order_client: encodeOrderClient(q.client),
    out_trade_no: q.outTradeNo,
    out_refund_no: q.outRefundNo,
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => ({
    mchKey: decodeMchKey(r.child('pay_mch_key')),
    client: decodeOrderClient(r),
    outTradeNo: r.str('out_trade_no'),
    outRefundNo: r.str('out_refund_no'),
    nonce: r.str('nonce_str'),
  }),
  encodeBody: (b) =>
    compact({
      pay_mch_key: b.mchKey && encodeMchKey(b.mchKey),
      refund_order_content: b.refunds.map(encodeRefundContent),
      nonce_str: b.nonce,
    }),
  decodeBody: (r) => compact({ refunds: decodeRefundList(r), mchKey: optMchKey(r), nonce: r.optStr('nonce_str') }),
});
