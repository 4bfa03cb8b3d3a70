/**
 * Binding endpoints, full envelope signed with the initial key (spec §6.2-§6.4). Replies nest the
 * business object as a JSON string under names that differ between table and example (§15 #1-#5).
 */
import type {
  BindInfo,
  CheckBindRequest,
  EmptyResponse,
  GenerateBindQrRequest,
  GenerateBindQrResponse,
  GetBindInfoRequest,
  GetBindInfoResponse,
} from '../types.js';
import { defineCodec } from './codec.js';
import { type Json, type WireReader, compact } from './read.js';

/** `check_bill_device_bind_info`: verifies binding and payment key (`hash_content`). */
export const checkBindCodec = defineCodec<CheckBindRequest, EmptyResponse>('check_bill_device_bind_info', {
  head: 'full',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) => ({
    device_id: q.deviceId,
    hash_content: q.hashContent,
    nonce_str: q.nonce,
    out_shop_id: q.outShopId,
    sn_code: q.snCode,
    timestamp: q.timestamp,
  }),
  decodeRequest: (r) => ({
    snCode: r.str('sn_code'),
    outShopId: r.str('out_shop_id'),
    deviceId: r.str('device_id'),
    nonce: r.str('nonce_str'),
    hashContent: r.str('hash_content'),
    timestamp: r.int('timestamp'),
  }),
  encodeBody: () => ({}),
  decodeBody: () => ({}),
});

const CELL_KEYS = ['mcc', 'mnc', 'lac', 'cellid', 'rss'] as const;

/** `generate_bill_device_bind_qr_code`: activator, token, ttl, mini_program_url, interval. */
export const generateBindQrCodec = defineCodec<GenerateBindQrRequest, GenerateBindQrResponse>('generate_bill_device_bind_qr_code', {
  head: 'full',
  bodyOnSuccess: 'required',
  nestAsString: true,
  fallback: (v) => 'activator' in v && 'token' in v,
  encodeRequest: (q) =>
    compact({
      app_cpay_version: q.appCpayVersion,
      cellid: q.cellid,
      lac: q.lac,
      mcc: q.mcc,
      mnc: q.mnc,
      nonce_str: q.nonce,
      rss: q.rss,
      sn_code: q.snCode,
      timestamp: q.timestamp,
    }),
  decodeRequest: (r) =>
    compact({
      snCode: r.str('sn_code'),
      appCpayVersion: r.str('app_cpay_version'),
      nonce: r.str('nonce_str'),
      timestamp: r.int('timestamp'),
      ...Object.fromEntries(CELL_KEYS.map((k) => [k, r.optStr(k)])),
    }),
  encodeBody: (b) => ({
    activator: b.activator,
    token: b.token,
    ttl: b.ttlSeconds,
    mini_program_url: b.miniProgramUrl,
    interval: b.intervalSeconds,
  }),
  decodeBody: (r) => ({
    activator: r.str('activator'),
    token: r.str('token'),
    ttlSeconds: r.int('ttl'),
    miniProgramUrl: r.str('mini_program_url'),
    intervalSeconds: r.int('interval'),
  }),
});

/** `activated` spellings (§15 #4). */
const ACTIVATED: ReadonlyMap<unknown, boolean> = new Map<unknown, boolean>([
  [1, true],
  [true, true],
  ['1', true],
  ['true', true],
  [0, false],
  [false, false],
  ['0', false],
  ['false', false],
]);

/** Decodes the BindInfo fields shared with legacy `use_device_setting` (§6.4, §6.11). */
export function decodeBindInfo(r: WireReader): BindInfo {
  const eAuthenKey = r.optStr('e_authen_key');
  const authenKey = r.optStr('authen_key');
  if (eAuthenKey === undefined && authenKey === undefined)
    throw r.fail('missing_field', 'e_authen_key', 'an activated binding must carry e_authen_key (or authen_key)');
  return compact({
    outMchId: r.str('out_mch_id'),
    outSubMchId: r.str('out_sub_mch_id'),
    cloudCashierId: r.str('cloud_cashier_id'),
    authenType: r.optInt('authen_type') ?? 1,
    eAuthenKey,
    authenKey,
    outShopId: r.str('out_shop_id'),
    shopName: r.optStr('shop_name') ?? '',
    deviceId: r.str('device_id'),
    deviceName: r.optStr('device_name') ?? '',
    deviceShiftType: r.optInt('device_shift_type'),
    staffId: r.optStr('staff_id'),
    staffName: r.optStr('staff_name'),
  });
}

/** Encodes BindInfo in the table's order. */
export function encodeBindInfo(b: BindInfo): Json {
  return compact({
    out_mch_id: b.outMchId,
    out_sub_mch_id: b.outSubMchId,
    cloud_cashier_id: b.cloudCashierId,
    authen_type: b.authenType,
    e_authen_key: b.eAuthenKey,
    authen_key: b.authenKey,
    out_shop_id: b.outShopId,
    shop_name: b.shopName,
    device_id: b.deviceId,
    device_name: b.deviceName,
    staff_id: b.staffId,
    staff_name: b.staffName,
    device_shift_type: b.deviceShiftType,
  });
}

/** `get_bill_device_bind_info`: `activated` 0 until the merchant confirms, then the binding. */
export const getBindInfoCodec = defineCodec<GetBindInfoRequest, GetBindInfoResponse>('get_bill_device_bind_info', {
  head: 'full',
  bodyOnSuccess: 'required',
  nestAsString: true,
  fallback: (v) => 'activated' in v,
  encodeRequest: (q) => ({ nonce_str: q.nonce, sn_code: q.snCode, timestamp: q.timestamp, token: q.token }),
  decodeRequest: (r) => ({ snCode: r.str('sn_code'), token: r.str('token'), nonce: r.str('nonce_str'), timestamp: r.int('timestamp') }),
  encodeBody: (b) => {
    if (!b.activated) return compact({ activated: 0, nonce_str: b.nonce });
    return { activated: 1, ...encodeBindInfo(b), ...compact({ nonce_str: b.nonce }) };
  },
  decodeBody: (r) => {
    const activated = ACTIVATED.get(r.obj.activated);
    if (activated === undefined) {
      throw r.has('activated') ? r.fail('bad_value', 'activated', 'expected 0/1 or true/false') : r.fail('missing_field', 'activated', 'expected 0 or 1');
    }
    const nonce = r.optStr('nonce_str');
    if (!activated) return compact({ activated: false as const, nonce });
    return compact({ activated: true as const, nonce, ...decodeBindInfo(r) });
  },
});
