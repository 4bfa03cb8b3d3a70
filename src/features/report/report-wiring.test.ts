/**
 * The report wiring's triggers: an order the journal sees become final (a scan-code sale, an
 * order settled by recovery) enqueues that payment and drains, like the end of a checkout sale.
 */
import { describe, expect, it } from 'vitest';
import { NEVER, Subject, asyncScheduler, type Subscription } from 'rxjs';
import type { OutboxPort } from './report-flow.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { reportEvents } from './report-wiring.js';
import { AppSignals } from '../../app/context/signals.js';

function recordingOutbox(calls: string[]): OutboxPort {
  return {
    enqueuePayment: async (no) => {
      calls.push(`enqueue:${no}`);
      return true;
    },
    sweep: async () => {
      calls.push('sweep');
      return 0;
    },
    freeze: async () => undefined,
    confirm: async () => undefined,
    markAttempt: async () => undefined,
    pendingCount: async () => 0,
  };
}

const win = Object.assign(new EventTarget(), { navigator: {} }) as unknown as Window;
const cpay: CpayPort = { call: () => NEVER, warmup: () => undefined };
const settle = () =>
  new Promise<void>((r) => {
    setTimeout(r, 20);
  });

describe('reportEvents triggers', () => {
  it('an order that became final (journal onFinal) enqueues that payment', async () => {
    const calls: string[] = [];
    const finals$ = new Subject<string>();
    const sub: Subscription = reportEvents({
      cpay,
      outbox: recordingOutbox(calls),
      clock: { serverNow: () => 0 },
      scheduler: asyncScheduler,
      signals: new AppSignals(),
      binding: () => undefined,
      appCpayVersion: () => '1.0.0',
      win,
      finals$,
    }).subscribe();
    await settle();
    expect(calls).toEqual(['sweep']);
    finals$.next('0100005255000001');
    finals$.next('0100005255000002');
    await settle();
    expect(calls).toEqual(['sweep', 'enqueue:0100005255000001', 'enqueue:0100005255000002']);
    sub.unsubscribe();
  });

  it('works without a finals stream (older wiring): start-up sweep only', async () => {
    const calls: string[] = [];
    const sub = reportEvents({
      cpay,
      outbox: recordingOutbox(calls),
      clock: { serverNow: () => 0 },
      scheduler: asyncScheduler,
      signals: new AppSignals(),
      binding: () => undefined,
      appCpayVersion: () => '1.0.0',
      win,
    }).subscribe();
    await settle();
    expect(calls).toEqual(['sweep']);
    sub.unsubscribe();
  });

  it("a sale's end sweeps after the result's frame (afterFrame), not in the call that ends the sale", async () => {
    const calls: string[] = [];
    const frames: (() => void)[] = [];
    const signals = new AppSignals();
    const sub = reportEvents({
      cpay,
      outbox: recordingOutbox(calls),
      clock: { serverNow: () => 0 },
      scheduler: asyncScheduler,
      signals,
      binding: () => undefined,
      appCpayVersion: () => '1.0.0',
      win,
      afterFrame: (work) => frames.push(work),
    }).subscribe();
    await settle();
    expect(calls).toEqual(['sweep']); // start-up
    signals.setBusy(true);
    signals.setBusy(false); // the sale settled: the result is being rendered
    await settle();
    expect(calls).toEqual(['sweep']);
    expect(frames).toHaveLength(1);
    frames[0]!();
    await settle();
    expect(calls).toEqual(['sweep', 'sweep']);
    sub.unsubscribe();
  });
});
