/**
 * device_report (spec §6.8), validated leniently (spec §14.8, §15 #24-#27): typed where the table
 * is clear, tolerant of the seed example's typos and omissions, which are recorded as warnings.
 */
import { isObject, type JsonObject } from '../json.js';
import { nextString } from '../rng.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, optInt, optStr, str, WireError } from '../wire.js';
import { bindingOf } from './micropay.js';

const REQUIRED_STR = ['company_code', 'model', 'sn', 'network_type', 'out_mch_id', 'out_sub_mch_id', 'cloud_cashier_id', 'out_shop_id', 'device_id'];
const REQUIRED_INT = [
  'device_type',
  'begin_timestamp',
  'end_timestamp',
  'wx_pay_count',
  'wx_pay_success_count',
  'ali_pay_count',
  'other_pay_count',
  'other_pay_success_count',
  'ali_pay_amount',
  'other_pay_amount',
  'authen_type',
];
const OPTIONAL_INT = ['cpu_usage', 'mem_max', 'mem_in_use', 'disk_max', 'disk_in_use', 'upload_net_flow', 'download_net_flow'];
const OPTIONAL_STR = ['sim_number', 'mcc', 'mnc', 'lac', 'cellid', 'rss', 'longitude', 'latitude', 'staff_id', 'nonce_str'];

function checkCallingInfos(inner: JsonObject, warnings: string[]): void {
  const infos = inner['api_calling_infos'];
  if (infos === undefined) return;
  const list = Array.isArray(infos) ? infos : [infos]; // typed as one object in the table, an array in code (§15 #26)
  list.forEach((x, i) => {
    const p = `api_calling_infos[${i}]`;
    if (!isObject(x)) throw new WireError(p, `参数 ${p} 应为对象`);
    str(x, 'out_trade_no', `${p}.out_trade_no`);
    for (const k of ['code', 'status', 'internal_status', 'delay_ms']) int(x, k, `${p}.${k}`);
    for (const k of ['pay_platform', 'order_status']) optInt(x, k, `${p}.${k}`);
    for (const k of ['description', 'trade_state_desc']) optStr(x, k, `${p}.${k}`);
    if (x['description'] === undefined) warnings.push(`${p}.description missing`);
    if (x['pay_platform'] === undefined) warnings.push(`${p}.pay_platform missing`);
  });
}

/** device_report: validates, stores (a repeated nonce_str once), answers with device_info_report.nonce_str. */
export function deviceReport(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const inner = ctx.inner;
  const warnings: string[] = [];
  for (const k of REQUIRED_STR) str(inner, k);
  for (const k of REQUIRED_INT) int(inner, k);
  for (const k of OPTIONAL_INT) optInt(inner, k);
  for (const k of OPTIONAL_STR) optStr(inner, k);
  if (inner['ali_pay_success_count'] === undefined) {
    if (inner['ali_pay_sucess_count'] === undefined) throw new WireError('ali_pay_success_count', '缺少参数 ali_pay_success_count');
    int(inner, 'ali_pay_sucess_count');
    warnings.push('ali_pay_sucess_count (seed typo) used instead of ali_pay_success_count');
  } else int(inner, 'ali_pay_success_count');
  if (inner['wx_pay_amount'] === undefined) warnings.push('wx_pay_amount missing');
  else int(inner, 'wx_pay_amount');
  if (inner['app_cpay_version'] === undefined) warnings.push('app_cpay_version missing');
  else str(inner, 'app_cpay_version');
  if (inner['device_shift_type'] !== undefined && typeof inner['device_shift_type'] !== 'number') warnings.push('device_shift_type is not a number');
  checkCallingInfos(inner, warnings);
  if (inner['sn'] !== b.sn || inner['device_id'] !== b.deviceId || inner['out_shop_id'] !== b.outShopId) {
    return fail(101, 4101, 'sn/device_id/out_shop_id 与机具绑定关系不符');
  }
  if (int(inner, 'end_timestamp') < int(inner, 'begin_timestamp')) warnings.push('end_timestamp before begin_timestamp');
  // Assumption (the seeds are silent): cpay recognises a batch sent again after its answer was
  // lost by its nonce_str, answers it like the first time and counts it once.
  const nonce = inner['nonce_str'];
  const earlier = typeof nonce === 'string' && nonce !== '' ? ctx.state.reports.find((r) => r.sn === b.sn && r.content['nonce_str'] === nonce) : undefined;
  if (earlier) earlier.deliveries += 1;
  else ctx.state.reports.push({ receivedAt: ctx.now, sn: b.sn, content: structuredClone(inner), warnings, deliveries: 1 });
  return ok('device_info_report', { nonce_str: nextString(ctx.state, 32) });
}
