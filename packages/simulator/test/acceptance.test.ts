/**
 * The seed acceptance script (spec §13) at protocol level, over real HTTP against the node server,
 * for WeChat Pay and Alipay: pay 0.02; shows paid; refund 0.03 refused; refund 0.01 ok; shows
 * partially refunded; refund 0.02 refused; refund 0.01 ok; shows fully refunded.
 * "Shows" is what a terminal can learn from the wire: cts from brief_query_order and the refund
 * total from brief_query_order_list (ot = 2), as spec §10.4 step 3 recommends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/index.js';
import { createSimulatorServer, type SimulatorServer } from '../src/node/index.js';
import { httpTransport, TestTerminal } from './helpers/terminal.js';

let srv: SimulatorServer;
let base: URL;
let t: TestTerminal;
const post = (path: string, body: unknown) => fetch(new URL(path, base), { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());

beforeAll(async () => {
  srv = createSimulatorServer({ seed: 13 });
  base = await srv.listen();
  t = new TestTerminal(httpTransport(base), undefined, () => srv.sim.now());
  await t.bind((qrUrl) => post('/sandbox/bind/confirm', { qr_url: qrUrl }));
});
afterAll(() => srv.close());

/** What the terminal would display for an order. */
async function shown(otn: string, fullyRefundedCts: number): Promise<'paid' | 'partially refunded' | 'fully refunded'> {
  const q = await t.query(otn);
  const now = Math.floor(srv.sim.now() / 1000);
  const list = await t.call('brief_query_order_list', {
    outSubMchId: t.bound.outSubMchId,
    outShopId: t.bound.outShopId,
    deviceId: t.bound.deviceId,
    orderType: 2,
    startTime: now - 3600,
    endTime: now + 60,
    pageNum: 1,
    pageSize: 100,
    nonce: 'l'.repeat(32),
  });
  const refunded = (list.reply.body?.items ?? [])
    .filter((i) => i.kind === 'refund' && i.outTradeNo === otn && i.refundState?.state === 2)
    .reduce((n, i) => n + (i.kind === 'refund' ? i.refundFee : 0), 0);
  if (q.reply.body?.state?.cts === fullyRefundedCts) {
    expect(refunded).toBe(q.reply.body.totalFee);
    return 'fully refunded';
  }
  expect(q.reply.body?.state?.cts).toBe(2);
  return refunded > 0 ? 'partially refunded' : 'paid';
}

describe.each([
  ['wechat', 1, 4],
  ['alipay', 2, 5],
] as const)('acceptance script on %s', (platform, pp, fullCts) => {
  it('pays 0.02 and refunds it in two steps, refusing over-refunds', async () => {
    const otn = t.orderNo();
    const settle = () => post('/sandbox/time', { advance_ms: 3_000 });
    const pay = await t.pay(otn, SCENARIOS[0]!.codes[platform], 2);
    expect(pay.reply.body?.state).toMatchObject({ platform, cts: 2 });
    expect(await shown(otn, fullCts)).toBe('paid');

    const r3 = await t.refund(otn, `${otn}A`, 2, 3, pp);
    expect(r3.reply.status).toBe(104);
    expect(r3.reply.description).toMatch(/^超过可退金额/);

    expect((await t.refund(otn, `${otn}B`, 2, 1, pp)).reply.status).toBe(0);
    await settle();
    expect(await shown(otn, fullCts)).toBe('partially refunded');

    const r2 = await t.refund(otn, `${otn}C`, 2, 2, pp);
    expect(r2.reply).toMatchObject({ status: 104, description: '超过可退金额：申请退款 0.02 元，可退 0.01 元' });

    expect((await t.refund(otn, `${otn}D`, 2, 1, pp)).reply.status).toBe(0);
    await settle();
    expect(await shown(otn, fullCts)).toBe('fully refunded');

    const truth = (await fetch(new URL(`/sandbox/orders/${otn}`, base)).then((r) => r.json())) as Record<string, unknown>;
    expect(truth).toMatchObject({ refunded_fee: 2, refundable_fee: 0, state: 'refunded', cts: fullCts });
    expect((truth['refunds'] as unknown[]).length).toBe(2);
  });
});
