/**
 * Control operations: the merchant (confirm a binding, change the key, unbind), the customer
 * (approve, decline, password) and test hooks (faults, skew). Pure like the core: each takes a
 * state and returns a new one with a result; failures throw ControlError (an HTTP status + text).
 */
import { CodedError } from '@cpay/protocol';
import { bindSn } from './bind-ops.js';
import { setFreezeState, type Freeze } from './deposit-state.js';
import { parseQrUrl, verifyQrSign } from './crypto.js';
import type { Fault } from './faults.js';
import { refundableFee, settle, setOrderState, yuan } from './orders.js';
import { isPaid, isPending } from './platforms.js';
import { ALNUM, DIGITS, nextString } from './rng.js';
import { scenarioByName } from './scenarios.js';
import type { Binding, DeviceRecord, Order, Refund, SimState } from './state.js';

/**
 * A control call that cannot be done; `status` is the HTTP status the node adapter answers (CodedError
 * family: code `control_refused`, not retryable as-is; the status and the message are unchanged).
 */
export class ControlError extends CodedError<'control_refused'> {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('control_refused', message, false);
    this.name = 'ControlError';
  }
}

/** A new state and the operation's result. */
export interface ControlResult<T> {
  readonly state: SimState;
  readonly result: T;
}

function mutate<T>(state: SimState, now: number, fn: (s: SimState, serverNow: number) => T): ControlResult<T> {
  const s = structuredClone(state);
  settle(s, now + s.skewMs);
  return { state: s, result: fn(s, now + s.skewMs) };
}

/** Merchant confirms a binding QR, by activator or by the full QR URL (its `sign` is checked). */
export async function confirmBinding(state: SimState, by: { activator: string } | { qrUrl: string }, now: number): Promise<ControlResult<Binding>> {
  let activator: string;
  let sn: string | undefined;
  if ('qrUrl' in by) {
    const q = parseQrUrl(by.qrUrl);
    if (!q) throw new ControlError(400, 'qr_url 不是合法的绑定二维码链接（需要 ac、rs、sn、sign 参数）');
    const device = state.devices[q.sn];
    if (!device) throw new ControlError(404, `机具未登记：${q.sn}`);
    if (!(await verifyQrSign(q, device.initialKey))) throw new ControlError(403, '二维码签名 sign 校验失败（初始密钥原样或小写均不匹配）');
    activator = q.ac;
    sn = q.sn;
  } else activator = by.activator;
  return mutate(state, now, (s, t) => {
    const qr = Object.values(s.qrs).find((x) => x.activator === activator);
    if (!qr) throw new ControlError(404, `绑定二维码不存在：${activator}`);
    if (sn !== undefined && qr.sn !== sn) throw new ControlError(403, '二维码中的 sn 与生成该二维码的机具不一致');
    if (qr.confirmedAt !== undefined) throw new ControlError(409, '该绑定二维码已使用');
    if (t > qr.createdAt + qr.ttlSeconds * 1000) throw new ControlError(410, '绑定二维码已过期，请在机具上重新生成');
    qr.confirmedAt = t;
    return bindSn(s, qr.sn, t, 'qr');
  });
}

/** Binds an sn directly, without the QR dance (a test shortcut; the terminal still needs the key). */
export function bindDirect(state: SimState, sn: string, now: number): ControlResult<Binding> {
  if (!state.devices[sn]) throw new ControlError(404, `机具未登记：${sn}`);
  return mutate(state, now, (s, t) => bindSn(s, sn, t, 'preset'));
}

/** The active binding of `sn` or a 404. */
function activeOf(s: SimState, sn: string): Binding {
  const b = s.bindings[sn];
  if (!b?.active) throw new ControlError(404, `机具未绑定：${sn}`);
  return b;
}

/** The merchant changes the payment key: the terminal's key no longer matches (check → 3303). */
export function rotateKey(state: SimState, sn: string, now: number): ControlResult<Binding> {
  return mutate(state, now, (s) => {
    const b = activeOf(s, sn);
    b.paymentKey = nextString(s, 32, ALNUM);
    return b;
  });
}

/** The merchant deletes the device (new-flow unbinding): check → 3301, payment calls → 101. */
export function unbind(state: SimState, sn: string, now: number): ControlResult<Binding> {
  return mutate(state, now, (s) => {
    const b = activeOf(s, sn);
    b.active = false;
    return b;
  });
}

/** Registers another terminal (sn → initial key). */
export function registerDevice(state: SimState, device: DeviceRecord): ControlResult<DeviceRecord> {
  if (!/^[A-Z0-9]+_[A-Z0-9]+_[A-Za-z0-9]+$/.test(device.sn)) throw new ControlError(400, 'sn 应为 <COMPANY>_<MODEL>_<sn>');
  if (!/^[0-9A-Z]{32}$/.test(device.initialKey)) throw new ControlError(400, 'initial_key 应为32位 0-9A-Z');
  const s = structuredClone(state);
  s.devices[device.sn] = { ...device };
  return { state: s, result: device };
}

/** A legacy configuration QR for a new device of the demo shop (valid 5 minutes). */
export function createLegacyConfig(state: SimState, now: number): ControlResult<{ si: string; osi: string; deviceId: string }> {
  return mutate(state, now, (s, t) => {
    const si = nextString(s, 20, ALNUM);
    const deviceId = nextString(s, 16, ALNUM);
    s.legacyConfigs[si] = { si, outShopId: s.shop.outShopId, deviceId, createdAt: t, used: false };
    return { si, osi: s.shop.outShopId, deviceId };
  });
}

/** Customer actions on a pending order. */
export type CustomerAction = 'approve' | 'decline' | 'password';

/** The customer approves, declines or is asked for a password on a pending order. */
export function customerAction(state: SimState, outTradeNo: string, action: CustomerAction, now: number): ControlResult<Order> {
  return mutate(state, now, (s, t) => {
    const o = s.orders[outTradeNo];
    if (!o) throw new ControlError(404, `订单不存在：${outTradeNo}`);
    if (!isPending(o.state)) throw new ControlError(409, `订单不在等待状态（当前 ${o.state}）`);
    o.schedule = [];
    if (action === 'password') {
      if (o.tradeType !== 1) throw new ControlError(409, '只有刷卡支付订单需要输入密码');
      setOrderState(o, 'paying', t);
    } else if (action === 'approve') setOrderState(o, o.tradeType === 1 ? 'success' : 'paid', t);
    else setOrderState(o, o.tradeType === 1 ? 'cancelled' : 'closed', t);
    return o;
  });
}

/** The customer pays a scan-code order by its code_url. */
export function payCodeUrl(state: SimState, codeUrl: string, now: number): ControlResult<Order | Freeze> {
  const o = Object.values(state.orders).find((x) => x.codeUrl === codeUrl);
  if (o) return customerAction(state, o.outTradeNo, 'approve', now);
  // A scancode_freeze QR: the customer leaves the deposit (AlipayFreezeOrderState 1 → 2).
  const f = Object.values(state.deposits?.freezes ?? {}).find((x) => x.codeUrl === codeUrl);
  if (!f) throw new ControlError(404, `没有 code_url 为 ${codeUrl} 的订单或押金单`);
  return mutate(state, now, (s, t) => {
    const d = s.deposits?.freezes[f.outFreezeNo] as Freeze;
    if (d.state !== 'initial') throw new ControlError(409, `押金单不在等待状态（当前 ${d.state}）`);
    d.schedule = [];
    setFreezeState(d, 'frozen', t);
    return d;
  });
}

/**
 * The merchant refunds an order in the merchant console (手机端商户管理系统), not from a terminal:
 * the refund belongs to no device, so no terminal's device list shows it; the merchant-level
 * query_order_list and the order's refunded_fee do (issue 14 point 5). Same limits as `refund`.
 */
export function merchantRefund(state: SimState, outTradeNo: string, refundFee: number, now: number): ControlResult<Refund> {
  return mutate(state, now, (s, t) => {
    const o = s.orders[outTradeNo];
    if (!o) throw new ControlError(404, `订单不存在：${outTradeNo}`);
    if (!Number.isSafeInteger(refundFee) || refundFee <= 0) throw new ControlError(400, 'refund_fee 必须是大于0的整数（分）');
    if (!isPaid(o.state)) throw new ControlError(409, '订单未支付成功，不能退款');
    if (o.state === 'finished') throw new ControlError(409, '交易已完结，不可退款');
    const refundable = refundableFee(s, o);
    if (refundFee > refundable) throw new ControlError(409, `超过可退金额：申请退款 ${yuan(refundFee)} 元，可退 ${yuan(refundable)} 元`);
    const behaviour = scenarioByName(o.scenario).refund;
    const r: Refund = {
      outRefundNo: `M${nextString(s, 23, DIGITS)}`,
      outTradeNo,
      platform: o.platform,
      tradeType: o.tradeType,
      totalFee: o.totalFee,
      refundFee,
      reason: '商户后台退款',
      fingerprint: 'merchant-console',
      createdAt: t,
      refundId: `50000${nextString(s, 23, DIGITS)}`,
      state: 'processing',
      updatedAt: t,
      settleAt: t + (behaviour.settleMs ?? s.options.refundSettleMs),
      settleTo: behaviour.outcome,
      source: 'merchant',
    };
    s.refunds[r.outRefundNo] = r;
    o.refundNos.push(r.outRefundNo);
    settle(s, t);
    return r;
  });
}

/** Queues a one-shot fault for the next matching request. */
export function injectFault(state: SimState, fault: Fault): ControlResult<Fault[]> {
  const s = structuredClone(state);
  s.faults.push(fault);
  return { state: s, result: s.faults };
}

/** Sets the server clock skew (ms added to the real time). */
export function setSkew(state: SimState, skewMs: number): ControlResult<number> {
  const s = structuredClone(state);
  s.skewMs = skewMs;
  return { state: s, result: skewMs };
}

/** A copy of the state with every transition due at `now` applied. */
export function settled(state: SimState, now: number): SimState {
  return mutate(state, now, () => undefined).state;
}
