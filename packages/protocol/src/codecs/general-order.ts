/**
 * General-API order calls a terminal makes (spec §7.3-§7.5): scan_code_pay, query_order,
 * close_order. Full envelope, payment key, long names, nested pay_mch_key and order_client.
 */
import type {
  CloseOrderRequest,
  CloseOrderResponse,
  QueryOrderFullRequest,
  QueryOrderFullResponse,
  ScanCodePayRequest,
  ScanCodePayResponse,
} from '../types.js';
import { decodeMchKey, decodeMchKeyLoose, decodeOrderClient, encodeMchKey, encodeOrderClient } from './common.js';
import { defineCodec } from './codec.js';
import { decodeOrderContent, encodeOrderContent } from './order-content.js';
import { compact } from './read.js';

/** `scan_code_pay`: the merchant shows `code_url` as a QR; `product_id` goes in the WeChat ext. */
export const scanCodePayCodec = defineCodec<ScanCodePayRequest, ScanCodePayResponse>('scan_code_pay', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) => ({
    pay_content: compact({
      out_trade_no: q.outTradeNo,
      time_expire: q.timeExpire,
      total_fee: q.totalFee,
      fee_type: 'CNY',
      body: q.body,
      wxpay_pay_content_ext: q.productId === undefined ? undefined : { product_id: q.productId },
    }),
    pay_mch_key: encodeMchKey(q.mchKey),
    order_client: encodeOrderClient(q.client),
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => {
    const pc = r.child('pay_content');
    if (pc.str('fee_type') !== 'CNY') throw pc.fail('bad_value', 'fee_type', 'only CNY is supported');
    return compact({
      outTradeNo: pc.str('out_trade_no'),
      totalFee: pc.fen('total_fee'),
      body: pc.str('body'),
      timeExpire: pc.optInt('time_expire'),
      productId: pc.optChild('wxpay_pay_content_ext')?.optStr('product_id'),
      mchKey: decodeMchKey(r.child('pay_mch_key')),
      client: decodeOrderClient(r),
      nonce: r.str('nonce_str'),
    });
  },
  encodeBody: (b) => compact({ code_url: b.codeUrl, nonce_str: b.nonce }),
  decodeBody: (r) => compact({ codeUrl: r.str('code_url'), nonce: r.optStr('nonce_str') }),
});

/** `query_order`: the order's `current_trade_state` (4 only after a full refund, §7.4). */
export const queryOrderCodec = defineCodec<QueryOrderFullRequest, QueryOrderFullResponse>('query_order', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) =>
    compact({
      pay_mch_key: encodeMchKey(q.mchKey),
      order_client: encodeOrderClient(q.client),
      out_trade_no: q.outTradeNo,
      trade_type: q.tradeType,
      nonce_str: q.nonce,
    }),
  decodeRequest: (r) =>
    compact({
      mchKey: decodeMchKeyLoose(r.child('pay_mch_key')),
      client: decodeOrderClient(r),
      outTradeNo: r.str('out_trade_no'),
      tradeType: r.optInt('trade_type'),
      nonce: r.str('nonce_str'),
    }),
  encodeBody: (b) =>
    compact({
      order_content: encodeOrderContent(b.order),
      pay_mch_key: b.mchKey && encodeMchKey(b.mchKey),
      nonce_str: b.nonce,
    }),
  decodeBody: (r) =>
    compact({
      order: decodeOrderContent(r.child('order_content')),
      mchKey: r.has('pay_mch_key') ? decodeMchKey(r.child('pay_mch_key')) : undefined,
      nonce: r.optStr('nonce_str'),
    }),
});

/** `close_order`: closes an unpaid unified order; the example's wrapper is `query_order` (§15 #29). */
export const closeOrderCodec = defineCodec<CloseOrderRequest, CloseOrderResponse>('close_order', {
  head: 'full',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) => ({
    pay_mch_key: encodeMchKey(q.mchKey),
    order_client: encodeOrderClient(q.client),
    out_trade_no: q.outTradeNo,
    trade_type: q.tradeType,
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => ({
    mchKey: decodeMchKey(r.child('pay_mch_key')),
    client: decodeOrderClient(r),
    outTradeNo: r.str('out_trade_no'),
    tradeType: r.int('trade_type'),
    nonce: r.str('nonce_str'),
  }),
  encodeBody: (b) => compact({ nonce_str: b.nonce }),
  decodeBody: (r) => compact({ nonce: r.optStr('nonce_str') }),
});
