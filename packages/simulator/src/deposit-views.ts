/**
 * The deposit truth as the control API shows it (snake_case): each freeze with its state
 * history, consumptions and unfreezes, the amounts consumed, released and still frozen, and
 * the app_pay orders. Read from a settled snapshot (time-based changes applied).
 */
import { bookOf, freezeCts, remainingFee, settleDeposits, unfreezeCts, type Freeze } from './deposit-state.js';
import type { SimState } from './state.js';

/** One freeze, everything included. */
export function freezeView(s: SimState, f: Freeze): Record<string, unknown> {
  const book = bookOf(s);
  return {
    out_freeze_no: f.outFreezeNo,
    platform: f.platform,
    scenario: f.scenario,
    state: f.state,
    cts: freezeCts(f),
    freeze_fee: f.freezeFee,
    consumed_fee: f.consumedFee,
    released_fee: f.releasedFee,
    remaining_fee: remainingFee(f),
    freeze_id: f.freezeId,
    sn: f.sn,
    device_id: f.deviceId,
    out_shop_id: f.outShopId,
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    frozen_at: f.frozenAt,
    micro_freeze_calls: f.calls,
    code_url: f.codeUrl,
    qr_expires_at: f.qrExpiresAt,
    consumes: f.consumeNos
      .map((no) => book.consumes[no])
      .filter((c) => c !== undefined)
      .map((c) => ({
        out_trade_no: c.outTradeNo,
        total_fee: c.totalFee,
        is_confirm_unfreeze: c.isConfirmUnfreeze,
        manual_unfreeze_fee: c.releasedFee,
        transaction_id: c.transactionId,
        created_at: c.createdAt,
      })),
    unfreezes: f.unfreezeNos
      .map((no) => book.unfreezes[no])
      .filter((u) => u !== undefined)
      .map((u) => ({
        out_unfreeze_no: u.outUnfreezeNo,
        unfreeze_fee: u.unfreezeFee,
        state: u.state,
        cts: unfreezeCts(u),
        created_at: u.createdAt,
        updated_at: u.updatedAt,
        settles_at: u.settleAt,
      })),
    history: f.history.map((h) => ({ at: h.at, state: h.state })),
    upcoming: f.schedule.map((t) => ({ at: t.at, state: t.to })),
  };
}

/** A settled copy of the state at `now` (the stored state is not touched). */
export function settledCopy(state: SimState, now: number): SimState {
  const s = structuredClone(state);
  settleDeposits(s, now + s.skewMs);
  return s;
}

/** Every freeze. */
export function freezesView(s: SimState): Record<string, unknown>[] {
  return Object.values(bookOf(s).freezes).map((f) => freezeView(s, f));
}

/** Every app_pay order with its sdk_args. */
export function appOrdersView(s: SimState): Record<string, unknown>[] {
  return Object.values(bookOf(s).appOrders).map((o) => ({
    out_trade_no: o.outTradeNo,
    total_fee: o.totalFee,
    body: o.body,
    mob_app_id: o.mobAppId,
    prepare_id: o.prepareId,
    created_at: o.createdAt,
    sdk_args: { wxpay: o.sdk },
  }));
}
