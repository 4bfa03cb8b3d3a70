/**
 * Fault injection and the node adapter's hang/delay over real HTTP, plus the /sandbox/ routes a
 * test client uses (time, faults, rotate key, unbind, reset, orders, refunds, reports, scan pay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fen, readResponse } from '@cpay/protocol';
import { SCENARIOS } from '../src/index.js';
import { createSimulatorServer, type SimulatorServer } from '../src/node/index.js';
import { httpTransport, TestTerminal } from './helpers/terminal.js';

let srv: SimulatorServer;
let base: URL;
let t: TestTerminal;
const ctl = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(new URL(path, base), { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as never };
};
const wx = (name: string) => SCENARIOS.find((s) => s.name === name)!.codes.wechat;

beforeAll(async () => {
  srv = createSimulatorServer({ seed: 21, maxHangMs: 2_000, options: { slowMs: 300 } });
  base = await srv.listen();
  t = new TestTerminal(httpTransport(base), undefined, () => srv.sim.now());
  await t.bind((qrUrl) => ctl('POST', '/sandbox/bind/confirm', { qr_url: qrUrl }));
});
afterAll(() => srv.close());

describe('faults', () => {
  it('bad_signature: the client sees a signature that does not verify; the payment happened', async () => {
    await ctl('POST', '/sandbox/faults', { kind: 'bad_signature', endpoint: 'brief_micro_pay' });
    const otn = t.orderNo();
    await expect(t.pay(otn, wx('success'), 2)).rejects.toMatchObject({ code: 'bad_signature' });
    expect((await ctl('GET', `/sandbox/orders/${otn}`)).json).toMatchObject({ state: 'success' });
  });

  it('reentry407: answered 104/407 (signed) while the order was really processed and paid', async () => {
    await ctl('POST', '/sandbox/faults', { kind: 'reentry407', endpoint: 'brief_micro_pay' });
    const otn = t.orderNo();
    const r = (await t.pay(otn, wx('success'), 2)).reply;
    expect([r.status, r.internalStatus]).toEqual([104, 407]);
    expect((await ctl('GET', `/sandbox/orders/${otn}`)).json).toMatchObject({ state: 'success' });
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(2);
  });

  it('refused104: a query refused with a signed 104/4004 (a code the seeds do not define); without it a missing order answers Alipay 7', async () => {
    await ctl('POST', '/sandbox/faults', { kind: 'refused104', endpoint: 'brief_query_order' });
    const r = (await t.query('0100005209')).reply;
    expect([r.status, r.internalStatus, r.description]).toEqual([104, 4004, '订单不存在']);
    expect((await t.query('0100005209')).reply).toMatchObject({ status: 0, body: { state: { platform: 'alipay', cts: 7 } } });
  });

  it('garble: the body is not JSON', async () => {
    await ctl('POST', '/sandbox/faults', { kind: 'garble' });
    await expect(t.query('0100005201')).rejects.toMatchObject({ code: 'malformed_json' });
  });

  it('status3 and http502: nothing processed', async () => {
    await ctl('POST', '/sandbox/faults', { kind: 'status3', endpoint: 'brief_micro_pay' });
    const otn = t.orderNo();
    expect((await t.pay(otn, wx('success'), 2)).reply.status).toBe(3);
    expect((await ctl('GET', `/sandbox/orders/${otn}`)).status).toBe(404);
    await ctl('POST', '/sandbox/faults', { kind: 'http502' });
    const res = await fetch(new URL('/cpay/brief_query_order', base), { method: 'POST', body: '{}' });
    expect(res.status).toBe(502);
    expect((await ctl('GET', '/sandbox/faults')).json).toEqual([]);
    expect((await ctl('POST', '/sandbox/faults', { kind: 'nope' })).status).toBe(400);
  });

  it('hang (scenario "no answer"): no reply until the client aborts; the order is paid', async () => {
    const otn = t.orderNo();
    const started = Date.now();
    await expect(t.pay(otn, wx('no_answer'), 2).then(() => 'answered')).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900); // destroyed after maxHangMs
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(2);
  });

  it('hang ends when the client aborts', async () => {
    await ctl('POST', '/sandbox/faults', { kind: 'hang', endpoint: 'ping' });
    const ping = () => fetch(new URL('/cpay/ping', base), { method: 'POST', body: '', signal: AbortSignal.timeout(300) });
    await expect(ping()).rejects.toThrow();
    expect((await ping()).status).toBe(200);
  });

  it('slow answer and delay fault arrive late but arrive', async () => {
    const started = Date.now();
    const r = await t.pay(t.orderNo(), wx('slow_answer'), 2);
    expect(r.reply.body?.state?.cts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    await ctl('POST', '/sandbox/faults', { kind: 'delay', delay_ms: 200, endpoint: 'ping' });
    const s2 = Date.now();
    await fetch(new URL('/cpay/ping', base), { method: 'POST', body: '' });
    expect(Date.now() - s2).toBeGreaterThanOrEqual(180);
  });
});

describe('/sandbox/ routes', () => {
  it('time: advance moves scenario clocks; skew shifts ping', async () => {
    const otn = t.orderNo();
    await t.pay(otn, wx('password'), 2);
    await ctl('POST', '/sandbox/time', { advance_ms: 10_000 });
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(2);
    const before = (await ctl('GET', '/sandbox/time')).json as { now: number; skew_ms: number };
    await ctl('POST', '/sandbox/time', { skew_ms: 3_600_000 });
    const ping = await readResponse('ping', await (await fetch(new URL('/cpay/ping', base), { method: 'POST', body: '' })).text(), null);
    expect(ping.body!.timestamp - Math.floor(before.now / 1000)).toBeGreaterThanOrEqual(3_600);
    await ctl('POST', '/sandbox/time', { skew_ms: 0 });
  });

  it('orders, refunds, approve/decline, scan pay and reports', async () => {
    const otn = t.orderNo();
    await t.pay(otn, wx('manual'), 7);
    expect((await ctl('POST', `/sandbox/orders/${otn}/approve`)).json).toMatchObject({ state: 'success', cts: 2 });
    expect((await ctl('POST', `/sandbox/orders/${otn}/decline`)).status).toBe(409);
    await t.refund(otn, `${otn}R`, 7, 7, 1);
    expect(((await ctl('GET', '/sandbox/refunds')).json as unknown[]).length).toBeGreaterThan(0);
    expect((await ctl('GET', '/sandbox/orders')).json).toEqual(expect.arrayContaining([expect.objectContaining({ out_trade_no: otn })]));
    const scan = await t.call('scan_code_pay', {
      outTradeNo: t.orderNo(),
      totalFee: fen(3),
      body: 'x',
      mchKey: t.mchKey(1),
      client: t.client(),
      nonce: 'x'.repeat(32),
    });
    expect((await ctl('POST', '/sandbox/scan/pay', { code_url: scan.reply.body!.codeUrl })).json).toMatchObject({ state: 'paid', cts: 3 });
    expect((await ctl('GET', '/sandbox/reports')).json).toEqual([]);
    expect((await ctl('POST', '/sandbox/orders/nope/approve')).status).toBe(404);
    expect((await ctl('GET', '/sandbox')).json).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/sandbox/demo-device' })]));
  });

  it('rotate-key, unbind, direct bind, legacy config, devices and reset', async () => {
    expect((await ctl('POST', '/sandbox/bind/rotate-key', {})).json).toMatchObject({ active: true });
    expect((await t.check()).reply.internalStatus).toBe(3303);
    expect((await ctl('POST', '/sandbox/bind/unbind', {})).json).toMatchObject({ active: false });
    expect((await t.check()).reply.internalStatus).toBe(3301);
    const direct = (await ctl('POST', '/sandbox/bind/direct', {})).json as Record<string, string>;
    expect(direct['payment_key']).toMatch(/^[0-9A-Za-z]{32}$/);
    expect((await ctl('GET', `/sandbox/bindings/${t.sn}`)).json).toMatchObject({ device_id: direct['device_id'] });
    const cfg = (await ctl('POST', '/sandbox/legacy/config')).json as Record<string, string>;
    expect(cfg['url']).toBe(`${base.origin}/cpay/use_device_setting?osi=${cfg['osi']}&si=${cfg['si']}`);
    expect((await ctl('POST', '/sandbox/devices', { sn: 'ACME_P1_000009', initial_key: 'Z'.repeat(32) })).status).toBe(200);
    expect((await ctl('POST', '/sandbox/devices', { sn: 'bad', initial_key: 'x' })).status).toBe(400);
    expect((await ctl('POST', '/sandbox/reset')).json).toEqual({ reset: true });
    expect((await ctl('GET', '/sandbox/orders')).json).toEqual([]);
    expect((await ctl('GET', '/sandbox/bindings')).json).toEqual([]);
    expect((await ctl('GET', '/sandbox/demo-device')).status).toBe(200);
    expect((await ctl('POST', '/sandbox/demo-device')).status).toBe(405);
  });
});
