/**
 * OrderContent and RefundOrderContent of the general API (spec §7.1): the fields a terminal reads,
 * and the per-platform extension that carries the state. Unknown fields are ignored (§7.1 Tolerant).
 */
import type { OrderContent, OrderStateOnWire, PayPlatformName, RefundContent } from '../types.js';
import { presentPlatform } from './common.js';
import { type Json, type WireReader, compact } from './read.js';

/** Order extensions: platform → wire key; the state is `current_trade_state` in each. */
export const ORDER_EXT_KEYS: Partial<Record<PayPlatformName, string>> = {
  wechat: 'wxpay_order_content_ext',
  alipay: 'alipay_order_content_ext',
  bookkeeping: 'record_order_content_ext',
  // SEEDS SILENT on a member-card extension in the general API; named by analogy.
  card: 'card_order_content_ext',
};
/** Refund extensions: platform → [wire key, state field] (§7.1 RefundOrderContent). */
export const REFUND_EXT_KEYS: Partial<Record<PayPlatformName, readonly [string, string]>> = {
  wechat: ['wxpay_refund_order_content_ext', 'state'],
  alipay: ['alipay_refund_order_content_ext', 'refund_status'],
  bookkeeping: ['record_refund_order_content_ext', 'state'],
};
const REFUND_EXT_NAMES = Object.fromEntries(Object.entries(REFUND_EXT_KEYS).map(([p, v]) => [p, v[0]])) as Partial<Record<PayPlatformName, string>>;

function decodeOrderState(r: WireReader): OrderStateOnWire | undefined {
  const hit = presentPlatform(r, ORDER_EXT_KEYS);
  if (!hit) return undefined;
  const ext = r.child(hit[1]);
  const desc = hit[0] === 'wechat' ? ext.optStr('trade_state_desc') : undefined;
  return compact({ platform: hit[0], cts: ext.int('current_trade_state'), tradeStateDesc: desc });
}

/** Decodes the terminal-relevant part of OrderContent. */
export function decodeOrderContent(r: WireReader): OrderContent {
  return compact({
    outTradeNo: r.str('out_trade_no'),
    transactionId: r.optStr('transaction_id'),
    tradeType: r.optInt('trade_type'),
    codeUrl: r.optStr('code_url'),
    totalFee: r.optFen('total_fee'),
    timeEnd: r.optInt('time_end'),
    createTime: r.optInt('create_time'),
    body: r.optStr('body'),
    state: decodeOrderState(r),
    outFreezeNo: r.optStr('out_freeze_no'),
  });
}

/** Encodes OrderContent (fee type CNY, the state in its platform extension). */
export function encodeOrderContent(o: OrderContent): Json {
  const ext = o.state ? ORDER_EXT_KEYS[o.state.platform] : undefined;
  return compact({
    out_trade_no: o.outTradeNo,
    transaction_id: o.transactionId,
    trade_type: o.tradeType,
    code_url: o.codeUrl,
    time_end: o.timeEnd,
    create_time: o.createTime,
    total_fee: o.totalFee,
    fee_type: o.totalFee === undefined ? undefined : 'CNY',
    body: o.body,
    out_freeze_no: o.outFreezeNo,
    ...(o.state && ext ? { [ext]: compact({ current_trade_state: o.state.cts, trade_state_desc: o.state.tradeStateDesc }) } : {}),
  });
}

/** Decodes the terminal-relevant part of RefundOrderContent. */
export function decodeRefundContent(r: WireReader): RefundContent {
  const hit = presentPlatform(r, REFUND_EXT_NAMES);
  const spec = hit ? REFUND_EXT_KEYS[hit[0]] : undefined;
  const refundState = hit && spec ? { platform: hit[0], state: r.child(hit[1]).int(spec[1]) } : undefined;
  return compact({
    outRefundNo: r.str('out_refund_no'),
    outTradeNo: r.str('out_trade_no'),
    totalFee: r.fen('total_fee'),
    refundFee: r.fen('refund_fee'),
    createTime: r.optInt('create_time'),
    refundState,
    refundReason: r.optStr('refund_reason'),
  });
}

/** Encodes RefundOrderContent (refund fee type CNY). */
export function encodeRefundContent(c: RefundContent): Json {
  const spec = c.refundState ? REFUND_EXT_KEYS[c.refundState.platform] : undefined;
  return compact({
    out_refund_no: c.outRefundNo,
    out_trade_no: c.outTradeNo,
    create_time: c.createTime,
    total_fee: c.totalFee,
    refund_fee: c.refundFee,
    refund_fee_type: 'CNY',
    refund_reason: c.refundReason,
    ...(c.refundState && spec ? { [spec[0]]: { [spec[1]]: c.refundState.state } } : {}),
  });
}
