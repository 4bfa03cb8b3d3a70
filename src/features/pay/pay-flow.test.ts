import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { PayEvent } from '../../kernel/payment.js';
import { payFlow, type PayIntent } from './pay-flow.js';
import { micropayState, payEnv, status, wx, type Script } from '../../testing/pay-test-kit.js';

const AMOUNT = 1234 as Fen;
const CODE = '135005875955002257';

/** Feeds intents at virtual times, runs to `untilMs`, returns [time, event] pairs and the env. */
async function runSale(script: Script, intents: readonly [number, PayIntent][], untilMs = 300_000, opts = {}) {
  const env = payEnv(script, opts);
  const events: [number, PayEvent][] = [];
  const intent$ = new Subject<PayIntent>();
  for (const [at, intent] of intents) env.ts.schedule(() => intent$.next(intent), at);
  payFlow(intent$, env.deps).subscribe({
    next: (e) => events.push([env.ts.now(), e]),
    error: (e: unknown) => {
      throw e;
    },
  });
  await env.run(untilMs);
  return { ...env, events, types: events.map(([, e]) => e.type) };
}

const pay = (code = CODE, at = 10): [number, PayIntent][] => [
  [0, { type: 'amount', amount: AMOUNT }],
  [at, { type: 'code', code }],
];
const success: Script = (e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(2)) : status(3) });

describe('payFlow: a sale', () => {
  it('warms the relay on the amount, waits for the code, pays, settles with platform and amount', async () => {
    const r = await runSale(success, pay());
    expect(r.events).toEqual([
      [0, { type: 'awaiting_code', amount: AMOUNT }],
      [10, { type: 'submitting', outTradeNo: expect.stringMatching(/^01000052\d+$/), amount: AMOUNT, attempt: 0 }],
      [110, { type: 'settled', result: { outcome: 'success', outTradeNo: expect.any(String), amount: AMOUNT, platform: 'wechat' } }],
    ]);
    expect(r.timeline[0]).toEqual({ at: 0, what: 'warmup' });
    expect(r.said).toEqual([[110, { kind: 'payment_success', platform: 'wechat', amount: AMOUNT }]]);
    expect(r.calls('brief_query_order')).toHaveLength(0);
  });

  it('sends the request the spec describes', async () => {
    const r = await runSale(success, pay());
    expect(r.calls('brief_micro_pay')[0]?.req).toEqual({
      snCode: 'CPAYSIM_WEB1_SIM0000001',
      outShopId: 'shop1',
      nonce: 'n'.repeat(32),
      outTradeNo: expect.stringMatching(/^01000052/),
      authCode: CODE,
      totalFee: AMOUNT,
      body: '演示店',
      deviceId: 'dev1',
      subTerminalType: 2451,
    });
  });

  it('writes the journal BEFORE the request leaves, with the code masked', async () => {
    const r = await runSale(success, pay());
    const firstCall = r.timeline.findIndex((m) => m.what === 'call' && m.endpoint === 'brief_micro_pay');
    const firstPut = r.timeline.findIndex((m) => m.what === 'put');
    expect(firstPut).toBeGreaterThanOrEqual(0);
    expect(firstPut).toBeLessThan(firstCall);
    const created = r.timeline[firstPut];
    expect(created?.what === 'put' && created.entry).toMatchObject({
      status: 'pending',
      kind: 'micropay',
      amount: AMOUNT,
      history: [{ phase: 'awaiting_code' }],
    });
    // journaled while the customer got the code ready: before the scan, so the scan only signs and sends
    expect(created?.at).toBeLessThan(10);
    // the code's record goes out beside the request (not awaited before it)
    const coded = r.timeline.findIndex((m) => m.what === 'put' && m.entry.maskedCode !== undefined);
    expect(r.timeline[coded]).toMatchObject({ entry: { maskedCode: '1350**********2257', history: [{ phase: 'awaiting_code' }, { phase: 'submitting' }] } });
    expect(JSON.stringify([...r.journal.values()])).not.toContain(CODE);
  });

  it('does not send anything when the journal cannot be written', async () => {
    const r = await runSale(success, pay(), 300_000, { failJournal: true });
    expect(r.calls('brief_micro_pay')).toHaveLength(0);
    expect(r.events.at(-1)?.[1]).toMatchObject({ type: 'settled', result: { outcome: 'failed', reason: 'storage' } });
  });

  it('pays once on a double Enter (amount twice, code twice)', async () => {
    const r = await runSale(success, [
      [0, { type: 'amount', amount: AMOUNT }],
      [1, { type: 'amount', amount: AMOUNT }],
      [10, { type: 'code', code: CODE }],
      [11, { type: 'code', code: CODE }],
      [12, { type: 'amount', amount: AMOUNT }],
    ]);
    expect(r.calls('brief_micro_pay')).toHaveLength(1);
    expect(r.types).toEqual(['awaiting_code', 'submitting', 'settled']);
  });

  it('starts a new sale with a new order number once the previous one settled', async () => {
    const r = await runSale(success, [...pay(), [500, { type: 'amount', amount: AMOUNT }], [510, { type: 'code', code: CODE }]]);
    const numbers = r.calls('brief_micro_pay').map((c) => (c.req as { outTradeNo: string }).outTradeNo);
    expect(numbers).toHaveLength(2);
    expect(new Set(numbers).size).toBe(2);
  });

  it('cancels before the code: nothing sent, the order journaled cancelled; a later code is ignored', async () => {
    const r = await runSale(success, [
      [0, { type: 'amount', amount: AMOUNT }],
      [5, { type: 'cancel' }],
      [10, { type: 'code', code: CODE }],
    ]);
    expect(r.types).toEqual(['awaiting_code', 'cancelled']);
    expect(r.calls('brief_micro_pay')).toHaveLength(0);
    expect([...r.journal.values()].map((e) => [e.status, e.history.map((h) => h.phase)])).toEqual([['cancelled', ['awaiting_code', 'cancelled']]]);
  });

  it('ignores cancel once the code has been accepted', async () => {
    const r = await runSale(
      (e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(2)) : status(3), delayMs: 500 }),
      [...pay(), [20, { type: 'cancel' }]],
    );
    expect(r.types).toEqual(['awaiting_code', 'submitting', 'settled']);
    expect(r.calls('brief_micro_pay')).toHaveLength(1);
  });

  it('refuses codes of impossible shape before sending and keeps waiting', async () => {
    const r = await runSale(success, [
      [0, { type: 'amount', amount: AMOUNT }],
      [5, { type: 'code', code: '6901234' }],
      [10, { type: 'code', code: CODE }],
    ]);
    expect(r.events[1]).toEqual([5, { type: 'code_refused', error: { kind: 'bad_length', length: 7 } }]);
    expect(r.calls('brief_micro_pay').map((c) => c.at)).toEqual([10]);
  });

  it('records what device_report needs: platform, delay from scan to answer, last cts/tsd', async () => {
    const r = await runSale(
      (e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(2, '支付成功')) : status(3), delayMs: 640 }),
      pay('135005875955002257', 1000),
    );
    const entry = [...r.journal.values()][0];
    expect(entry).toMatchObject({ status: 'success', platform: 'wechat', lastState: { platform: 'wechat', cts: 2 } });
    expect(entry?.apiCallingInfos).toEqual([
      {
        outTradeNo: entry?.outTradeNo,
        code: 200,
        status: 0,
        internalStatus: 0,
        delayMs: 640,
        description: '',
        payPlatform: 1,
        orderStatus: 2,
        tradeStateDesc: '支付成功',
      },
    ]);
    expect(entry?.history.map((h) => h.phase)).toEqual(['awaiting_code', 'submitting', 'answered', 'success']);
    // A final answer and its result are ONE journal write after the answer (issue 21), before `settled`.
    const answerAt = 1000 + 640;
    const puts = r.timeline.filter((m) => m.what === 'put' && m.at >= answerAt);
    expect(puts.map((m) => (m.what === 'put' ? m.entry.history.map((h) => h.phase).join(' ') : ''))).toEqual(['awaiting_code submitting answered success']);
  });

  it('refuses to pay when the terminal is not bound, and stays alive for the next sale', async () => {
    const env = payEnv(success);
    let bound = false;
    const deps = {
      ...env.deps,
      terminal: () => {
        if (!bound) throw new Error('not bound');
        return env.deps.terminal();
      },
    };
    const events: PayEvent[] = [];
    const intent$ = new Subject<PayIntent>();
    payFlow(intent$, deps).subscribe((e) => events.push(e));
    for (const [at, i] of [...pay(), [400, { type: 'amount', amount: AMOUNT }], [410, { type: 'code', code: CODE }]] as const) {
      env.ts.schedule(() => {
        if (at === 400) bound = true;
        intent$.next(i);
      }, at);
    }
    await env.run(10_000);
    expect(events.filter((e) => e.type === 'settled').map((e) => e.type === 'settled' && e.result.outcome)).toEqual(['failed', 'success']);
    expect(events[1]).toMatchObject({ result: { reason: 'caller_error', description: 'Error: not bound' } });
    expect(env.calls('brief_micro_pay')).toHaveLength(1);
  });

  it('takes (and persists) the order number when the amount is confirmed, before the scan', async () => {
    const r = await runSale(success, pay(CODE, 5_000));
    const numbered = r.timeline.find((m) => m.what === 'number');
    expect(numbered).toMatchObject({ at: 0 });
    expect(r.calls('brief_micro_pay')[0]).toMatchObject({ at: 5_000, req: { outTradeNo: numbered?.what === 'number' ? numbered.orderNo : '' } });
    const cancelled = await runSale(success, [
      [0, { type: 'amount', amount: AMOUNT }],
      [5, { type: 'cancel' }],
    ]);
    expect(cancelled.timeline.filter((m) => m.what === 'number')).toHaveLength(1); // skipped, never reused
  });

  it('a binding lost between the amount and the code: nothing sent, a failed result, the flow lives on', async () => {
    const env = payEnv(success);
    let bound = true;
    const deps = {
      ...env.deps,
      terminal: () => {
        if (!bound) throw new Error('not bound');
        return env.deps.terminal();
      },
    };
    const events: PayEvent[] = [];
    const intent$ = new Subject<PayIntent>();
    payFlow(intent$, deps).subscribe((e) => events.push(e));
    env.ts.schedule(() => intent$.next({ type: 'amount', amount: AMOUNT }), 0);
    env.ts.schedule(() => {
      bound = false;
      intent$.next({ type: 'code', code: CODE });
    }, 10);
    env.ts.schedule(() => {
      bound = true;
      intent$.next({ type: 'amount', amount: AMOUNT });
    }, 100);
    env.ts.schedule(() => intent$.next({ type: 'code', code: CODE }), 110);
    await env.run(10_000);
    expect(events.filter((e) => e.type === 'settled').map((e) => e.type === 'settled' && e.result.outcome)).toEqual(['failed', 'success']);
    expect(env.calls('brief_micro_pay').map((c) => c.at)).toEqual([110]);
  });
});
