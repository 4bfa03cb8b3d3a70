/**
 * Deposits: micro_freeze scenarios by the code's last four digits, query_freeze_order,
 * deposit_consume with the rest released, unfreeze, and the refusals (over-consumption, double
 * settlement) with their 104 descriptions; the /sandbox/deposits truth agrees at each step.
 */
import { describe, expect, it } from 'vitest';
import { fen, type DepositMchKey } from '@cpay/protocol';
import { sandboxRequest } from '../src/sandbox.js';
import type { Simulator } from '../src/index.js';
import { boundSetup, type TestTerminal } from './helpers/terminal.js';

const WX = (suffix: string) => `13500587595500${suffix}`;
const ALI = (suffix: string) => `28123456789012${suffix}`;
const N = 'd'.repeat(32);

const freeze = (t: TestTerminal, ofn: string, code: string, fee: number, pp: 1 | 2 = 1) => {
  const mchKey: DepositMchKey = { ...t.mchKey(pp), ext: pp === 1 ? { platform: 'wechat', appId: 'wx1' } : { platform: 'alipay' } };
  return t.call('micro_freeze', {
    outFreezeNo: ofn,
    authorCode: code,
    freezeFee: fen(fee),
    body: '押金',
    mchKey,
    client: t.client(),
    nonce: N,
    ext: pp === 1 ? { platform: 'wechat', attach: 'a' } : { platform: 'alipay', enablePayChannels: 'balance' },
  });
};
const queryFreeze = (t: TestTerminal, ofn: string, pp: 1 | 2 = 1) =>
  t.call('query_freeze_order', { mchKey: t.mchKey(pp), client: t.client(), outFreezeNo: ofn, nonce: N });
const consume = (t: TestTerminal, otn: string, ofn: string, fee: number, confirm = true, pp: 1 | 2 = 1) =>
  t.call('deposit_consume', {
    outTradeNo: otn,
    totalFee: fen(fee),
    body: '租金',
    outFreezeNo: ofn,
    isConfirmUnfreeze: confirm,
    mchKey: t.mchKey(pp),
    client: t.client(),
    nonce: N,
  });
const unfreeze = (t: TestTerminal, oun: string, ofn: string, fee: number, pp: 1 | 2 = 1) =>
  t.call('unfreeze', {
    outFreezeNo: ofn,
    outUnfreezeNo: oun,
    unfreezeFee: fen(fee),
    mchKey: { payPlatform: pp, outShopId: t.bound.outShopId, isSubMchAdmin: true },
    client: t.client(),
    nonce: N,
  });
const queryUnfreeze = (t: TestTerminal, ofn: string, oun?: string) =>
  t.call('query_unfreeze_order', { mchKey: t.mchKey(1), client: t.client(), outFreezeNo: ofn, outUnfreezeNo: oun, nonce: N });
const truth = async (sim: Simulator, ofn: string) => (await sandboxRequest(sim, 'GET', `/sandbox/deposits/${ofn}`, '', '')).json as Record<string, unknown>;

describe('deposits (freeze, consume, unfreeze)', () => {
  it('freezes 100.00, consumes 37.50 with the rest released (wx 2 → 5, order cts 14)', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    const f = await freeze(t, ofn, WX('0000'), 10000);
    expect(f.reply.body?.freeze).toMatchObject({ outFreezeNo: ofn, freezeFee: 10000, state: { platform: 'wechat', cts: 2 } });
    expect(await truth(sim, ofn)).toMatchObject({ state: 'frozen', remaining_fee: 10000 });
    const otn = t.orderNo();
    const c = await consume(t, otn, ofn, 3750);
    expect(c.reply.body?.order.state).toMatchObject({ platform: 'wechat', cts: 14 });
    expect(c.reply.body?.consume).toMatchObject({ outFreezeNo: ofn, freezeFee: 10000, isConfirmUnfreeze: true, manualUnfreezeFee: 6250 });
    expect((await queryFreeze(t, ofn)).reply.body?.freeze).toMatchObject({ totalConsumeFee: 3750, totalManualUnfreezeFee: 6250, state: { cts: 5 } });
    expect(await truth(sim, ofn)).toMatchObject({ state: 'ended', consumed_fee: 3750, released_fee: 6250, remaining_fee: 0 });
    expect((await consume(t, otn, ofn, 3750)).reply.status).toBe(0); // identical retry: same answer
    const again = await consume(t, t.orderNo(), ofn, 100);
    expect(again.reply).toMatchObject({ status: 104, internalStatus: 4302 });
    expect(again.reply.description).toContain('不能重复结算');
    expect((await unfreeze(t, t.orderNo(), ofn, 100)).reply).toMatchObject({ status: 104, internalStatus: 4302 });
  });

  it('refuses over-consumption naming both amounts, and WeChat consumption without is_confirm_unfreeze', async () => {
    const { t } = await boundSetup();
    const ofn = t.orderNo();
    await freeze(t, ofn, WX('0000'), 5000);
    const over = await consume(t, t.orderNo(), ofn, 5001);
    expect(over.reply).toMatchObject({ status: 104, internalStatus: 4304 });
    expect(over.reply.description).toBe('消费金额 50.01 元超过剩余冻结金额 50.00 元');
    expect((await consume(t, t.orderNo(), ofn, 100, false)).reply).toMatchObject({ status: 104, internalStatus: 4305 });
  });

  it('unfreezes in full: processing (1) then success (2), the freeze ends (5)', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    await freeze(t, ofn, WX('0000'), 2000);
    const oun = t.orderNo();
    expect((await unfreeze(t, oun, ofn, 2000)).reply.body?.unfreeze).toMatchObject({ unfreezeFee: 2000, state: { cts: 1 } });
    expect((await unfreeze(t, t.orderNo(), ofn, 1)).reply.description).toContain('不能重复结算');
    sim.advance(2_000);
    expect((await queryUnfreeze(t, ofn)).reply.body?.unfreezes).toMatchObject([{ outUnfreezeNo: oun, state: { platform: 'wechat', cts: 2 } }]);
    expect((await queryFreeze(t, ofn)).reply.body?.freeze.state?.cts).toBe(5);
    expect(await truth(sim, ofn)).toMatchObject({ state: 'ended', released_fee: 2000, unfreezes: [{ state: 'success' }] });
  });

  it('refund_fails (9111): the unfreeze is processing (1), then fails (3); the money is frozen again and can be released', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    await freeze(t, ofn, WX('9111'), 2000);
    const oun = t.orderNo();
    expect((await unfreeze(t, oun, ofn, 2000)).reply.body?.unfreeze).toMatchObject({ state: { cts: 1 } });
    sim.advance(6_000);
    expect((await queryUnfreeze(t, ofn, oun)).reply.body?.unfreezes).toMatchObject([{ outUnfreezeNo: oun, state: { cts: 3 } }]);
    expect((await queryFreeze(t, ofn)).reply.body?.freeze.state?.cts).toBe(2);
    expect(await truth(sim, ofn)).toMatchObject({ state: 'frozen', released_fee: 0, remaining_fee: 2000, unfreezes: [{ state: 'failed' }] });
    expect((await unfreeze(t, t.orderNo(), ofn, 2000)).reply.status).toBe(0);
  });

  it('Alipay: partial consumption keeps the rest frozen, then unfreeze releases it (ali 2 → 3)', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    expect((await freeze(t, ofn, ALI('0000'), 3000, 2)).reply.body?.freeze.state).toEqual({ platform: 'alipay', cts: 2 });
    const c = await consume(t, t.orderNo(), ofn, 1000, false, 2);
    expect(c.reply.body?.order.state).toEqual({ platform: 'alipay', cts: 2 });
    expect(await truth(sim, ofn)).toMatchObject({ state: 'frozen', remaining_fee: 2000 });
    await unfreeze(t, t.orderNo(), ofn, 2000, 2);
    sim.advance(2_000);
    expect((await queryFreeze(t, ofn, 2)).reply.body?.freeze.state).toEqual({ platform: 'alipay', cts: 3 });
  });

  it('scenarios by the last four digits: password (3 → 2), declined (6), unknown (status 3, frozen)', async () => {
    const { sim, t } = await boundSetup();
    const pw = t.orderNo();
    expect((await freeze(t, pw, WX('9101'), 100)).reply.body?.freeze.state?.cts).toBe(3);
    expect((await consume(t, t.orderNo(), pw, 50)).reply.internalStatus).toBe(4303);
    sim.advance(10_000);
    expect((await queryFreeze(t, pw)).reply.body?.freeze.state?.cts).toBe(2);
    const no = t.orderNo();
    expect((await freeze(t, no, WX('9103'), 100)).reply.body?.freeze.state?.cts).toBe(6);
    const unk = t.orderNo();
    const first = await freeze(t, unk, WX('9106'), 100);
    expect(first.reply.status).toBe(3);
    expect(first.body).not.toContain('authen_info');
    expect((await freeze(t, unk, WX('9106'), 100)).reply.body?.freeze.state?.cts).toBe(2); // identical retry
    expect((await freeze(t, unk, WX('9106'), 200)).reply).toMatchObject({ status: 104, internalStatus: 407 });
  });

  it('rejects both extensions of a pair, a member card, and a code of the other platform', async () => {
    const { t } = await boundSetup();
    const mk = { ...t.mchKey(1), ext: { platform: 'wechat' as const } };
    const card = await t.call('micro_freeze', {
      outFreezeNo: t.orderNo(),
      authorCode: '880000123456780000',
      freezeFee: fen(100),
      body: 'b',
      mchKey: { ...t.mchKey(3), ext: undefined },
      client: t.client(),
      nonce: N,
    });
    expect(card.reply).toMatchObject({ status: 104, internalStatus: 4301 });
    const other = await t.call('micro_freeze', {
      outFreezeNo: t.orderNo(),
      authorCode: ALI('0000'),
      freezeFee: fen(100),
      body: 'b',
      mchKey: mk,
      client: t.client(),
      nonce: N,
    });
    expect(other.reply).toMatchObject({ status: 104, internalStatus: 4002 });
  });
});

describe('a deposit consumption is an order (issue 14 point 3)', () => {
  const refund = (t: TestTerminal, otn: string, fee: number, part: number, ofn?: string, pp: 1 | 2 = 1) =>
    t.call('refund', {
      outTradeNo: otn,
      outRefundNo: t.orderNo(),
      totalFee: fen(fee),
      refundFee: fen(part),
      ...(ofn ? { outFreezeNo: ofn } : {}),
      mchKey: { ...t.mchKey(pp), isSubMchAdmin: true },
      client: t.client(),
      nonce: N,
    });

  it('queried in WeChat state 14 (003 L506), refundable only with its out_freeze_no (003 L3915)', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    await freeze(t, ofn, WX('0000'), 10000);
    const otn = t.orderNo();
    await consume(t, otn, ofn, 3750);
    expect((await t.query(otn)).reply).toMatchObject({ status: 0, body: { totalFee: 3750, state: { platform: 'wechat', cts: 14 } } });
    const full = await t.call('query_order', { mchKey: t.mchKey(1), client: t.client(), outTradeNo: otn, nonce: N });
    expect(full.reply.body?.order).toMatchObject({ outFreezeNo: ofn, state: { cts: 14 } });
    const missing = await refund(t, otn, 3750, 1000);
    expect(missing.reply).toMatchObject({ status: 104, internalStatus: 4309 });
    expect(missing.reply.description).toContain('押金模式退款单必填 out_freeze_no');
    expect((await refund(t, otn, 3750, 1000, t.orderNo())).reply).toMatchObject({ status: 104, internalStatus: 4309 });
    const ok = await refund(t, otn, 3750, 1000, ofn);
    expect(ok.reply.status).toBe(0);
    sim.advance(2_000);
    expect((await sandboxRequest(sim, 'GET', `/sandbox/orders/${otn}`, '', '')).json).toMatchObject({ state: 'consumed', refunded_fee: 1000 });
    // An ordinary payment refuses out_freeze_no.
    const paid = t.orderNo();
    await t.pay(paid, WX('0000'), 500);
    expect((await refund(t, paid, 500, 100, ofn)).reply).toMatchObject({ status: 104, internalStatus: 4310 });
  });

  it('Alipay may consume several times while keeping the rest frozen (is_confirm_unfreeze false, 003 L6383); WeChat only once', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    await freeze(t, ofn, ALI('0000'), 10000, 2);
    const [a, b] = [t.orderNo(), t.orderNo()];
    expect((await consume(t, a, ofn, 2000, false, 2)).reply.status).toBe(0);
    expect((await consume(t, b, ofn, 3000, true, 2)).reply.status).toBe(0);
    expect(await truth(sim, ofn)).toMatchObject({ state: 'ended', consumed_fee: 5000, released_fee: 5000 });
    expect((await t.query(a)).reply.body?.state).toEqual({ platform: 'alipay', cts: 2 });
    expect((await t.query(b)).reply.body?.totalFee).toBe(3000);
  });
});

describe('scancode_freeze (003 L5918-6274)', () => {
  const qr = (t: TestTerminal, ofn: string, fee: number, pp: 1 | 2 = 2, timeExpire?: number) =>
    t.call('scancode_freeze', {
      outFreezeNo: ofn,
      freezeFee: fen(fee),
      body: '押金',
      ...(timeExpire !== undefined ? { timeExpire } : {}),
      mchKey: { ...t.mchKey(pp), ext: pp === 2 ? { platform: 'alipay' } : { platform: 'wechat' } },
      client: t.client(),
      nonce: N,
    });

  it('Alipay only: a QR; the deposit waits (Alipay 1) until the customer scans and pays it (2), then consumes like any deposit', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    const first = await qr(t, ofn, 5000);
    expect(first.reply.body?.codeUrl).toMatch(/^https:\/\/qr\.alipay\.com\/bax0/);
    expect((await qr(t, ofn, 5000)).reply.body?.codeUrl).toBe(first.reply.body?.codeUrl);
    expect((await qr(t, ofn, 5001)).reply).toMatchObject({ status: 104, internalStatus: 407 });
    expect((await queryFreeze(t, ofn, 2)).reply.body?.freeze.state).toEqual({ platform: 'alipay', cts: 1 });
    expect((await sandboxRequest(sim, 'POST', '/sandbox/scan/pay', JSON.stringify({ code_url: first.reply.body?.codeUrl }), '')).status).toBe(200);
    expect((await queryFreeze(t, ofn, 2)).reply.body?.freeze.state).toEqual({ platform: 'alipay', cts: 2 });
    expect((await consume(t, t.orderNo(), ofn, 1000, true, 2)).reply.status).toBe(0);
    expect(await truth(sim, ofn)).toMatchObject({ state: 'ended', consumed_fee: 1000, released_fee: 4000 });
  });

  it('WeChat is refused (104 / 4310); an unpaid QR deposit closes at time_expire (Alipay 3)', async () => {
    const { sim, t } = await boundSetup();
    expect((await qr(t, t.orderNo(), 100, 1)).reply).toMatchObject({ status: 104, internalStatus: 4310 });
    const ofn = t.orderNo();
    await qr(t, ofn, 100);
    sim.advance(2 * 3_600_000 + 1);
    expect((await queryFreeze(t, ofn, 2)).reply.body?.freeze.state).toEqual({ platform: 'alipay', cts: 3 });
  });

  it('the QR expires at the time_expire the terminal asked for: a deposit read back is a scan-code one (trade_type 2, no author_code, that time_expire); the customer cannot pay it after, it stays closed (Alipay 3)', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    const expire = Math.floor(sim.now() / 1000) + 120;
    const code = (await qr(t, ofn, 2000, 2, expire)).reply.body?.codeUrl;
    const q = (await queryFreeze(t, ofn, 2)).reply.body?.freeze;
    expect(q).toMatchObject({ tradeType: 2, timeExpire: expire, freezeFee: 2000, cashFee: 0, state: { platform: 'alipay', cts: 1 } });
    expect(q?.authorCode).toBeUndefined();
    sim.advance(119_000);
    expect((await queryFreeze(t, ofn, 2)).reply.body?.freeze.state).toEqual({ platform: 'alipay', cts: 1 });
    sim.advance(2_000);
    expect((await queryFreeze(t, ofn, 2)).reply.body?.freeze.state).toEqual({ platform: 'alipay', cts: 3 });
    const late = await sandboxRequest(sim, 'POST', '/sandbox/scan/pay', JSON.stringify({ code_url: code }), '');
    expect(late.status).toBe(409);
    expect(await truth(sim, ofn)).toMatchObject({
      state: 'cancelled',
      cts: 3,
      consumed_fee: 0,
      remaining_fee: 2000,
      qr_expires_at: expire * 1000,
      code_url: code,
    });
    // A consumption of a deposit that never held money is refused.
    expect((await consume(t, t.orderNo(), ofn, 100, true, 2)).reply.status).not.toBe(0);
  });

  it('a QR deposit paid in time: held (Alipay 2, cash_fee = freeze_fee, time_end set); paying twice is refused (409)', async () => {
    const { sim, t } = await boundSetup();
    const ofn = t.orderNo();
    const code = (await qr(t, ofn, 3000, 2, Math.floor(sim.now() / 1000) + 120)).reply.body?.codeUrl;
    sim.advance(30_000);
    expect((await sandboxRequest(sim, 'POST', '/sandbox/scan/pay', JSON.stringify({ code_url: code }), '')).status).toBe(200);
    expect((await sandboxRequest(sim, 'POST', '/sandbox/scan/pay', JSON.stringify({ code_url: code }), '')).status).toBe(409);
    sim.advance(200_000); // past the QR's expiry: a held deposit is not closed by it
    const f = (await queryFreeze(t, ofn, 2)).reply.body?.freeze;
    expect(f).toMatchObject({ state: { platform: 'alipay', cts: 2 }, cashFee: 3000 });
    expect(f?.timeEnd).toBeGreaterThan(0);
  });
});
