/** Polling cadence in virtual time: marble tests for pollUntilFinal, timing tests through the pay flow. */
import { Subject, map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { PayEvent } from '../payment.js';
import type { CallOutcome } from '../../platform/net/ports.js';
import { UNKNOWN_RESULT_TEXT, decideQuery } from './pay-classify.js';
import { payFlow, type PayIntent } from '../../features/pay/pay-flow.js';
import { micropayState, notSent, payEnv, queryState, status, unknownOutcome, wx, type Script } from '../../testing/pay-test-kit.js';
import { pollUntilFinal, type Probe } from './poll-order.js';

const probeOf = (outcome: CallOutcome<unknown>): Probe => ({
  outcome,
  decision: decideQuery(outcome as CallOutcome<{ readonly state?: never }>),
  state: undefined,
});
const KIND = { a: 'continue', b: 'continue', c: 'final' } as const;

describe('pollUntilFinal (marbles)', () => {
  const marbles = (answers: readonly CallOutcome<unknown>[], answerMarble: string, expected: string) => {
    const ts = new TestScheduler((actual, wanted) => expect(actual).toEqual(wanted));
    ts.run(({ cold, expectObservable }) => {
      let n = 0;
      const probe = () => cold(answerMarble, { x: probeOf(answers[Math.min(n++, answers.length - 1)] ?? status(3)) });
      expectObservable(pollUntilFinal(probe, 2000, ts).pipe(map((p) => KIND[p.decision.kind === 'final' ? 'c' : 'a']))).toBe(expected, KIND);
    });
  };

  it('queries 2 s after each reply (not at a fixed rate) and completes on a final state', () => {
    marbles([queryState(wx(1)), queryState(wx(9)), queryState(wx(2))], '100ms (x|)', '2100ms a 2099ms b 2099ms (c|)');
  });

  it('counts the 2 s from a slow reply, too', () => {
    marbles([queryState(wx(1)), queryState(wx(2))], '1500ms (x|)', '3500ms a 3499ms (c|)');
  });

  it('waits 3 s after a 103', () => {
    marbles([status(103), queryState(wx(2))], '100ms (x|)', '2100ms a 3099ms (c|)');
  });

  it('keeps polling through unknown, unsent and non-zero answers', () => {
    marbles([unknownOutcome(), notSent, status(3), status(104), queryState(wx(5))], '100ms (x|)', '2100ms a 2099ms a 2099ms a 2099ms a 2099ms (c|)');
  });
});

async function runPay(script: Script, untilMs = 400_000) {
  const env = payEnv(script);
  const events: [number, PayEvent][] = [];
  const intent$ = new Subject<PayIntent>();
  env.ts.schedule(() => intent$.next({ type: 'amount', amount: 2 as Fen }), 0);
  env.ts.schedule(() => intent$.next({ type: 'code', code: '135005875955002257' }), 10);
  payFlow(intent$, env.deps).subscribe((e) => events.push([env.ts.now(), e]));
  await env.run(untilMs);
  return { ...env, events, queries: env.calls('brief_query_order').map((c) => c.at) };
}

describe('micropay polling timing', () => {
  it('first query 2 s after the micropay reply, then 2 s after each reply', async () => {
    const answers = [300, 50, 700];
    const r = await runPay((e, n) =>
      e === 'brief_micro_pay'
        ? { outcome: micropayState(wx(1)), delayMs: 200 }
        : { outcome: queryState(n < 3 ? wx(1) : wx(2)), delayMs: answers[n - 1] ?? 100 },
    );
    expect(r.queries).toEqual([2210, 2210 + 300 + 2000, 2210 + 300 + 2000 + 50 + 2000]);
    expect(r.events.at(-1)).toEqual([2210 + 300 + 2000 + 50 + 2000 + 700, expect.objectContaining({ type: 'settled' })]);
  });

  it('shows the password wait, announces it once, then success', async () => {
    const r = await runPay((e, n) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(9)) : queryState(n < 3 ? wx(9) : wx(2)) }));
    expect(r.events.map(([, e]) => (e.type === 'polling' ? `polling:${e.userPaying}` : e.type))).toEqual([
      'awaiting_code',
      'submitting',
      'polling:true',
      'settled',
    ]);
    expect(r.said.map(([, s]) => s.kind)).toEqual(['waiting_password', 'payment_success']);
    expect([...r.journal.values()][0]?.history.map((h) => h.phase)).toEqual(['awaiting_code', 'submitting', 'answered', 'polling:user_paying', 'success']);
  });

  it('gives up exactly 2 minutes after the request left, aborting the query in flight, as unknown', async () => {
    const r = await runPay((e) => ({
      outcome: e === 'brief_micro_pay' ? micropayState(wx(1)) : queryState(wx(1)),
      delayMs: e === 'brief_micro_pay' ? 100 : 1000,
    }));
    const last = r.events.at(-1);
    expect(last).toEqual([
      120_010,
      { type: 'settled', result: { outcome: 'unknown', outTradeNo: expect.any(String), amount: 2, description: UNKNOWN_RESULT_TEXT } },
    ]);
    expect(r.queries.every((t) => t < 120_010)).toBe(true);
    expect(r.timeline.some((m) => m.what === 'abort' && m.at === 120_010)).toBe(true);
    expect(r.calls().filter((c) => c.at > 120_010)).toEqual([]);
    expect([...r.journal.values()][0]).toMatchObject({ status: 'unknown', description: UNKNOWN_RESULT_TEXT });
  });

  it('a hung brief_micro_pay is cut at the give-up too (the order stays unknown, never failed)', async () => {
    const r = await runPay(() => ({ hang: true }));
    expect(r.events.at(-1)?.[0]).toBe(120_010);
    expect(r.events.at(-1)?.[1]).toMatchObject({ type: 'settled', result: { outcome: 'unknown' } });
  });

  it('a late success within the window wins; the refunded state fails with its description', async () => {
    const late = await runPay((e, n) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(1)) : queryState(n < 50 ? wx(1) : wx(2)) }));
    expect(late.events.at(-1)?.[1]).toMatchObject({ result: { outcome: 'success' } });
    const refunded = await runPay((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(1)) : queryState(wx(4, '已转入退款')) }));
    expect(refunded.events.at(-1)?.[1]).toMatchObject({ result: { outcome: 'failed', reason: 'refunded', description: '已转入退款' } });
  });
});
