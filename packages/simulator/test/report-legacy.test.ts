/**
 * device_report (lenient validation, stored) and the legacy binding endpoints.
 */
import { describe, expect, it } from 'vitest';
import { buildEnvelope, codecs, type DeviceReportRequest } from '@cpay/protocol';
import { boundSetup, coreSetup, type TestTerminal } from './helpers/terminal.js';

const report = (t: TestTerminal): DeviceReportRequest => ({
  deviceType: 1,
  companyCode: 'CPAYSIM',
  model: 'WEB1',
  sn: t.sn,
  beginTimestamp: t.ts() - 60,
  endTimestamp: t.ts(),
  networkType: 'wifi',
  wxPayCount: 1,
  wxPaySuccessCount: 1,
  wxPayAmount: 2,
  aliPayCount: 0,
  aliPaySuccessCount: 0,
  aliPayAmount: 0,
  otherPayCount: 0,
  otherPaySuccessCount: 0,
  otherPayAmount: 0,
  outMchId: t.bound.outMchId,
  outSubMchId: t.bound.outSubMchId,
  cloudCashierId: t.bound.cloudCashierId,
  authenType: 1,
  outShopId: t.bound.outShopId,
  deviceId: t.bound.deviceId,
  appCpayVersion: '1.0.0',
  deviceShiftType: 1,
  nonce: 'r'.repeat(32),
  apiCallingInfos: [{ outTradeNo: '0100005201', code: 200, status: 0, internalStatus: 0, delayMs: 812, description: 'ok', payPlatform: 1, orderStatus: 2 }],
});

describe('device_report', () => {
  it('stores a valid report and answers with device_info_report', async () => {
    const { sim, t } = await boundSetup();
    const r = await t.call('device_report', report(t));
    expect(r.reply.status).toBe(0);
    expect(r.body).toContain('device_info_report');
    const stored = await sim.reports();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ sn: t.sn, warnings: [], deliveries: 1, content: { wx_pay_amount: 2, network_type: 'wifi' } });
  });

  it('counts a batch sent again with the same nonce_str once (answer lost), a new nonce as a new batch', async () => {
    const { sim, t } = await boundSetup();
    const first = await t.call('device_report', report(t));
    const again = await t.call('device_report', report(t));
    expect([first.reply.status, again.reply.status]).toEqual([0, 0]);
    expect((await sim.reports()).map((r) => r.deliveries)).toEqual([2]);
    await t.call('device_report', { ...report(t), nonce: 's'.repeat(32) });
    expect((await sim.reports()).map((r) => r.deliveries)).toEqual([2, 1]);
  });

  it("accepts the seed example's typo and omissions, recording warnings", async () => {
    const { sim, t } = await boundSetup();
    const inner = { ...codecs.device_report.encodeRequest(report(t)) } as Record<string, unknown>;
    inner['ali_pay_sucess_count'] = inner['ali_pay_success_count'];
    delete inner['ali_pay_success_count'];
    delete inner['wx_pay_amount'];
    inner['api_calling_infos'] = [{ out_trade_no: '0100005201', code: 200, status: 0, internal_status: 0, delay_ms: 2060 }];
    const res = await sim.handle({ method: 'POST', path: '/cpay/device_report', body: await buildEnvelope('full', JSON.stringify(inner), t.paymentKey) });
    expect(JSON.parse(JSON.parse(res.body).response_content as string)).toMatchObject({ status: 0 });
    expect((await sim.reports())[0]?.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining('ali_pay_sucess_count'), 'wx_pay_amount missing', 'api_calling_infos[0].description missing']),
    );
  });

  it('answers 101 naming the field when a type is wrong', async () => {
    const { sim, t } = await boundSetup();
    const r = await t.call('device_report', { ...report(t), wxPayCount: '1' as unknown as number });
    expect(r.reply).toMatchObject({ status: 101 });
    expect(r.reply.description).toContain('wx_pay_count');
    expect(await sim.reports()).toHaveLength(0);
  });
});

describe('legacy binding', () => {
  it('binds with use_device_setting (clear key), refuses 3214 for another sn, unbinds, then 3215', async () => {
    const { sim, t } = coreSetup();
    const cfg = await sim.createLegacyConfig();
    const r = await t.call('use_device_setting', { osi: cfg.osi, si: cfg.si, sn: t.sn });
    expect(r.reply).toMatchObject({ status: 0, body: { deviceId: cfg.deviceId, cloudCashierId: '01000052' } });
    expect(r.reply.body?.authenKey).toMatch(/^[0-9A-Za-z]{32}$/);
    t.binding = { ...r.reply.body!, paymentKey: r.reply.body!.authenKey };
    expect((await t.check()).reply.status).toBe(0);
    await sim.registerDevice({ sn: 'ACME_X1_0002', initialKey: 'A'.repeat(32) });
    const other = await t.call('use_device_setting', { osi: cfg.osi, si: cfg.si, sn: 'ACME_X1_0002' });
    expect(other.reply).toMatchObject({ status: 104, internalStatus: 3214 });
    const unbind = () =>
      t.call('unbind_device_sn_code', { outSubMchId: t.bound.outSubMchId, outShopId: t.bound.outShopId, deviceId: t.bound.deviceId, snCode: t.sn });
    expect((await unbind()).reply.status).toBe(0);
    expect((await unbind()).reply).toMatchObject({ status: 104, internalStatus: 3215 });
    expect((await t.check()).reply).toMatchObject({ status: 104, internalStatus: 3301 });
  });

  it('expires a configuration QR after 5 minutes', async () => {
    const { sim, t } = coreSetup();
    const cfg = await sim.createLegacyConfig();
    sim.advance(5 * 60_000 + 1);
    expect((await t.call('use_device_setting', { osi: cfg.osi, si: cfg.si, sn: t.sn })).reply).toMatchObject({ status: 104, internalStatus: 3502 });
  });
});
