/**
 * The node adapter over real loopback HTTP: a terminal binds, checks, pays and queries; the
 * control API confirms the binding and reports the server's truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorServer, type SimulatorServer } from '../src/node/index.js';
import { DEMO_DEVICE, SCENARIOS } from '../src/index.js';
import { fen } from '@cpay/protocol';
import { httpTransport, TestTerminal } from './helpers/terminal.js';

let srv: SimulatorServer;
let base: URL;
const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(new URL(path, base), { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  srv = createSimulatorServer({ seed: 7 });
  base = await srv.listen();
});
afterAll(() => srv.close());

describe('node adapter', () => {
  it('serves the demo device', async () => {
    const r = await control('GET', '/sandbox/demo-device');
    expect(r).toEqual({ status: 200, json: { sn: DEMO_DEVICE.sn, initial_key: DEMO_DEVICE.initialKey } });
  });

  it('answers ping with plain unsigned JSON', async () => {
    const res = await fetch(new URL('/cpay/ping', base), { method: 'POST', body: '' });
    const json = (await res.json()) as Record<string, unknown>;
    expect(json['status']).toBe(0);
    expect(Math.abs((json['timestamp'] as number) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('binds through the QR, checks, pays and queries', async () => {
    const t = new TestTerminal(httpTransport(base));
    await t.bind((qrUrl) => control('POST', '/sandbox/bind/confirm', { qr_url: qrUrl }));
    expect(t.bound.shopName).toBe('云支付演示店');
    expect((await t.check()).reply.status).toBe(0);
    const otn = t.orderNo();
    const pay = await t.pay(otn, SCENARIOS[0]!.codes.wechat, 2);
    expect(pay.reply.status).toBe(0);
    expect(pay.reply.body?.state).toMatchObject({ platform: 'wechat', cts: 2 });
    expect(pay.body).toContain('\\\\u'); // the server's \uXXXX escaping, inside the rc string
    const q = await t.query(otn);
    expect(q.reply.body).toMatchObject({ outTradeNo: otn, totalFee: 2, state: { platform: 'wechat', cts: 2 } });
    const truth = await control('GET', `/sandbox/orders/${otn}`);
    expect(truth.json).toMatchObject({ out_trade_no: otn, state: 'success', cts: 2, total_fee: 2, refunds: [] });
  });

  it('answers the keep-alive GET / and 404s unknown cpay paths', async () => {
    expect((await fetch(new URL('/', base))).status).toBe(200);
    const res = await fetch(new URL('/cpay/no_such_thing', base), { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 101 });
    expect((await fetch(new URL('/cpay/brief_micro_pay', base))).status).toBe(405);
  });

  it("can append FastWriter's trailing newline to the signed text; clients still verify", async () => {
    const other = createSimulatorServer({ seed: 3, options: { trailingNewline: true } });
    const url = await other.listen();
    try {
      const t = new TestTerminal(httpTransport(url));
      await t.bind((qrUrl) => fetch(new URL('/sandbox/bind/confirm', url), { method: 'POST', body: JSON.stringify({ qr_url: qrUrl }) }));
      const pay = await t.pay(t.orderNo(), SCENARIOS[0]!.codes.alipay, 5);
      expect(pay.reply.body?.state?.cts).toBe(2);
      expect((JSON.parse(pay.body) as { rc: string }).rc.endsWith('}\n')).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('lists scenarios and 404s unknown control routes', async () => {
    const r = await control('GET', '/sandbox/scenarios');
    expect((r.json['scenarios'] as unknown[]).length).toBe(SCENARIOS.length);
    expect((await control('GET', '/sandbox/nope')).status).toBe(404);
  });

  it('scancode_freeze over HTTP: the QR, the customer pays it through POST /sandbox/scan/pay, query_freeze_order says held (Alipay 2)', async () => {
    const t = new TestTerminal(httpTransport(base));
    await t.bind((qrUrl) => control('POST', '/sandbox/bind/confirm', { qr_url: qrUrl }));
    const ofn = t.orderNo();
    const req = {
      outFreezeNo: ofn,
      freezeFee: fen(4500),
      body: '押金',
      timeExpire: Math.floor(Date.now() / 1000) + 120,
      mchKey: { ...t.mchKey(2), ext: { platform: 'alipay' as const } },
      client: t.client(),
      nonce: 'q'.repeat(32),
    };
    const created = await t.call('scancode_freeze', req);
    expect(created.reply.status).toBe(0);
    const code = created.reply.body?.codeUrl ?? '';
    const query = () => t.call('query_freeze_order', { mchKey: t.mchKey(2), client: t.client(), outFreezeNo: ofn, nonce: 'r'.repeat(32) });
    expect((await query()).reply.body?.freeze).toMatchObject({ tradeType: 2, state: { platform: 'alipay', cts: 1 } });
    expect(await control('POST', '/sandbox/scan/pay', { code_url: code })).toMatchObject({ status: 200 });
    expect((await query()).reply.body?.freeze).toMatchObject({ cashFee: 4500, state: { platform: 'alipay', cts: 2 } });
    expect((await control('GET', `/sandbox/deposits/${ofn}`)).json).toMatchObject({ state: 'frozen', freeze_fee: 4500, code_url: code });
    // The identical request again (its answer was lost) gives the same QR, never a second deposit.
    expect((await t.call('scancode_freeze', req)).reply.body?.codeUrl).toBe(code);
  });
});
