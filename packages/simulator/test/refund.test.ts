/**
 * refund / query_refund_order: refundable amount, settlement later, refund scenarios, WeChat
 * cts 2 → 4 only when fully refunded, idempotency and number reuse.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS, type Platform, type ScenarioName } from '../src/index.js';
import { boundSetup } from './helpers/terminal.js';

const code = (name: ScenarioName, p: Platform) => SCENARIOS.find((s) => s.name === name)!.codes[p];
const PP = { wechat: 1, alipay: 2, card: 3 } as const;

async function paidOrder(name: ScenarioName = 'success', p: Platform = 'wechat', fee = 2) {
  const s = await boundSetup();
  const otn = s.t.orderNo();
  await s.t.pay(otn, code(name, p), fee);
  return { ...s, otn, pp: PP[p] };
}

describe('refund', () => {
  it('accepts a refund as processing and settles it 2 s later', async () => {
    const { sim, t, otn, pp } = await paidOrder();
    const r = await t.refund(otn, `${otn}R1`, 2, 1, pp);
    expect(r.reply.status).toBe(0);
    expect(r.reply.body?.refund).toMatchObject({ outRefundNo: `${otn}R1`, refundFee: 1, refundState: { platform: 'wechat', state: 4 } });
    sim.advance(2_000);
    const q = await t.call('query_refund_order', { mchKey: t.mchKey(pp), client: t.client(), outTradeNo: otn, outRefundNo: `${otn}R1`, nonce: 'q'.repeat(32) });
    expect(q.reply.body?.refunds[0]?.refundState).toEqual({ platform: 'wechat', state: 2 });
  });

  it('never refunds above the refundable amount, counting processing refunds', async () => {
    const { t, otn, pp } = await paidOrder();
    const over = await t.refund(otn, `${otn}R1`, 2, 3, pp);
    expect(over.reply).toMatchObject({ status: 104, internalStatus: 4307 });
    expect(over.reply.description).toMatch(/^超过可退金额/);
    expect(over.reply.description).toContain('可退 0.02 元');
    expect((await t.refund(otn, `${otn}R2`, 2, 1, pp)).reply.status).toBe(0);
    expect((await t.refund(otn, `${otn}R3`, 2, 2, pp)).reply).toMatchObject({ status: 104, description: '超过可退金额：申请退款 0.02 元，可退 0.01 元' });
  });

  it('keeps WeChat cts 2 after a partial refund and moves it to 4 when fully refunded', async () => {
    const { sim, t, otn, pp } = await paidOrder();
    await t.refund(otn, `${otn}R1`, 2, 1, pp);
    sim.advance(5_000);
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(2);
    await t.refund(otn, `${otn}R2`, 2, 1, pp);
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(2); // still processing
    sim.advance(5_000);
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(4);
    expect(await sim.order(otn)).toMatchObject({ refunded_fee: 2, refundable_fee: 0, state: 'refunded' });
  });

  it('moves Alipay to 5 and card to 4 when fully refunded', async () => {
    for (const [p, cts] of [
      ['alipay', 5],
      ['card', 4],
    ] as const) {
      const { sim, t, otn, pp } = await paidOrder('success', p, 5);
      await t.refund(otn, `${otn}R1`, 5, 5, pp);
      sim.advance(2_000);
      expect((await t.query(otn)).reply.body?.state?.cts).toBe(cts);
    }
  });

  it('refund_slow: processing for 60 s, then success', async () => {
    const { sim, t, otn, pp } = await paidOrder('refund_slow', 'alipay');
    await t.refund(otn, `${otn}R1`, 2, 2, pp);
    sim.advance(59_000);
    expect((await sim.refunds())[0]).toMatchObject({ state: 'processing', state_code: 4 });
    sim.advance(1_000);
    expect((await sim.refunds())[0]).toMatchObject({ state: 'success', state_code: 2 });
  });

  it('refund_fails: accepted, then failed; the money becomes refundable again', async () => {
    const { sim, t, otn, pp } = await paidOrder('refund_fails', 'wechat');
    expect((await t.refund(otn, `${otn}R1`, 2, 2, pp)).reply.status).toBe(0);
    sim.advance(5_000);
    const q = await t.call('query_refund_order', { mchKey: t.mchKey(pp), client: t.client(), outTradeNo: otn, outRefundNo: `${otn}R1`, nonce: 'q'.repeat(32) });
    expect(q.reply.body?.refunds[0]?.refundState).toEqual({ platform: 'wechat', state: 3 });
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(2);
    expect(await sim.order(otn)).toMatchObject({ refundable_fee: 2 });
  });

  it('refuses refunds of unpaid, finished or unknown orders, and wrong totals or platforms', async () => {
    const { t, otn, pp } = await paidOrder('manual');
    expect((await t.refund(otn, `${otn}R1`, 2, 1, pp)).reply).toMatchObject({ status: 104, internalStatus: 4305 });
    const fin = t.orderNo();
    await t.pay(fin, code('finished', 'alipay'), 2);
    expect((await t.refund(fin, `${fin}R1`, 2, 1, 2)).reply).toMatchObject({ status: 104, internalStatus: 4306 });
    expect((await t.refund('0100005299', '0100005299R', 2, 1, 1)).reply).toMatchObject({ status: 104, internalStatus: 4004 });
    const ok = t.orderNo();
    await t.pay(ok, code('success', 'wechat'), 2);
    expect((await t.refund(ok, `${ok}R1`, 3, 1, 1)).reply).toMatchObject({ status: 104, internalStatus: 4304 });
    expect((await t.refund(ok, `${ok}R2`, 2, 1, 2)).reply).toMatchObject({ status: 104, internalStatus: 4303 });
    expect((await t.refund(ok, `X${ok}`, 2, 1, 1)).reply).toMatchObject({ status: 101, internalStatus: 4104 });
  });

  it('answers an identical refund retry with the same refund and 102 to a reused refund number', async () => {
    const { t, otn, pp } = await paidOrder('success', 'wechat', 10);
    const a = await t.refund(otn, `${otn}R1`, 10, 3, pp);
    const b = await t.refund(otn, `${otn}R1`, 10, 3, pp);
    expect(b.reply.body?.refund?.outRefundNo).toBe(a.reply.body?.refund?.outRefundNo);
    expect((await t.refund(otn, `${otn}R1`, 10, 4, pp)).reply).toMatchObject({ status: 102, internalStatus: 4302 });
    expect((await t.refund(otn, `${otn}R2`, 10, 7, pp)).reply.status).toBe(0); // only 3 was taken once
  });

  it('query_refund_order answers 104 for an unknown refund', async () => {
    const { t, otn, pp } = await paidOrder();
    const q = await t.call('query_refund_order', { mchKey: t.mchKey(pp), client: t.client(), outTradeNo: otn, outRefundNo: `${otn}RX`, nonce: 'q'.repeat(32) });
    expect(q.reply).toMatchObject({ status: 104, internalStatus: 4308 });
  });
});
