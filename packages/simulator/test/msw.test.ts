/**
 * The msw adapter (msw/node setupServer): the same binding, payment and refund flow as the node
 * server, with control both through /sandbox/ over fetch and through the Simulator's functions.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, SCENARIOS, DEMO_DEVICE } from '../src/index.js';
import { simulatorHandlers } from '../src/msw/index.js';
import { httpTransport, TestTerminal } from './helpers/terminal.js';

const BASE = 'https://pay.qcloud.com';
const sim = createSimulator({ seed: 99 });
const server = setupServer(...simulatorHandlers(sim, BASE));

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describe('msw adapter', () => {
  it('serves /sandbox/demo-device and the scenario table', async () => {
    expect(await (await fetch(`${BASE}/sandbox/demo-device`)).json()).toEqual({ sn: DEMO_DEVICE.sn, initial_key: DEMO_DEVICE.initialKey });
    const table = (await (await fetch(`${BASE}/sandbox/scenarios`)).json()) as { scenarios: unknown[] };
    expect(table.scenarios).toHaveLength(SCENARIOS.length);
  });

  it('runs bind → pay → query → refunds (0.02 paid, 0.03 refused, 0.01 + 0.01 ok) for WeChat and Alipay', async () => {
    const t = new TestTerminal(httpTransport(BASE), DEMO_DEVICE, () => sim.now());
    await t.bind(async (qrUrl) => {
      const res = await fetch(`${BASE}/sandbox/bind/confirm`, { method: 'POST', body: JSON.stringify({ qr_url: qrUrl }) });
      expect(res.status).toBe(200);
    });
    expect((await t.check()).reply.status).toBe(0);
    for (const [p, pp, full] of [
      ['wechat', 1, 4],
      ['alipay', 2, 5],
    ] as const) {
      const otn = t.orderNo();
      expect((await t.pay(otn, SCENARIOS[0]!.codes[p], 2)).reply.body?.state?.cts).toBe(2);
      expect((await t.refund(otn, `${otn}a`, 2, 3, pp)).reply.description).toMatch(/^超过可退金额/);
      expect((await t.refund(otn, `${otn}b`, 2, 1, pp)).reply.status).toBe(0);
      expect((await t.refund(otn, `${otn}c`, 2, 2, pp)).reply.status).toBe(104);
      expect((await t.refund(otn, `${otn}d`, 2, 1, pp)).reply.status).toBe(0);
      sim.advance(3_000);
      expect((await t.query(otn)).reply.body?.state?.cts).toBe(full);
      expect(await sim.order(otn)).toMatchObject({ refunded_fee: 2, refundable_fee: 0 });
    }
  });

  it('answers the legacy GET and lets the customer approve through the control functions', async () => {
    const t = new TestTerminal(httpTransport(BASE), DEMO_DEVICE, () => sim.now());
    const cfg = (await (await fetch(`${BASE}/sandbox/legacy/config`, { method: 'POST' })).json()) as { url: string; osi: string; si: string };
    expect(cfg.url.startsWith(`${BASE}/cpay/use_device_setting?`)).toBe(true);
    const r = await t.call('use_device_setting', { osi: cfg.osi, si: cfg.si, sn: t.sn });
    t.binding = { ...r.reply.body!, paymentKey: r.reply.body!.authenKey };
    const otn = t.orderNo();
    await t.pay(otn, SCENARIOS.find((s) => s.name === 'manual')!.codes.card, 9);
    await sim.customerAction(otn, 'approve');
    expect((await t.query(otn)).reply.body?.state).toMatchObject({ platform: 'card', cts: 2 });
  });

  it('holds a "no answer" request until the client gives up', async () => {
    const t = new TestTerminal(httpTransport(BASE), DEMO_DEVICE, () => sim.now());
    await sim.injectFault({ kind: 'hang', endpoint: 'ping' });
    await expect(fetch(`${BASE}/cpay/ping`, { method: 'POST', body: '', signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await t.call('ping', {})).reply.status).toBe(0);
  });
});
