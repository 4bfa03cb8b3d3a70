/**
 * Unenveloped and legacy calls (spec §6.1, §6.11, §6.12): ping (plain JSON, unsigned),
 * use_device_setting (GET query, clear `authen_key`) and unbind_device_sn_code.
 */
import { ProtocolError } from '../errors.js';
import type { EmptyResponse, PingRequest, PingResponse, Reply, UnbindDeviceRequest, UseDeviceSettingQuery, UseDeviceSettingResponse } from '../types.js';
import { decodeBindInfo, encodeBindInfo } from './binding.js';
import { type Codec, defineCodec } from './codec.js';
import { WireReader, compact } from './read.js';

/** `ping`: `{"description":"ok","status":0,"timestamp":…}`; the reply head has no internal_status. */
export const pingCodec: Codec<PingRequest, PingResponse> = {
  endpoint: 'ping',
  encodeRequest: () => ({}),
  decodeRequest: () => ({}),
  encodeResponse: (reply) => compact({ description: reply.description, status: reply.status, timestamp: reply.body?.timestamp }),
  decodeResponse(inner): Reply<PingResponse> {
    const r = WireReader.of('ping', inner, '');
    const body = { timestamp: r.int('timestamp'), status: r.int('status'), description: r.optStr('description') ?? '' };
    return { status: body.status, description: body.description, internalStatus: 0, body };
  },
};

/** `use_device_setting`: GET `?osi=&si=&sn=`; the reply carries the payment key in clear. */
export const useDeviceSettingCodec = defineCodec<UseDeviceSettingQuery, UseDeviceSettingResponse>('use_device_setting', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) => ({ osi: q.osi, si: q.si, sn: q.sn }),
  decodeRequest: (r) => ({ osi: r.str('osi'), si: r.str('si'), sn: r.str('sn') }),
  encodeBody: (b) => encodeBindInfo(b),
  decodeBody: (r) => {
    const info = decodeBindInfo(r);
    if (info.authenKey === undefined) throw r.fail('missing_field', 'authen_key', 'the legacy reply carries the payment key in clear');
    return { ...info, authenKey: info.authenKey };
  },
});

/** Builds the `use_device_setting` query string in the documented order (osi, si, sn). */
export function useDeviceSettingQuery(q: UseDeviceSettingQuery): string {
  return (['osi', 'si', 'sn'] as const).map((k) => `${k}=${encodeURIComponent(q[k])}`).join('&');
}

/** Parses a `use_device_setting` query string (with or without `?`) into the wire object. */
export function parseUseDeviceSettingQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of query.replace(/^.*\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    try {
      out[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch (cause) {
      throw new ProtocolError('bad_value', `query parameter ${pair.slice(0, eq)} is not valid percent-encoding`, {
        endpoint: 'use_device_setting',
        field: pair.slice(0, eq),
        cause,
      });
    }
  }
  return out;
}

/** `unbind_device_sn_code` (legacy): four ids in, head only out. */
export const unbindCodec = defineCodec<UnbindDeviceRequest, EmptyResponse>('unbind_device_sn_code', {
  head: 'full',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) => ({ out_sub_mch_id: q.outSubMchId, out_shop_id: q.outShopId, device_id: q.deviceId, sn_code: q.snCode }),
  decodeRequest: (r) => ({ outSubMchId: r.str('out_sub_mch_id'), outShopId: r.str('out_shop_id'), deviceId: r.str('device_id'), snCode: r.str('sn_code') }),
  encodeBody: () => ({}),
  decodeBody: () => ({}),
});
