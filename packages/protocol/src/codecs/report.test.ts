// device_report decoding (the simulator's side, which counts what terminals report): lenient where
// the seeds' own example breaks the table (§15 #24-#28), strict everywhere else. Stryker found the
// lenient paths untested (a single call object instead of an array, the counter typo, absent
// counters, the string device_shift_type, the optional cells).
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { deviceReportCodec } from './report.js';

/** A minimal wire request: every required cell, no optional one. */
const wire = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  device_type: 1,
  company_code: 'cp',
  model: 'm1',
  sn: 'cp_m1_001',
  begin_timestamp: 1_763_776_800,
  end_timestamp: 1_763_776_860,
  network_type: 'wifi',
  wx_pay_count: 3,
  wx_pay_success_count: 2,
  ali_pay_count: 1,
  ali_pay_success_count: 1,
  other_pay_count: 0,
  other_pay_success_count: 0,
  wx_pay_amount: 300,
  ali_pay_amount: 100,
  other_pay_amount: 0,
  out_mch_id: 'mch',
  out_sub_mch_id: 'sub',
  cloud_cashier_id: 'cc',
  authen_type: 1,
  out_shop_id: 'shop',
  device_id: 'dev',
  app_cpay_version: '1.0.0',
  nonce_str: 'n'.repeat(32),
  ...patch,
});
const decode = (patch: Record<string, unknown> = {}) => deviceReportCodec.decodeRequest(wire(patch));
const call = { out_trade_no: 'A', code: 0, status: 0, internal_status: 0, delay_ms: 120 };

describe('device_report decodeRequest', () => {
  it('reads the required cells and the counters; no optional cell invented', () => {
    const r = decode();
    expect(r).toMatchObject({
      deviceType: 1,
      sn: 'cp_m1_001',
      wxPayCount: 3,
      wxPaySuccessCount: 2,
      aliPaySuccessCount: 1,
      wxPayAmount: 300,
      nonce: 'n'.repeat(32),
    });
    expect(r.absentFields).toBeUndefined();
    expect(r.apiCallingInfos).toBeUndefined();
    for (const k of ['staffId', 'deviceShiftType', 'cpuUsage', 'simNumber', 'mcc'] as const) expect(k in r, k).toBe(false);
  });

  it("a counter missing from the wire counts 0 and is named in absentFields; the seeds' typo is read as the counter", () => {
    const w = wire();
    delete w.wx_pay_amount;
    delete w.ali_pay_success_count;
    delete w.app_cpay_version;
    const r = deviceReportCodec.decodeRequest({ ...w, ali_pay_sucess_count: 4 });
    expect(r.wxPayAmount).toBe(0);
    expect(r.aliPaySuccessCount).toBe(4);
    expect(r.appCpayVersion).toBe('');
    expect(r.absentFields).toEqual(['wx_pay_amount', 'app_cpay_version']);
    const both = deviceReportCodec.decodeRequest({ ...wire(), ali_pay_sucess_count: 9 });
    expect(both.aliPaySuccessCount).toBe(1); // the right name wins
  });

  it('a counter of the wrong type is refused, not read as 0', () => {
    expect(() => decode({ wx_pay_count: '3' })).toThrow(ProtocolError);
    expect(() => decode({ wx_pay_count: 1.5 })).toThrow(ProtocolError);
  });

  it("api_calling_infos: an array of calls, or a single call object (the seeds' example), with defaults for the sparse cells", () => {
    const list = decode({
      api_calling_infos: [call, { ...call, out_trade_no: 'B', description: 'ok', pay_platform: 2, order_status: 2, trade_state_desc: '支付成功' }],
    });
    expect(list.apiCallingInfos).toEqual([
      { outTradeNo: 'A', code: 0, status: 0, internalStatus: 0, delayMs: 120, description: '', payPlatform: 0 },
      { outTradeNo: 'B', code: 0, status: 0, internalStatus: 0, delayMs: 120, description: 'ok', payPlatform: 2, orderStatus: 2, tradeStateDesc: '支付成功' },
    ]);
    expect(decode({ api_calling_infos: call }).apiCallingInfos).toEqual([
      { outTradeNo: 'A', code: 0, status: 0, internalStatus: 0, delayMs: 120, description: '', payPlatform: 0 },
    ]);
    expect(decode({ api_calling_infos: [] }).apiCallingInfos).toEqual([]);
    expect(() => decode({ api_calling_infos: [{ ...call, delay_ms: '120' }] })).toThrow(ProtocolError);
    expect(() => decode({ api_calling_infos: 'x' })).toThrow(ProtocolError);
  });

  it('device_shift_type: an integer, or a string of digits (the seed code sends one); any other string is dropped', () => {
    expect(decode({ device_shift_type: 2 }).deviceShiftType).toBe(2);
    expect(decode({ device_shift_type: '3' }).deviceShiftType).toBe(3);
    expect(decode({ device_shift_type: 'day' }).deviceShiftType).toBeUndefined();
    expect(decode({ device_shift_type: '3a' }).deviceShiftType).toBeUndefined();
    expect(decode({ device_shift_type: 'a3' }).deviceShiftType).toBeUndefined();
    expect(decode({ device_shift_type: '12' }).deviceShiftType).toBe(12);
    expect(() => decode({ device_shift_type: 1.5 })).toThrow(ProtocolError);
  });

  it('optional cells are read with their types', () => {
    const r = decode({ staff_id: 's1', cpu_usage: 12, mem_max: 1024, sim_number: '8986', mcc: '460', latitude: '22.5' });
    expect(r).toMatchObject({ staffId: 's1', cpuUsage: 12, memMax: 1024, simNumber: '8986', mcc: '460', latitude: '22.5' });
    expect(() => decode({ cpu_usage: '12' })).toThrow(ProtocolError);
    expect(() => decode({ sim_number: 8986 })).toThrow(ProtocolError);
    expect(() => decode({ staff_id: 5 })).toThrow(ProtocolError);
  });

  it('what the terminal encodes, the simulator decodes to the same request', () => {
    const r = decode({
      staff_id: 's1',
      device_shift_type: 1,
      cpu_usage: 12,
      sim_number: '8986',
      api_calling_infos: [{ ...call, description: 'd', pay_platform: 1 }],
    });
    expect(deviceReportCodec.decodeRequest(deviceReportCodec.encodeRequest(r))).toEqual(r);
    const bare = decode();
    expect('api_calling_infos' in deviceReportCodec.encodeRequest(bare)).toBe(false); // no calls: no cell, no crash
    expect(deviceReportCodec.decodeRequest(deviceReportCodec.encodeRequest(bare))).toEqual(bare);
  });
});
