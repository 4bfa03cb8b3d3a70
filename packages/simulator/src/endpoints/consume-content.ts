/**
 * OrderContent of a deposit consumption (spec §7.1): WeChat state 14 "deposit consumed" (Alipay
 * 2), with the deposit fields out_freeze_no, freeze_fee, is_confirm_unfreeze, manual_unfreeze_fee.
 */
import type { Consume, Freeze } from '../deposit-state.js';
import type { JsonObject } from '../json.js';

const sec = (ms: number) => Math.floor(ms / 1000);

/** The consumption order as deposit_consume returns it. */
export function consumeContent(c: Consume, f: Freeze, nonce: string): JsonObject {
  const ext = f.platform === 'wechat'
    ? { wxpay_order_content_ext: { current_trade_state: 14, trade_state_desc: '押金消费成功' } }
    : { alipay_order_content_ext: { current_trade_state: 2 } };
  return {
    out_trade_no: c.outTradeNo, transaction_id: c.transactionId, trade_type: 1, time_end: sec(c.createdAt), nonce_str: nonce,
    create_time: sec(c.createdAt), last_update_time: sec(c.createdAt), total_fee: c.totalFee, fee_type: 'CNY', cash_fee: c.totalFee,
    cash_fee_type: 'CNY', body: c.body, out_freeze_no: f.outFreezeNo, freeze_fee: f.freezeFee, is_confirm_unfreeze: c.isConfirmUnfreeze,
    manual_unfreeze_fee: c.releasedFee, freeze_id: f.freezeId, ...ext,
  };
}
