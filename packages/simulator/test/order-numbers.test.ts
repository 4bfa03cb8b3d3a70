/**
 * Order-number rules of spec §11 (prefix, length, identical retry, 407, 102) and the core's
 * purity and determinism.
 */
import { describe, expect, it } from 'vitest';
import { buildEnvelope, prepareRequest } from '@cpay/protocol';
import { SCENARIOS, handle, createSimState, type Platform, type ScenarioName } from '../src/index.js';
import { boundSetup } from './helpers/terminal.js';

const code = (name: ScenarioName, p: Platform) => SCENARIOS.find((s) => s.name === name)!.codes[p];

describe('order-number rules', () => {
  it('answers an identical retry with the same result', async () => {
    const { t } = await boundSetup();
    const otn = t.orderNo();
    const a = await t.pay(otn, code('success', 'wechat'), 2);
    const b = await t.pay(otn, code('success', 'wechat'), 2);
    expect(b.reply).toMatchObject({ status: 0, body: { state: a.reply.body?.state } });
  });

  it('answers 104 + 407 to the same number with a different amount or code while pending or paid', async () => {
    const { t } = await boundSetup();
    const otn = t.orderNo();
    await t.pay(otn, code('manual', 'wechat'), 2);
    expect((await t.pay(otn, code('manual', 'wechat'), 3)).reply).toMatchObject({ status: 104, internalStatus: 407 });
    const paid = t.orderNo();
    await t.pay(paid, code('success', 'alipay'), 2);
    expect((await t.pay(paid, code('success', 'wechat'), 2)).reply).toMatchObject({ status: 104, internalStatus: 407 });
  });

  it('answers 102 to a number reused after the order failed', async () => {
    const { t } = await boundSetup();
    const otn = t.orderNo();
    await t.pay(otn, code('declined', 'wechat'), 2);
    expect((await t.pay(otn, code('success', 'wechat'), 2)).reply).toMatchObject({ status: 102 });
  });

  it('refuses numbers without the prefix, too long, or an amount of 0 (101); unknown codes (104)', async () => {
    const { t } = await boundSetup();
    expect((await t.pay('99999999123', code('success', 'wechat'), 2)).reply).toMatchObject({ status: 101, internalStatus: 4104 });
    expect((await t.pay(`01000052${'1'.repeat(25)}`, code('success', 'wechat'), 2)).reply).toMatchObject({ status: 101 });
    expect((await t.pay(t.orderNo(), code('success', 'wechat'), 0)).reply).toMatchObject({ status: 101, internalStatus: 4105 });
    expect((await t.pay(t.orderNo(), '123', 2)).reply).toMatchObject({ status: 104, internalStatus: 4001 });
  });

  it('answers a query for an unknown order with the documented "no such order" state (Alipay 7, 003 L522), status 0', async () => {
    const { t } = await boundSetup();
    expect((await t.query('01000052404')).reply).toMatchObject({ status: 0, body: { state: { platform: 'alipay', cts: 7 }, totalFee: 0 } });
  });

  it('query_order for an unknown order: WeChat 11 (作废, 003 L500) when the request names WeChat, else Alipay 7', async () => {
    const { t } = await boundSetup();
    const q = (pp?: 1 | 2) =>
      t.call('query_order', {
        mchKey: pp === undefined ? { ...t.mchKey(1), payPlatform: undefined } : t.mchKey(pp),
        client: t.client(),
        outTradeNo: '01000052405',
        nonce: 'n'.repeat(32),
      });
    expect((await q(1)).reply).toMatchObject({ status: 0, body: { order: { outTradeNo: '01000052405', state: { platform: 'wechat', cts: 11 } } } });
    expect((await q(2)).reply).toMatchObject({ status: 0, body: { order: { state: { platform: 'alipay', cts: 7 } } } });
    expect((await q()).reply).toMatchObject({ status: 0, body: { order: { state: { platform: 'alipay', cts: 7 } } } });
  });
});

describe('purity and determinism', () => {
  it('never mutates the input state and gives byte-identical answers for the same seed', async () => {
    const state = createSimState({ seed: 42 });
    const before = JSON.stringify(state);
    const req = { method: 'POST', path: '/cpay/brief_query_order', body: '{"r":"{}","a":"00"}' };
    const a = await handle(state, req, 1_000);
    const b = await handle(state, req, 1_000);
    expect(JSON.stringify(state)).toBe(before);
    expect(a.response.body).toBe(b.response.body);
    expect(JSON.stringify(a.state)).toBe(JSON.stringify(b.state));
  });

  it('gives the same answers through the pure core and through the Simulator (in place)', async () => {
    const { sim, t } = await boundSetup(8);
    const otn = t.orderNo();
    const reqs = [
      await prepareRequest(
        'brief_micro_pay',
        {
          snCode: t.sn,
          outShopId: t.bound.outShopId,
          nonce: 'n'.repeat(32),
          outTradeNo: otn,
          authCode: code('password', 'wechat'),
          totalFee: 5 as never,
          body: 'x',
          deviceId: t.bound.deviceId,
          subTerminalType: 1,
        },
        t.paymentKey,
      ),
      await prepareRequest('brief_query_order', { outShopId: t.bound.outShopId, nonce: 'q'.repeat(32), outTradeNo: otn }, t.paymentKey),
      { method: 'POST', path: '/cpay/brief_query_order', body: '{"r":"{\\"osi\\":1}","a":"00"}' },
    ];
    let pure = sim.state;
    const viaCore: string[] = [];
    for (const r of reqs) {
      const out = await handle(pure, r, sim.now());
      pure = out.state;
      viaCore.push(out.response.body);
    }
    const viaSim: string[] = [];
    for (const r of reqs) viaSim.push((await sim.handle(r)).body);
    expect(viaSim).toEqual(viaCore);
    expect(JSON.stringify(sim.state)).toBe(JSON.stringify(pure));
  });

  it('answers 101 naming a mistyped field and leaves no trace, in place or pure', async () => {
    const { sim, t } = await boundSetup(9);
    const inner = JSON.stringify({
      sc: t.sn,
      osi: t.bound.outShopId,
      ns: 'n'.repeat(32),
      otn: t.orderNo(),
      ac: code('success', 'wechat'),
      tf: '2',
      bd: 'x',
      di: t.bound.deviceId,
      stt: 1,
    });
    const req = { method: 'POST', path: '/cpay/brief_micro_pay', body: await buildEnvelope('brief', inner, t.paymentKey) };
    const before = sim.state;
    const pure = await handle(before, req, sim.now());
    const res = await sim.handle(req);
    expect(res.body).toBe(pure.response.body);
    expect(JSON.parse(JSON.parse(res.body).rc as string)).toMatchObject({ s: 101, is: 1002, d: '参数 tf 应为整数' });
    expect(Object.keys(sim.state.orders)).toEqual(Object.keys(before.orders));
  });
});
