/**
 * Wire structures shared by several endpoints: PayMchKey, OrderClient and the per-platform
 * order/refund state extensions (spec §6.5, §6.9, §7.1). Platform keys are tables, not switches.
 */
import { ProtocolError } from '../errors.js';
import { type MchKey, type OrderClient, type OrderStateOnWire, PayPlatform, type PayPlatformCode, type PayPlatformName } from '../types.js';
import { type Json, WireReader, compact } from './read.js';

/** PayPlatform code → name (§8; 1-4 accepted, §15 #21). */
export const PAY_PLATFORM_BY_CODE: Readonly<Record<number, PayPlatformName>> = Object.fromEntries(
  Object.entries(PayPlatform).map(([name, code]) => [code, name as PayPlatformName]),
);

/** Reads a PayPlatform code and its name. */
export function readPayPlatformEntry(r: WireReader, key: string): [PayPlatformCode, PayPlatformName] {
  const code = r.int(key);
  const name = PAY_PLATFORM_BY_CODE[code];
  if (name === undefined) throw r.fail('bad_value', key, 'expected a PayPlatform 1-4');
  return [PayPlatform[name], name];
}

/** Reads a PayPlatform code. */
export function readPayPlatform(r: WireReader, key: string): PayPlatformCode {
  return readPayPlatformEntry(r, key)[0];
}

/** Brief order-state objects: `wx` {cts, tsd}, `ali` {cts}, `cd` {cts} (§6.5). */
export const BRIEF_STATE_KEYS: Partial<Record<PayPlatformName, string>> = { wechat: 'wx', alipay: 'ali', card: 'cd' };
/** Brief list order states: `wx_cts`, `ali_cts`, `card_cts` (§6.9). */
export const LIST_STATE_KEYS: Partial<Record<PayPlatformName, string>> = { wechat: 'wx_cts', alipay: 'ali_cts', card: 'card_cts' };
/** Brief list refund states: `wx_rs`, `ali_rs`, `card_rs` (§6.9). */
export const LIST_REFUND_KEYS: Partial<Record<PayPlatformName, string>> = { wechat: 'wx_rs', alipay: 'ali_rs', card: 'card_rs' };

/** Which one of the platform keys is present; more than one is malformed. */
export function presentPlatform(r: WireReader, keys: Partial<Record<PayPlatformName, string>>): [PayPlatformName, string] | undefined {
  const present = (Object.entries(keys) as [PayPlatformName, string][]).filter(([, k]) => r.has(k));
  if (present.length > 1) throw r.fail('bad_value', present[1]?.[1] ?? '', `only one of ${present.map(([, k]) => k).join(', ')} may be present`);
  return present[0];
}

/** The wire key for a platform, or a ProtocolError when that table has none. */
export function keyFor(keys: Partial<Record<PayPlatformName, string>>, platform: PayPlatformName, what: string): string {
  const key = keys[platform];
  if (key === undefined) throw new ProtocolError('bad_value', `${what} has no wire form for platform ${platform}`);
  return key;
}

/** Decodes `wx`/`ali`/`cd` of a brief reply. */
export function decodeBriefState(r: WireReader): OrderStateOnWire | undefined {
  const hit = presentPlatform(r, BRIEF_STATE_KEYS);
  if (!hit) return undefined;
  const ext = r.child(hit[1]);
  const tsd = hit[0] === 'wechat' ? ext.optStr('tsd') : undefined;
  return tsd === undefined ? { platform: hit[0], cts: ext.int('cts') } : { platform: hit[0], cts: ext.int('cts'), tradeStateDesc: tsd };
}

/** Encodes a brief state as `{wx: {cts, tsd}}` etc. */
export function encodeBriefState(state: OrderStateOnWire | undefined): Json {
  if (!state) return {};
  return { [keyFor(BRIEF_STATE_KEYS, state.platform, 'brief order state')]: compact({ cts: state.cts, tsd: state.tradeStateDesc }) };
}

/** Encodes PayMchKey; refund adds `is_sub_mch_admin`/`authorization_staff_id` (§15 #33). */
export function encodeMchKey(k: Partial<Pick<MchKey, 'payPlatform'>> & Omit<MchKey, 'payPlatform'>): Json {
  return compact({
    pay_platform: k.payPlatform,
    sub_pay_platform: k.subPayPlatform,
    out_mch_id: k.outMchId,
    out_sub_mch_id: k.outSubMchId,
    out_shop_id: k.outShopId,
  });
}

/** Decodes PayMchKey with a required `pay_platform`. */
export function decodeMchKey(r: WireReader): MchKey {
  return { ...decodeMchKeyLoose(r), payPlatform: readPayPlatform(r, 'pay_platform') };
}

/** Decodes PayMchKey where `pay_platform` is optional (query_order request, §7.4). */
export function decodeMchKeyLoose(r: WireReader): Omit<MchKey, 'payPlatform'> & { payPlatform?: PayPlatformCode } {
  const sub = r.optInt('sub_pay_platform');
  const base = { outMchId: r.str('out_mch_id'), outSubMchId: r.str('out_sub_mch_id'), outShopId: r.str('out_shop_id') };
  const withSub = sub === undefined ? base : { ...base, subPayPlatform: sub };
  return r.has('pay_platform') ? { ...withSub, payPlatform: readPayPlatform(r, 'pay_platform') } : withSub;
}

/** Encodes OrderClient (device_id always a string, §15 #37). */
export function encodeOrderClient(c: OrderClient): Json {
  return compact({
    device_id: c.deviceId,
    staff_id: c.staffId,
    terminal_type: c.terminalType,
    sub_terminal_type: c.subTerminalType,
    machine_no: c.machineNo,
    sdk_version: c.sdkVersion,
    spbill_create_ip: c.spbillCreateIp,
    sn_code: c.snCode,
  });
}

/** Decodes OrderClient; an array (§15 #44) yields its first element. */
export function decodeOrderClient(r: WireReader, key = 'order_client'): OrderClient {
  const raw = r.obj[key];
  const c = Array.isArray(raw) ? WireReader.of(r.endpoint, raw[0], `${r.field(key)}[0]`) : r.child(key);
  return compact({
    deviceId: c.optStr('device_id'),
    staffId: c.optStr('staff_id'),
    terminalType: c.int('terminal_type'),
    subTerminalType: c.optInt('sub_terminal_type'),
    machineNo: c.optStr('machine_no'),
    sdkVersion: c.str('sdk_version'),
    spbillCreateIp: c.str('spbill_create_ip'),
    snCode: c.optStr('sn_code'),
  });
}
