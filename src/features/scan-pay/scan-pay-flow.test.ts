/** Scan-code pay (spec §7.3-§7.5, §10.3) in virtual time. */
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Fen, OrderStateOnWire } from '@cpay/protocol';
import type { PayEvent } from '../../kernel/payment.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { ali, payEnv, reply, status, TERMINAL, unknownOutcome, wx, type Answer, type Script } from '../../testing/pay-test-kit.js';
import type { ScanPayTerminal } from './scan-pay-close.js';
import { scanPayFlow, type ScanPayIntent } from './scan-pay-flow.js';

const AMOUNT = 990 as Fen;
const SCAN_TERMINAL: ScanPayTerminal = {
  ...TERMINAL,
  outMchId: 'mch',
  outSubMchId: 'sub',
  client: {
    deviceId: 'dev1',
    terminalType: 4,
    subTerminalType: 2451,
    machineNo: 'dev1',
    sdkVersion: '1.0',
    spbillCreateIp: '127.0.0.1',
    snCode: TERMINAL.snCode,
  },
};
const QR = 'weixin://wxpay/bizpayurl?pr=3oi3IB6';
const qr: Answer = { outcome: reply({ codeUrl: QR }) };
const order = (state: OrderStateOnWire): Answer => ({ outcome: reply({ order: { outTradeNo: 'x', state } }) });

function scripted(parts: { create?: readonly Answer[]; query?: readonly Answer[]; close?: readonly Answer[] }): Script {
  const pick = (list: readonly Answer[] | undefined, n: number): Answer => list?.[Math.min(n, list.length) - 1] ?? { outcome: status(3) };
  return (endpoint, n) =>
    pick(
      endpoint === 'scan_code_pay'
        ? (parts.create ?? [qr])
        : endpoint === 'query_order'
          ? parts.query
          : endpoint === 'close_order'
            ? (parts.close ?? [{ outcome: reply({}) }])
            : [],
      n,
    );
}

async function runScan(
  script: Script,
  intents: readonly [number, ScanPayIntent][] = [[0, { type: 'start', amount: AMOUNT, platform: 'wechat' }]],
  untilMs = 400_000,
) {
  const env = payEnv(script);
  const events: [number, PayEvent][] = [];
  const intent$ = new Subject<ScanPayIntent>();
  for (const [at, i] of intents) env.ts.schedule(() => intent$.next(i), at);
  scanPayFlow(intent$, { ...env.deps, terminal: () => SCAN_TERMINAL }).subscribe((e) => events.push([env.ts.now(), e]));
  await env.run(untilMs);
  const at = (endpoint: 'scan_code_pay' | 'query_order' | 'close_order') => env.calls(endpoint).map((c) => c.at);
  return { ...env, events, at, last: events.at(-1)?.[1], entry: [...env.journal.values()][0] };
}

describe('scanPayFlow', () => {
  it('journals first, shows the QR, polls query_order 2 s after each reply, settles paid', async () => {
    const r = await runScan(scripted({ query: [order(wx(6)), order(wx(6)), order(wx(3))] }));
    expect(r.timeline.findIndex((m) => m.what === 'put')).toBeLessThan(r.timeline.findIndex((m) => m.what === 'call'));
    expect(r.events.map(([t, e]) => [t, e.type])).toEqual([
      [0, 'submitting'],
      [100, 'polling'],
      [4400, 'settled'],
    ]);
    expect(r.events[1]?.[1]).toMatchObject({ codeUrl: QR });
    expect(r.at('query_order')).toEqual([100, 2200, 4300]); // right after the QR, then 2 s after each 100 ms reply
    expect(r.last).toMatchObject({ type: 'settled', result: { outcome: 'success', platform: 'wechat', amount: AMOUNT } });
    expect(r.entry).toMatchObject({ kind: 'scan_code', status: 'success', codeUrl: QR });
    expect(r.at('close_order')).toEqual([]);
  });

  it('sends product_id for WeChat and the platform in pay_mch_key', async () => {
    const wechat = await runScan(scripted({ query: [order(wx(3))] }));
    expect(wechat.calls('scan_code_pay')[0]?.req).toMatchObject({ totalFee: AMOUNT, mchKey: { payPlatform: 1 }, productId: expect.any(String) });
    const alipay = await runScan(scripted({ query: [order(ali(2))] }), [[0, { type: 'start', amount: AMOUNT, platform: 'alipay' }]]);
    expect(alipay.calls('scan_code_pay')[0]?.req).toMatchObject({ mchKey: { payPlatform: 2 } });
    expect(alipay.calls('scan_code_pay')[0]?.req).not.toHaveProperty('productId');
  });

  it('cashier cancel: queries first, then close_order, and ends cancelled (journal closed)', async () => {
    const r = await runScan(scripted({ query: [order(wx(6))] }), [
      [0, { type: 'start', amount: AMOUNT, platform: 'wechat' }],
      [5000, { type: 'cancel' }],
    ]);
    expect(r.last).toEqual({ type: 'cancelled', amount: AMOUNT });
    expect(r.at('close_order')).toHaveLength(1);
    const closeAt = r.at('close_order')[0] ?? 0;
    expect(r.at('query_order').filter((t) => t >= 5000)).toEqual([5000]);
    expect(closeAt).toBe(5100);
    expect(r.entry?.status).toBe('closed');
  });

  it('cashier cancel of an order the customer just paid: no close, success', async () => {
    const r = await runScan(scripted({ query: [order(wx(6)), order(wx(3))] }), [
      [0, { type: 'start', amount: AMOUNT, platform: 'wechat' }],
      [500, { type: 'cancel' }],
    ]);
    expect(r.at('close_order')).toEqual([]);
    expect(r.last).toMatchObject({ type: 'settled', result: { outcome: 'success' } });
  });

  it('a refused close followed by a paid query → success', async () => {
    const r = await runScan(scripted({ query: [order(wx(6)), order(wx(6)), order(wx(3))], close: [{ outcome: status(104, 0, '订单已支付') }] }), [
      [0, { type: 'start', amount: AMOUNT, platform: 'wechat' }],
      [500, { type: 'cancel' }],
    ]);
    expect(r.at('close_order')).toHaveLength(1);
    expect(r.last).toMatchObject({ type: 'settled', result: { outcome: 'success' } });
  });

  it('2 minutes without a result: closes unless paid and reports the order closed', async () => {
    const r = await runScan(scripted({ query: [order(wx(6))] }));
    expect(r.at('close_order')).toEqual([120_100 + 100]);
    expect(r.last).toMatchObject({ type: 'settled', result: { outcome: 'failed', reason: 'closed' } });
    expect(r.events.at(-1)?.[0]).toBe(120_300);
  });

  it('close unanswered and the order still open → unknown (left for reconciliation)', async () => {
    const r = await runScan(scripted({ query: [order(wx(6))], close: [{ outcome: unknownOutcome() }] }));
    expect(r.last).toMatchObject({ type: 'settled', result: { outcome: 'unknown', description: UNKNOWN_RESULT_TEXT } });
    expect(r.entry?.status).toBe('unknown');
  });

  it('scan_code_pay 102 → failed, new number needed, nothing closed', async () => {
    const r = await runScan(scripted({ create: [{ outcome: status(102, 0, '订单号重复') }] }));
    expect(r.last).toMatchObject({ type: 'settled', result: { outcome: 'failed', reason: 'new_number', description: '订单号重复' } });
    expect(r.calls().map((c) => c.endpoint)).toEqual(['scan_code_pay']);
  });

  it('scan_code_pay never answers → identical resends, then close unless paid', async () => {
    const r = await runScan(scripted({ create: [{ outcome: unknownOutcome() }], query: [order(wx(6))] }));
    expect(r.at('scan_code_pay')).toEqual([0, 2100, 4200]);
    const reqs = r.calls('scan_code_pay').map((c) => c.req);
    expect(reqs[2]).toEqual(reqs[0]);
    expect(r.at('close_order')).toHaveLength(1);
    expect(r.last).toMatchObject({ result: { outcome: 'failed', reason: 'closed' } });
  });

  it('a cancel while the order is being created takes effect once the QR is known', async () => {
    const r = await runScan(scripted({ create: [{ outcome: reply({ codeUrl: QR }), delayMs: 800 }], query: [order(wx(6))] }), [
      [0, { type: 'start', amount: AMOUNT, platform: 'wechat' }],
      [300, { type: 'cancel' }],
    ]);
    expect(r.last).toEqual({ type: 'cancelled', amount: AMOUNT });
    expect(r.at('query_order')).toEqual([800]);
  });

  it('one order at a time: a second start while one is open is ignored', async () => {
    const r = await runScan(scripted({ query: [order(wx(6)), order(wx(3))] }), [
      [0, { type: 'start', amount: AMOUNT, platform: 'wechat' }],
      [50, { type: 'start', amount: AMOUNT, platform: 'alipay' }],
    ]);
    expect(r.at('scan_code_pay')).toEqual([0]);
  });

  it('scan_code_pay 103 → the identical request 3 s later', async () => {
    const r = await runScan(scripted({ create: [{ outcome: status(103) }, qr], query: [order(wx(3))] }));
    expect(r.at('scan_code_pay')).toEqual([0, 3100]);
    expect(r.last).toMatchObject({ type: 'settled', result: { outcome: 'success' } });
  });

  it('scan_code_pay 104 after an unknown first send → unknown, closed unless paid (never a plain failure)', async () => {
    const r = await runScan(scripted({ create: [{ outcome: unknownOutcome() }, { outcome: status(104, 0, '重复') }], query: [order(wx(3))] }));
    expect(r.at('scan_code_pay')).toEqual([0, 2100]);
    expect(r.at('close_order')).toEqual([]);
    expect(r.last).toMatchObject({ type: 'settled', result: { outcome: 'success' } });
  });
});
