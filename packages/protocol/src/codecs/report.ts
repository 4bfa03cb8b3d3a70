/**
 * `device_report` (spec §6.8): payment statistics after each flow, full envelope, payment key.
 * Decoding (the simulator's side) is lenient where the seeds' own example breaks the table
 * (§15 #24-#28): the `ali_pay_sucess_count` typo, a missing `wx_pay_amount`, sparse call infos.
 */
import type { ApiCallingInfo, DeviceReportRequest, DeviceReportResponse } from '../types.js';
import { defineCodec } from './codec.js';
import { type Json, type WireReader, compact } from './read.js';

/** Required integer counters: domain name → wire name (table order). */
const COUNTERS = {
  wxPayCount: 'wx_pay_count',
  wxPaySuccessCount: 'wx_pay_success_count',
  aliPayCount: 'ali_pay_count',
  aliPaySuccessCount: 'ali_pay_success_count',
  otherPayCount: 'other_pay_count',
  otherPaySuccessCount: 'other_pay_success_count',
  wxPayAmount: 'wx_pay_amount',
  aliPayAmount: 'ali_pay_amount',
  otherPayAmount: 'other_pay_amount',
} as const;
/** Misspellings seen in the seeds (§15 #24). */
const ALIASES: Readonly<Record<string, string>> = { ali_pay_success_count: 'ali_pay_sucess_count' };
/** Optional integer fields. */
const OPT_INTS = {
  cpuUsage: 'cpu_usage',
  memMax: 'mem_max',
  memInUse: 'mem_in_use',
  diskMax: 'disk_max',
  diskInUse: 'disk_in_use',
  uploadNetFlow: 'upload_net_flow',
  downloadNetFlow: 'download_net_flow',
} as const;
/** Optional string fields. */
const OPT_STRS = {
  simNumber: 'sim_number',
  mcc: 'mcc',
  mnc: 'mnc',
  lac: 'lac',
  cellid: 'cellid',
  rss: 'rss',
  longitude: 'longitude',
  latitude: 'latitude',
} as const;

const entries = <T extends Record<string, string>>(t: T) => Object.entries(t) as [keyof T & string, string][];

function encodeCall(c: ApiCallingInfo): Json {
  return compact({
    out_trade_no: c.outTradeNo,
    code: c.code,
    status: c.status,
    internal_status: c.internalStatus,
    delay_ms: c.delayMs,
    description: c.description,
    pay_platform: c.payPlatform,
    order_status: c.orderStatus,
    trade_state_desc: c.tradeStateDesc,
  });
}

function decodeCall(r: WireReader): ApiCallingInfo {
  return compact({
    outTradeNo: r.str('out_trade_no'),
    code: r.int('code'),
    status: r.int('status'),
    internalStatus: r.int('internal_status'),
    delayMs: r.int('delay_ms'),
    description: r.optStr('description') ?? '',
    payPlatform: r.optInt('pay_platform') ?? 0,
    orderStatus: r.optInt('order_status'),
    tradeStateDesc: r.optStr('trade_state_desc'),
  });
}

/** `device_shift_type` is an Int, but the seed code sends a string (§15 #25): accept digits. */
function readShiftType(r: WireReader): number | undefined {
  const v = r.obj.device_shift_type;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return typeof v === 'string' ? undefined : r.optInt('device_shift_type');
}

function decodeReport(r: WireReader): DeviceReportRequest {
  const absent: string[] = [];
  const recordAbsent = <T>(wire: string, fallback: T): T => {
    absent.push(wire);
    return fallback;
  };
  const counter = (wire: string): number => {
    const alias = ALIASES[wire];
    if (r.has(wire)) return r.int(wire);
    if (alias !== undefined && r.has(alias)) return r.int(alias);
    return recordAbsent(wire, 0);
  };
  const calls =
    r.has('api_calling_infos') && !Array.isArray(r.obj.api_calling_infos)
      ? [decodeCall(r.child('api_calling_infos'))]
      : r.objects('api_calling_infos').map(decodeCall);
  return compact({
    deviceType: r.int('device_type'),
    companyCode: r.str('company_code'),
    model: r.str('model'),
    sn: r.str('sn'),
    beginTimestamp: r.int('begin_timestamp'),
    endTimestamp: r.int('end_timestamp'),
    networkType: r.str('network_type'),
    ...(Object.fromEntries(entries(COUNTERS).map(([name, wire]) => [name, counter(wire)])) as Record<keyof typeof COUNTERS, number>),
    outMchId: r.str('out_mch_id'),
    outSubMchId: r.str('out_sub_mch_id'),
    cloudCashierId: r.str('cloud_cashier_id'),
    authenType: r.int('authen_type'),
    outShopId: r.str('out_shop_id'),
    deviceId: r.str('device_id'),
    staffId: r.optStr('staff_id'),
    appCpayVersion: r.optStr('app_cpay_version') ?? recordAbsent('app_cpay_version', ''),
    deviceShiftType: readShiftType(r),
    nonce: r.optStr('nonce_str') ?? '',
    apiCallingInfos: r.has('api_calling_infos') ? calls : undefined,
    ...Object.fromEntries(entries(OPT_INTS).map(([name, wire]) => [name, r.optInt(wire)])),
    ...Object.fromEntries(entries(OPT_STRS).map(([name, wire]) => [name, r.optStr(wire)])),
    absentFields: absent.length > 0 ? absent : undefined,
  });
}

/** `device_report`: the client sends every table field plus `nonce_str` and Int `device_shift_type`. */
export const deviceReportCodec = defineCodec<DeviceReportRequest, DeviceReportResponse>('device_report', {
  head: 'full',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) =>
    compact({
      nonce_str: q.nonce,
      device_type: q.deviceType,
      company_code: q.companyCode,
      model: q.model,
      sn: q.sn,
      begin_timestamp: q.beginTimestamp,
      end_timestamp: q.endTimestamp,
      network_type: q.networkType,
      ...Object.fromEntries(entries(OPT_STRS).map(([name, wire]) => [wire, q[name]])),
      ...Object.fromEntries(entries(OPT_INTS).map(([name, wire]) => [wire, q[name]])),
      ...Object.fromEntries(entries(COUNTERS).map(([name, wire]) => [wire, q[name]])),
      out_mch_id: q.outMchId,
      out_sub_mch_id: q.outSubMchId,
      cloud_cashier_id: q.cloudCashierId,
      authen_type: q.authenType,
      out_shop_id: q.outShopId,
      device_id: q.deviceId,
      staff_id: q.staffId,
      device_shift_type: q.deviceShiftType,
      app_cpay_version: q.appCpayVersion,
      api_calling_infos: q.apiCallingInfos?.map(encodeCall),
    }),
  decodeRequest: decodeReport,
  encodeBody: (b) => compact({ nonce_str: b.nonce }),
  decodeBody: (r) => compact({ nonce: r.optStr('nonce_str') }),
});
