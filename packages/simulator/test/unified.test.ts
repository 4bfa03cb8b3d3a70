/**
 * scan_code_pay, query_order, close_order: waiting → paid by a control call, closed, expired.
 */
import { describe, expect, it } from 'vitest';
import { fen } from '@cpay/protocol';
import { boundSetup, type TestTerminal } from './helpers/terminal.js';

const scan = (t: TestTerminal, otn: string, pp: 1 | 2, fee = 500, timeExpire?: number) =>
  t.call('scan_code_pay', {
    outTradeNo: otn,
    totalFee: fen(fee),
    body: '扫码商品',
    productId: 'P1',
    timeExpire,
    mchKey: t.mchKey(pp),
    client: t.client(),
    nonce: 's'.repeat(32),
  });
const query = (t: TestTerminal, otn: string, pp: 1 | 2) =>
  t.call('query_order', { mchKey: t.mchKey(pp), client: t.client(), outTradeNo: otn, tradeType: 2, nonce: 'q'.repeat(32) });
const close = (t: TestTerminal, otn: string, pp: 1 | 2) =>
  t.call('close_order', { mchKey: t.mchKey(pp), client: t.client(), outTradeNo: otn, tradeType: 2, nonce: 'c'.repeat(32) });

describe('scan-code payment', () => {
  it('gives a WeChat code_url, waits (6), is paid by the customer (3)', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    const r = await scan(t, otn, 1);
    expect(r.reply.body?.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[0-9A-Za-z]{7}$/);
    expect(r.body).toContain('weixin:\\\\/\\\\/'); // `/` escaped as `\/` inside the inner text
    expect((await query(t, otn, 1)).reply.body?.order.state).toMatchObject({ platform: 'wechat', cts: 6 });
    await sim.payCodeUrl(r.reply.body!.codeUrl);
    const q = await query(t, otn, 1);
    expect(q.reply.body?.order).toMatchObject({ outTradeNo: otn, totalFee: 500, state: { cts: 3 } });
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(3); // brief_query_order sees it too
    expect((await close(t, otn, 1)).reply).toMatchObject({ status: 104, internalStatus: 4012 });
  });

  it('closes a waiting Alipay order (4 → 5) and answers a second close idempotently', async () => {
    const { t } = await boundSetup();
    const otn = t.orderNo();
    expect((await scan(t, otn, 2)).reply.body?.codeUrl).toMatch(/^https:\/\/qr\.alipay\.com\//);
    expect((await query(t, otn, 2)).reply.body?.order.state?.cts).toBe(4);
    expect((await close(t, otn, 2)).reply.status).toBe(0);
    expect((await close(t, otn, 2)).reply.status).toBe(0);
    expect((await query(t, otn, 2)).reply.body?.order.state?.cts).toBe(5);
  });

  it('expires at time_expire (wx 7)', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    await scan(t, otn, 1, 100, t.ts() + 60);
    sim.advance(61_000);
    expect((await query(t, otn, 1)).reply.body?.order.state?.cts).toBe(7);
    await expect(sim.customerAction(otn, 'approve')).rejects.toMatchObject({ status: 409 });
  });

  it('returns the same code_url to an identical retry and 102 to a different one', async () => {
    const { t } = await boundSetup();
    const otn = t.orderNo();
    const a = await scan(t, otn, 1);
    expect((await scan(t, otn, 1)).reply.body?.codeUrl).toBe(a.reply.body?.codeUrl);
    expect((await scan(t, otn, 1, 501)).reply.status).toBe(102);
    expect((await t.pay(otn, '135005875955000000', 500)).reply.status).toBe(102);
  });

  it('refuses close_order for a micropay order and query_order for a card order', async () => {
    const { t } = await boundSetup();
    const otn = t.orderNo();
    await t.pay(otn, '880000123456780000', 10);
    expect((await query(t, otn, 1)).reply).toMatchObject({ status: 104, internalStatus: 4010 });
    expect((await close(t, otn, 1)).reply).toMatchObject({ status: 104, internalStatus: 4011 });
  });

  it('refuses a pay_mch_key that does not match the binding', async () => {
    const { t } = await boundSetup();
    const r = await t.call('scan_code_pay', {
      outTradeNo: t.orderNo(),
      totalFee: fen(1),
      body: 'x',
      mchKey: { ...t.mchKey(1), outSubMchId: 'other' },
      client: t.client(),
      nonce: 's'.repeat(32),
    });
    expect(r.reply).toMatchObject({ status: 101, internalStatus: 4106 });
  });
});
