/**
 * Which key verifies a request (spec §3.4): the initial key of the sn for binding endpoints, the
 * payment key of a binding for the rest. Brief requests do not always name the device (e.g.
 * brief_query_order may carry only `osi`), so every binding matching the identity fields present
 * is tried; the one whose key verifies is the caller.
 */
import { verifyHmac } from './crypto.js';
import { isObject, type JsonObject } from './json.js';
import type { Binding, DeviceRecord, SimState } from './state.js';

/** The outcome of key resolution: a verified caller, or an unsigned 101 description. */
export type KeyResult =
  | { readonly ok: true; readonly key: string; readonly device?: DeviceRecord; readonly binding?: Binding }
  | { readonly ok: false; readonly description: string; readonly internalStatus: number };

const first = (...vs: unknown[]): string | undefined => vs.find((v): v is string => typeof v === 'string' && v !== '');

/** The sn / device / shop a request names, wherever the endpoint puts them. */
export function identityOf(inner: JsonObject): { sn?: string; deviceId?: string; shopId?: string } {
  const oc = isObject(inner['order_client']) ? inner['order_client'] : {};
  const pmk = isObject(inner['pay_mch_key']) ? inner['pay_mch_key'] : {};
  return {
    sn: first(inner['sc'], inner['sn_code'], inner['sn'], oc['sn_code']),
    deviceId: first(inner['di'], inner['device_id'], oc['device_id']),
    shopId: first(inner['osi'], inner['out_shop_id'], pmk['out_shop_id']),
  };
}

/** Verifies a binding-endpoint request with the sn's initial key. */
export async function verifyInitial(state: SimState, inner: JsonObject, text: string, code: string | undefined): Promise<KeyResult> {
  const sn = typeof inner['sn_code'] === 'string' ? inner['sn_code'] : '';
  const device = state.devices[sn];
  if (!device) return { ok: false, description: `机具未登记：sn ${sn || '(空)'} 未导入云支付`, internalStatus: 3101 };
  if (!code) return { ok: false, description: '缺少认证码 authen_code', internalStatus: 3102 };
  if (!(await verifyHmac(device.initialKey, text, code))) {
    return { ok: false, description: '认证码校验失败：请用机具初始密钥对 request_content 计算 HMAC-SHA256', internalStatus: 3103 };
  }
  const b = state.bindings[sn];
  return { ok: true, key: device.initialKey, device, binding: b?.active ? b : undefined };
}

/** Verifies a payment-key request against every binding matching its identity fields. */
export async function verifyPayment(state: SimState, inner: JsonObject, text: string, code: string | undefined, allowInactive = false): Promise<KeyResult> {
  const id = identityOf(inner);
  const candidates = Object.values(state.bindings).filter(
    (b) =>
      (allowInactive || b.active) && (!id.sn || b.sn === id.sn) && (!id.deviceId || b.deviceId === id.deviceId) && (!id.shopId || b.outShopId === id.shopId),
  );
  if (candidates.length === 0) return { ok: false, description: '机具未绑定或绑定信息（sn/门店/设备）不符，请重新绑定', internalStatus: 3301 };
  if (!code) return { ok: false, description: '缺少认证码', internalStatus: 3102 };
  for (const b of candidates) {
    if (await verifyHmac(b.paymentKey, text, code)) return { ok: true, key: b.paymentKey, binding: b, device: state.devices[b.sn] };
  }
  return { ok: false, description: '认证码校验失败：交易密钥不正确（商户可能已更换密钥），请重新绑定', internalStatus: 3103 };
}
