/** Polling cadence in virtual time: marble tests for pollUntilFinal, timing tests through the pay flow. */
import { EMPTY, Subject, firstValueFrom, map, of, throwError, toArray, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { EndpointName, Fen } from '@cpay/protocol';
import type { PayEvent } from '../payment.js';
import type { CallOutcome, CpayPort } from '../../platform/net/ports.js';
import { UNKNOWN_RESULT_TEXT, decideQuery } from './pay-classify.js';
import { payFlow, type PayIntent } from '../../features/pay/pay-flow.js';
import { ali, micropayState, notSent, payEnv, queryState, reply, status, unknownOutcome, wx, type Script } from '../../testing/pay-test-kit.js';
import { briefProbe, fullProbe, guardedCall, mapOutcomeBody, pollUntilFinal, type Probe } from './poll-order.js';

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

describe('guardedCall: a broken port is an unknown outcome, never a failure', () => {
  const all = <T>(o: Observable<T>) => firstValueFrom(o.pipe(toArray()));

  it('passes the first outcome through and completes', async () => {
    expect(await all(guardedCall(() => of(status(104), status(0))))).toEqual([status(104)]);
  });

  it('a port that throws gives one unknown (garbled) outcome naming the error', async () => {
    const out = await all(guardedCall<never>(() => throwError(() => new Error('boom in codec'))));
    expect(out).toEqual([{ kind: 'unknown', reason: 'garbled', detail: expect.stringContaining('boom in codec'), durationMs: 0 }]);
    const thrown = await all(
      guardedCall<never>(() => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the guard's non-Error branch: a port that throws a string
        throw 'not an Error';
      }),
    );
    expect(thrown).toEqual([{ kind: 'unknown', reason: 'garbled', detail: expect.stringContaining('not an Error'), durationMs: 0 }]);
  });

  it('a port that completes without an outcome gives one unknown (garbled) outcome', async () => {
    expect(await all(guardedCall<never>(() => EMPTY))).toEqual([
      { kind: 'unknown', reason: 'garbled', detail: expect.stringMatching(/without an outcome/), durationMs: 0 },
    ]);
  });
});

describe('mapOutcomeBody', () => {
  it('maps a reply body and keeps the head; a reply without body stays without; other outcomes are untouched', () => {
    expect(mapOutcomeBody(reply({ n: 2 }, { status: 0, description: 'ok' }), (b) => b.n * 10)).toEqual(reply(20, { status: 0, description: 'ok' }));
    const bare = mapOutcomeBody(status(104, 407), () => 1);
    expect(bare).toEqual(status(104, 407));
    expect(bare.kind === 'reply' && 'body' in bare.reply).toBe(false);
    const u = unknownOutcome();
    expect(mapOutcomeBody(u, () => 1)).toBe(u);
    expect(mapOutcomeBody(notSent, () => 1)).toBe(notSent);
  });
});

describe('briefProbe / fullProbe: one query, its decision and its state', () => {
  /** A cpay port answering from a list (last repeats), recording each request. */
  function port(answers: readonly CallOutcome<unknown>[]) {
    const sent: [EndpointName, unknown][] = [];
    const cpay = {
      call: (endpoint: EndpointName, req: unknown) => {
        sent.push([endpoint, req]);
        return of(answers[Math.min(sent.length, answers.length) - 1] ?? status(3));
      },
      warmup: () => undefined,
    } as unknown as CpayPort;
    return { cpay, sent };
  }
  let nonce = 0;
  const briefReq = () => ({ outShopId: 's', nonce: `n${++nonce}`, outTradeNo: 'o1', deviceId: 'd', snCode: 'sn' });
  const fullReq = () => ({ outShopId: 's', nonce: `n${++nonce}`, outTradeNo: 'o2', deviceId: 'd', snCode: 'sn' }) as never;

  it('brief_query_order: a paid state is final and carried; a fresh request (nonce) per query', async () => {
    const { cpay, sent } = port([queryState(wx(1)), queryState(wx(2))]);
    const probe = briefProbe(cpay, briefReq);
    const first = await firstValueFrom(probe());
    expect(first.decision).toEqual({ kind: 'continue', userPaying: false, retryLater: false });
    expect(first.state).toEqual(wx(1));
    const second = await firstValueFrom(probe());
    expect(second).toMatchObject({ decision: { kind: 'final', decision: { kind: 'success', state: wx(2) } }, state: wx(2) });
    expect(sent.map(([e]) => e)).toEqual(['brief_query_order', 'brief_query_order']);
    expect(new Set(sent.map(([, r]) => (r as { nonce: string }).nonce)).size).toBe(2);
  });

  it('an unknown, unsent or refused query has no state and keeps polling (never a result)', async () => {
    for (const o of [unknownOutcome(), unknownOutcome('bad_signature'), notSent, status(104, 407), status(104)]) {
      const p = await firstValueFrom(briefProbe(port([o]).cpay, briefReq)());
      expect(p.outcome).toBe(o);
      expect(p.state).toBeUndefined();
      expect(p.decision).toMatchObject({ kind: 'continue' });
    }
  });

  it('a port that throws is an unknown probe that keeps polling', async () => {
    const cpay = { call: () => throwError(() => new Error('x')), warmup: () => undefined } as unknown as CpayPort;
    const p = await firstValueFrom(briefProbe(cpay, briefReq)());
    expect(p).toMatchObject({ outcome: { kind: 'unknown', reason: 'garbled' }, state: undefined, decision: { kind: 'continue' } });
  });

  it('query_order (scan-code orders) reads order.state', async () => {
    const paid = reply({ order: { state: ali(2), outTradeNo: 'o2' } });
    const { cpay, sent } = port([reply({ order: { state: wx(9) } }), paid]);
    const probe = fullProbe(cpay, fullReq);
    expect(await firstValueFrom(probe())).toMatchObject({ decision: { kind: 'continue', userPaying: true }, state: wx(9) });
    const p = await firstValueFrom(probe());
    expect(p.outcome).toBe(paid);
    expect(p).toMatchObject({ decision: { kind: 'final', decision: { kind: 'success', state: ali(2) } }, state: ali(2) });
    expect(sent.map(([e]) => e)).toEqual(['query_order', 'query_order']);
  });

  it('query_order: "no such order" (WeChat 11) keeps polling, a declined state is final', async () => {
    const gone = await firstValueFrom(fullProbe(port([reply({ order: { state: wx(11) } })]).cpay, fullReq)());
    expect(gone).toMatchObject({ decision: { kind: 'continue', retryLater: false }, state: wx(11) });
    const declined = await firstValueFrom(fullProbe(port([reply({ order: { state: wx(5, '支付失败') } })]).cpay, fullReq)());
    expect(declined.decision).toEqual({ kind: 'final', decision: { kind: 'fail', reason: 'declined', description: '支付失败' } });
  });
});
