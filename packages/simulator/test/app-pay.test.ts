/**
 * app_pay: a signed reply whose sdk_args are consistent (prepay id, timestamp, nonce,
 * `Sign=WXPay`, sign over the App-pay text), idempotent retry, refusals.
 */
import { describe, expect, it } from 'vitest';
import { fen, hmacSha256Hex, wxpaySdkSignText } from '@cpay/protocol';
import { sandboxRequest } from '../src/sandbox.js';
import { boundSetup, T0, type TestTerminal } from './helpers/terminal.js';

const appPay = (t: TestTerminal, otn: string, fee = 100, pp: 1 | 2 = 1) =>
  t.call('app_pay', {
    outTradeNo: otn,
    totalFee: fen(fee),
    body: '演示App-会员充值',
    callerNotifyUrl: 'https://m.example/notify',
    mchKey: { ...t.mchKey(pp), mobAppId: 'wx87dd198b78jucir8' },
    nonce: 'a'.repeat(32),
  });

describe('app_pay', () => {
  it('answers sdk_args.wxpay with a prepay id and a sign over the App-pay text', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    const r = await appPay(t, otn);
    const w = r.reply.body?.wxpay;
    expect(w).toMatchObject({ appId: 'wx87dd198b78jucir8', packageValue: 'Sign=WXPay', timestamp: String(Math.floor(T0 / 1000)) });
    expect(w?.prepareId).toMatch(/^wx\d{14}[0-9A-Za-z]{18}$/);
    expect(w?.nonceStr).toHaveLength(32);
    expect(w?.sign).toBe(await hmacSha256Hex(t.paymentKey, wxpaySdkSignText(w!)));
    expect((await appPay(t, otn)).reply.body?.wxpay).toEqual(w);
    expect((await appPay(t, otn, 200)).reply).toMatchObject({ status: 102 });
    const orders = (await sandboxRequest(sim, 'GET', '/sandbox/app-orders', '', '')).json as { prepare_id: string }[];
    expect(orders.map((o) => o.prepare_id)).toEqual([w?.prepareId]);
  });

  it('is WeChat only', async () => {
    const { t } = await boundSetup();
    expect((await appPay(t, t.orderNo(), 100, 2)).reply).toMatchObject({ status: 104, internalStatus: 4401 });
  });
});

describe('app_pay order behind the sdk_args', () => {
  it('is a waiting unified order (trade_type 4, wx 6) that query_order reads and approve pays (3)', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    await appPay(t, otn);
    const q = () => t.call('query_order', { mchKey: t.mchKey(1), client: t.client(), outTradeNo: otn, nonce: 'q'.repeat(32) });
    expect((await q()).reply.body?.order).toMatchObject({ outTradeNo: otn, tradeType: 4, totalFee: 100, state: { platform: 'wechat', cts: 6 } });
    await sim.customerAction(otn, 'approve');
    expect((await q()).reply.body?.order.state?.cts).toBe(3);
  });
});
