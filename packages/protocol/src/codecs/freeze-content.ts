/**
 * FreezeOrderContent, UnfreezeOrderContent and the deposit PayMchKey extensions (spec §7.1):
 * one per-platform extension carries the state; two of a pair present is malformed.
 */
import type { PayPlatformName } from '../types.js';
import { decodeMchKey, encodeMchKey, presentPlatform } from './common.js';
import type { DepositMchKey, DepositPlatformName, DepositStateOnWire, FreezeOrder, MchKeyExt, UnfreezeOrder } from './deposit-types.js';
import { type Json, type WireReader, compact } from './read.js';

/** Freeze-order extensions (`current_trade_state` = WxpayFreezeOrderState / AlipayFreezeOrderState). */
export const FREEZE_EXT_KEYS: Partial<Record<PayPlatformName, string>> = {
  wechat: 'wxpay_freeze_order_content_ext',
  alipay: 'alipay_freeze_order_content_ext',
};
/** Unfreeze-order extensions (Wxpay/AlipayUnfreezeOrderState). */
export const UNFREEZE_EXT_KEYS: Partial<Record<PayPlatformName, string>> = {
  wechat: 'wxpay_unfreeze_order_content_ext',
  alipay: 'alipay_unfreeze_order_content_ext',
};
const MCH_EXT_KEYS: Partial<Record<PayPlatformName, string>> = { wechat: 'wxpay_pay_mch_key_ext', alipay: 'alipay_pay_mch_key_ext' };

function decodeState(r: WireReader, keys: Partial<Record<PayPlatformName, string>>): DepositStateOnWire | undefined {
  const hit = presentPlatform(r, keys);
  if (!hit) return undefined;
  const ext = r.child(hit[1]);
  const tsd = hit[0] === 'wechat' ? ext.optStr('trade_state_desc') : undefined;
  return compact({ platform: hit[0] as DepositPlatformName, cts: ext.int('current_trade_state'), tradeStateDesc: tsd });
}

function encodeState(s: DepositStateOnWire | undefined, keys: Partial<Record<PayPlatformName, string>>): Json {
  const key = s ? keys[s.platform] : undefined;
  return s && key ? { [key]: compact({ current_trade_state: s.cts, trade_state_desc: s.tradeStateDesc }) } : {};
}

/** Decodes FreezeOrderContent. */
export function decodeFreezeOrder(r: WireReader): FreezeOrder {
  return compact({
    outFreezeNo: r.str('out_freeze_no'),
    freezeId: r.optStr('freeze_id'),
    tradeType: r.int('trade_type'),
    authorCode: r.optStr('author_code'),
    timeExpire: r.optInt('time_expire'),
    timeEnd: r.optInt('time_end'),
    createTime: r.int('create_time'),
    lastUpdateTime: r.int('last_update_time'),
    isTransforming: r.bool('is_transforming'),
    freezeFee: r.fen('freeze_fee'),
    cashFee: r.fen('cash_fee'),
    settlementTotalFee: r.optFen('settlement_total_fee'),
    body: r.str('body'),
    remark: r.optStr('remark'),
    totalConsumeFee: r.optFen('total_consume_fee'),
    totalManualUnfreezeFee: r.optFen('total_manual_unfreeze_fee'),
    totalAutoUnfreezeFee: r.optFen('total_auto_unfreeze_fee'),
    totalRefundFee: r.optFen('total_refund_fee'),
    state: decodeState(r, FREEZE_EXT_KEYS),
  });
}

/** Encodes FreezeOrderContent (fee types CNY). */
export function encodeFreezeOrder(f: FreezeOrder): Json {
  return compact({
    out_freeze_no: f.outFreezeNo,
    freeze_id: f.freezeId,
    trade_type: f.tradeType,
    author_code: f.authorCode,
    time_expire: f.timeExpire,
    time_end: f.timeEnd,
    create_time: f.createTime,
    last_update_time: f.lastUpdateTime,
    is_transforming: f.isTransforming,
    freeze_fee: f.freezeFee,
    fee_type: 'CNY',
    cash_fee: f.cashFee,
    cash_fee_type: 'CNY',
    settlement_total_fee: f.settlementTotalFee,
    body: f.body,
    remark: f.remark,
    total_consume_fee: f.totalConsumeFee,
    total_manual_unfreeze_fee: f.totalManualUnfreezeFee,
    total_auto_unfreeze_fee: f.totalAutoUnfreezeFee,
    total_refund_fee: f.totalRefundFee,
    ...encodeState(f.state, FREEZE_EXT_KEYS),
  });
}

/** Decodes UnfreezeOrderContent. */
export function decodeUnfreezeOrder(r: WireReader): UnfreezeOrder {
  return compact({
    outFreezeNo: r.str('out_freeze_no'),
    outUnfreezeNo: r.str('out_unfreeze_no'),
    unfreezeId: r.optStr('unfreeze_id'),
    tradeType: r.optInt('trade_type'),
    timeEnd: r.optInt('time_end'),
    createTime: r.int('create_time'),
    lastUpdateTime: r.int('last_update_time'),
    isTransforming: r.bool('is_transforming'),
    unfreezeFee: r.fen('unfreeze_fee'),
    remark: r.optStr('remark'),
    freezeId: r.optStr('freeze_id'),
    state: decodeState(r, UNFREEZE_EXT_KEYS),
  });
}

/** Encodes UnfreezeOrderContent. */
export function encodeUnfreezeOrder(u: UnfreezeOrder): Json {
  return compact({
    out_freeze_no: u.outFreezeNo,
    out_unfreeze_no: u.outUnfreezeNo,
    unfreeze_id: u.unfreezeId,
    trade_type: u.tradeType,
    time_end: u.timeEnd,
    create_time: u.createTime,
    last_update_time: u.lastUpdateTime,
    is_transforming: u.isTransforming,
    unfreeze_fee: u.unfreezeFee,
    fee_type: 'CNY',
    remark: u.remark,
    freeze_id: u.freezeId,
    ...encodeState(u.state, UNFREEZE_EXT_KEYS),
  });
}

/** Encodes PayMchKey plus its one optional platform extension. */
export function encodeDepositMchKey(k: DepositMchKey): Json {
  const ext = k.ext;
  const wire =
    ext?.platform === 'wechat'
      ? { wxpay_pay_mch_key_ext: compact({ app_id: ext.appId, sub_app_id: ext.subAppId }) }
      : ext?.platform === 'alipay'
        ? { alipay_pay_mch_key_ext: compact({ user_id: ext.userId }) }
        : {};
  return { ...encodeMchKey(k), ...wire };
}

/** Decodes PayMchKey and its extension; both of the pair present is malformed. */
export function decodeDepositMchKey(r: WireReader): DepositMchKey {
  const hit = presentPlatform(r, MCH_EXT_KEYS);
  const base = decodeMchKey(r);
  if (!hit) return base;
  const e = r.child(hit[1]);
  const ext: MchKeyExt =
    hit[0] === 'wechat'
      ? compact({ platform: 'wechat' as const, appId: e.optStr('app_id'), subAppId: e.optStr('sub_app_id') })
      : compact({ platform: 'alipay' as const, userId: e.optStr('user_id') });
  return { ...base, ext };
}
