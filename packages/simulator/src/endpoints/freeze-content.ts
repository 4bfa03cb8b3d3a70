/**
 * FreezeOrderContent and UnfreezeOrderContent as the simulator writes them (spec §7.1), and the
 * pay_mch_key echo of a deposit (WeChat ext with app_id / open_id, as in seed 004), and the
 * OrderContent of a consumption: WeChat state 14 "deposit consumed" (Alipay 2) with the deposit
 * fields out_freeze_no, freeze_fee, is_confirm_unfreeze, manual_unfreeze_fee.
 */
import { freezeCts, unfreezeCts, type Consume, type Freeze, type Unfreeze } from '../deposit-state.js';
import type { JsonObject } from '../json.js';
import type { Binding } from '../state.js';

const sec = (ms: number | undefined) => (ms === undefined ? undefined : Math.floor(ms / 1000));
const secOf = (ms: number) => Math.floor(ms / 1000);
const FREEZE_TSD: Record<Freeze['state'], string> = {
  initial: '冻结单已创建',
  paying: '需要用户输入支付密码',
  frozen: '押金冻结成功',
  cancelled: '用户取消支付',
  error: '冻结失败，请让用户更换支付方式',
  void: '押金单不存在于第三方支付平台',
  ended: '押金已全部解冻或消费',
};

/** pay_mch_key echoed in deposit replies. */
export function freezePmk(f: Pick<Freeze, 'platform'>, b: Binding): JsonObject {
  const base = { pay_platform: f.platform === 'wechat' ? 1 : 2, out_mch_id: b.outMchId, out_sub_mch_id: b.outSubMchId, out_shop_id: b.outShopId };
  return f.platform === 'wechat'
    ? { ...base, sub_pay_platform: 100, wxpay_pay_mch_key_ext: { app_id: 'wx998fa95558590e1c', open_id: 'ovJrDwsjamQql-k7Zr1Q-EaKFQ0k' } }
    : { ...base, sub_pay_platform: 200 };
}

/** FreezeOrderContent with its platform extension. */
export function freezeContent(f: Freeze): JsonObject {
  const held = f.frozenAt !== undefined;
  const ext =
    f.platform === 'wechat'
      ? { wxpay_freeze_order_content_ext: { current_trade_state: freezeCts(f), trade_state_desc: FREEZE_TSD[f.state], bank_type: 'CFT' } }
      : { alipay_freeze_order_content_ext: { current_trade_state: freezeCts(f), product_code: 'PRE_AUTH_ONLINE' } };
  return {
    out_freeze_no: f.outFreezeNo,
    freeze_id: f.freezeId,
    // A QR deposit is paid by the customer scanning (trade_type 2, no author_code, its QR's time_expire).
    trade_type: f.codeUrl !== undefined ? 2 : 1,
    author_code: f.authCode === '' ? undefined : f.authCode,
    time_expire: sec(f.qrExpiresAt ?? f.createdAt + 30 * 86_400_000),
    time_end: sec(f.frozenAt),
    create_time: sec(f.createdAt),
    last_update_time: sec(f.updatedAt),
    is_transforming: false,
    freeze_fee: f.freezeFee,
    fee_type: 'CNY',
    cash_fee: held ? f.freezeFee : 0,
    cash_fee_type: 'CNY',
    settlement_total_fee: held ? f.freezeFee : undefined,
    body: f.body,
    total_consume_fee: f.consumedFee,
    total_manual_unfreeze_fee: f.releasedFee,
    total_auto_unfreeze_fee: 0,
    total_refund_fee: 0,
    ...ext,
  };
}

/** UnfreezeOrderContent with its platform extension. */
export function unfreezeContent(u: Unfreeze, f: Freeze): JsonObject {
  const ext =
    f.platform === 'wechat'
      ? { wxpay_unfreeze_order_content_ext: { current_trade_state: unfreezeCts(u) } }
      : { alipay_unfreeze_order_content_ext: { current_trade_state: unfreezeCts(u), credit_amount: '0.00', fund_amount: (u.unfreezeFee / 100).toFixed(2) } };
  return {
    out_freeze_no: u.outFreezeNo,
    out_unfreeze_no: u.outUnfreezeNo,
    unfreeze_id: u.unfreezeId,
    trade_type: 1,
    time_end: u.state === 'success' ? sec(u.updatedAt) : undefined,
    create_time: sec(u.createdAt),
    last_update_time: sec(u.updatedAt),
    is_transforming: false,
    unfreeze_fee: u.unfreezeFee,
    fee_type: 'CNY',
    remark: u.remark,
    freeze_id: f.freezeId,
    ...ext,
  };
}

/** The consumption order as deposit_consume returns it. */
export function consumeContent(c: Consume, f: Freeze, nonce: string): JsonObject {
  const ext =
    f.platform === 'wechat'
      ? { wxpay_order_content_ext: { current_trade_state: 14, trade_state_desc: '押金消费成功' } }
      : { alipay_order_content_ext: { current_trade_state: 2 } };
  return {
    out_trade_no: c.outTradeNo,
    transaction_id: c.transactionId,
    trade_type: 1,
    time_end: secOf(c.createdAt),
    nonce_str: nonce,
    create_time: secOf(c.createdAt),
    last_update_time: secOf(c.createdAt),
    total_fee: c.totalFee,
    fee_type: 'CNY',
    cash_fee: c.totalFee,
    cash_fee_type: 'CNY',
    body: c.body,
    out_freeze_no: f.outFreezeNo,
    freeze_fee: f.freezeFee,
    is_confirm_unfreeze: c.isConfirmUnfreeze,
    manual_unfreeze_fee: c.releasedFee,
    freeze_id: f.freezeId,
    ...ext,
  };
}
