/**
 * brief_micro_pay / brief_query_order: every scenario on every platform, driven only by `now`
 * (sim.advance). Order-number rules: order-numbers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { prepareRequest } from '@cpay/protocol';
import { SCENARIOS, type Platform, type ScenarioName } from '../src/index.js';
import { boundSetup } from './helpers/terminal.js';

const code = (name: ScenarioName, p: Platform) => SCENARIOS.find((s) => s.name === name)!.codes[p];
const PLATFORMS: Platform[] = ['wechat', 'alipay', 'card'];
const SUCCESS = { wechat: 2, alipay: 2, card: 2 };
const PAYING = { wechat: 9, alipay: 4, card: 3 };

describe.each(PLATFORMS)('scenarios on %s', (p) => {
  it('success: immediate', async () => {
    const { t } = await boundSetup();
    const r = await t.pay(t.orderNo(), code('success', p), 2);
    expect(r.reply.body?.state).toMatchObject({ platform: p, cts: SUCCESS[p] });
  });

  it('password: user-paying for 10 s, then success', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    expect((await t.pay(otn, code('password', p), 100)).reply.body?.state?.cts).toBe(PAYING[p]);
    sim.advance(9_000);
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(PAYING[p]);
    sim.advance(1_000);
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(SUCCESS[p]);
  });

  it('cancel: user-paying, then cancelled', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    await t.pay(otn, code('cancel', p), 100);
    sim.advance(8_000);
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(5);
  });

  it('declined: a failure state at once; insufficient: 104 with a description', async () => {
    const { t } = await boundSetup();
    expect((await t.pay(t.orderNo(), code('declined', p), 100)).reply.body?.state?.cts).toBe(p === 'wechat' ? 10 : 5);
    const otn = t.orderNo();
    const r = await t.pay(otn, code('insufficient', p), 100);
    expect(r.reply).toMatchObject({ status: 104, internalStatus: 4003, description: '用户余额不足，请更换支付方式' });
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(p === 'wechat' ? 10 : 5);
  });

  it('103 then success: signed 103, initial state, success 3 s later and on retry', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    const first = await t.pay(otn, code('busy_then_success', p), 100);
    expect(first.reply.status).toBe(103);
    expect(JSON.parse(first.body)).toHaveProperty('a');
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(1);
    sim.advance(3_000);
    expect((await t.pay(otn, code('busy_then_success', p), 100)).reply.body?.state?.cts).toBe(SUCCESS[p]);
  });

  it('status 3: unsigned unknown, but the payment succeeded', async () => {
    const { t } = await boundSetup();
    const otn = t.orderNo();
    const first = await t.pay(otn, code('unknown_status', p), 100);
    expect(first.reply.status).toBe(3);
    expect(JSON.parse(first.body)).not.toHaveProperty('a');
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(SUCCESS[p]);
  });

  it('no answer: the core asks the adapter to hang; the payment succeeded; a tampered body is refused', async () => {
    const { sim, t } = await boundSetup();
    const hangOtn = t.orderNo();
    const req = await prepareRequest(
      'brief_micro_pay',
      {
        snCode: t.sn,
        outShopId: t.bound.outShopId,
        nonce: 'n'.repeat(32),
        outTradeNo: hangOtn,
        authCode: code('no_answer', p),
        totalFee: 100 as never,
        body: 'x',
        deviceId: t.bound.deviceId,
        subTerminalType: 1,
      },
      t.paymentKey,
    );
    expect(await sim.handle(req)).toMatchObject({ hang: true });
    expect((await t.query(hangOtn)).reply.body?.state?.cts).toBe(SUCCESS[p]);
    const retry = await sim.handle(req); // an identical retry is answered
    expect(retry.hang).toBeUndefined();
    expect(JSON.parse(JSON.parse(retry.body).rc as string)).toMatchObject({ s: 0 });
    const tampered = await sim.handle({ ...req, body: req.body.replace('\\"tf\\":100', '\\"tf\\":1') });
    expect(JSON.parse(JSON.parse(tampered.body).rc as string)).toMatchObject({ s: 101, is: 3103 }); // signature no longer matches
  });

  it('late success: still user-paying at 2 minutes, success at 150 s', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    await t.pay(otn, code('late_success', p), 100);
    sim.advance(120_000);
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(PAYING[p]);
    sim.advance(30_000);
    expect((await t.query(otn)).reply.body?.state?.cts).toBe(SUCCESS[p]);
  });

  it('manual: waits for the customer; approve and decline via control', async () => {
    const { sim, t } = await boundSetup();
    const a = t.orderNo();
    const d = t.orderNo();
    await t.pay(a, code('manual', p), 100);
    await t.pay(d, code('manual', p), 100);
    sim.advance(600_000);
    expect((await t.query(a)).reply.body?.state?.cts).toBe(PAYING[p]);
    await sim.customerAction(a, 'approve');
    await sim.customerAction(d, 'decline');
    expect((await t.query(a)).reply.body?.state?.cts).toBe(SUCCESS[p]);
    expect((await t.query(d)).reply.body?.state?.cts).toBe(5);
    await expect(sim.customerAction(a, 'decline')).rejects.toMatchObject({ status: 409 });
  });

  it('reversed, accepting and void', async () => {
    const { sim, t } = await boundSetup();
    const [rev, acc, vd] = [t.orderNo(), t.orderNo(), t.orderNo()];
    await t.pay(rev, code('reversed', p), 100);
    expect((await t.pay(acc, code('accepting', p), 100)).reply.body?.state?.cts).toBe(p === 'wechat' ? 12 : 1);
    await t.pay(vd, code('void', p), 100);
    sim.advance(30_000);
    expect((await t.query(rev)).reply.body?.state?.cts).toBe(p === 'wechat' ? 8 : 5);
    expect((await t.query(acc)).reply.body?.state?.cts).toBe(SUCCESS[p]);
    expect((await t.query(vd)).reply.body?.state?.cts).toBe({ wechat: 11, alipay: 7, card: 5 }[p]);
  });
});

describe('WeChat tsd and slow answer', () => {
  it('carries tsd for WeChat', async () => {
    const { t } = await boundSetup();
    const r = await t.pay(t.orderNo(), code('password', 'wechat'), 100);
    expect(r.reply.body?.state?.tradeStateDesc).toBe('需要用户输入支付密码');
  });
  it('asks the adapter to delay the slow answer by options.slowMs', async () => {
    const { sim, t } = await boundSetup(1, { options: { slowMs: 1234 } });
    const req = await prepareRequest(
      'brief_micro_pay',
      {
        snCode: t.sn,
        outShopId: t.bound.outShopId,
        nonce: 'n'.repeat(32),
        outTradeNo: t.orderNo(),
        authCode: code('slow_answer', 'alipay'),
        totalFee: 100 as never,
        body: 'x',
        deviceId: t.bound.deviceId,
        subTerminalType: 1,
      },
      t.paymentKey,
    );
    expect(await sim.handle(req)).toMatchObject({ delayMs: 1234 });
  });
});
