/**
 * The general-API micro_pay (legacy terminals, spec §7.2) shares the micropay state machine, and
 * options.passwordAfter turns on the "password after N payments a day" rule (spec §13).
 */
import { describe, expect, it } from 'vitest';
import { buildEnvelope } from '@cpay/protocol';
import { SCENARIOS } from '../src/index.js';
import { boundSetup, type TestTerminal } from './helpers/terminal.js';

const success = SCENARIOS[0]!.codes;

async function microPay(
  sim: { handle: (r: { method: string; path: string; body: string }) => Promise<{ body: string }> },
  t: TestTerminal,
  otn: string,
  code: string,
  fee: number,
  pp: number,
) {
  const inner = JSON.stringify({
    pay_content: { out_trade_no: otn, author_code: code, total_fee: fee, fee_type: 'CNY', body: '商品' },
    pay_mch_key: { pay_platform: pp, out_mch_id: t.bound.outMchId, out_sub_mch_id: t.bound.outSubMchId, out_shop_id: t.bound.outShopId },
    order_client: { device_id: t.bound.deviceId, terminal_type: 2, machine_no: 'M1', sdk_version: '1.0', spbill_create_ip: '127.0.0.1', sn_code: t.sn },
    nonce_str: 'm'.repeat(32),
  });
  const res = await sim.handle({ method: 'POST', path: '/cpay/micro_pay', body: await buildEnvelope('full', inner, t.paymentKey) });
  return JSON.parse(JSON.parse(res.body).response_content as string) as Record<string, unknown> & { micro_pay?: { order_content: Record<string, unknown> } };
}

describe('micro_pay (general API)', () => {
  it('pays and returns order_content with the platform state', async () => {
    const { sim, t } = await boundSetup();
    const otn = t.orderNo();
    const r = await microPay(sim, t, otn, success.alipay, 12, 2);
    expect(r).toMatchObject({
      status: 0,
      micro_pay: { order_content: { out_trade_no: otn, total_fee: 12, alipay_order_content_ext: { current_trade_state: 2 } } },
    });
    expect((await t.query(otn)).reply.body?.state).toMatchObject({ platform: 'alipay', cts: 2 });
    expect(await microPay(sim, t, otn, success.alipay, 13, 2)).toMatchObject({ status: 104, internal_status: 407 });
  });

  it('refuses a customer code of another platform than pay_platform', async () => {
    const { sim, t } = await boundSetup();
    expect(await microPay(sim, t, t.orderNo(), success.wechat, 12, 2)).toMatchObject({ status: 104, internal_status: 4002 });
  });
});

describe('passwordAfter', () => {
  it('asks for a password once a code has paid N times today', async () => {
    const { t } = await boundSetup(1, { options: { passwordAfter: 2 } });
    for (let i = 0; i < 2; i++) expect((await t.pay(t.orderNo(), success.wechat, 1)).reply.body?.state?.cts).toBe(2);
    expect((await t.pay(t.orderNo(), success.wechat, 1)).reply.body?.state?.cts).toBe(9);
  });
});
