import { of, throwError, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { bindFlow, type BindDeps, type BindEvent, type BindInput } from './bind-flow.js';
import { BINDING, notSent, pingAt, reply, scriptedCpay, testClock, type Script } from '../../testing/flow-test-kit.js';

const QR = { activator: 'p9fa01zex4mi', token: '8azip8115bq', ttlSeconds: 10, miniProgramUrl: 'https://mp.example/entry', intervalSeconds: 1 };
const ACTIVATED = { activated: true, ...BINDING, authenType: 1, eAuthenKey: 'AQID' };
const ACTIVATED_REPLY = reply(ACTIVATED);

/** Ping ok, generate ok, then `poll(n)` answers the n-th get_bill_device_bind_info; check ok. */
const scriptWith =
  (poll: (n: number) => ReturnType<Script>, qr = QR): Script =>
  (endpoint, _req, n) => {
    if (endpoint === 'ping') return { outcome: pingAt(1_700_000_000) };
    if (endpoint === 'generate_bill_device_bind_qr_code') return { outcome: reply(qr) };
    if (endpoint === 'get_bill_device_bind_info') return poll(n);
    return { outcome: reply({}) };
  };

function runBind(
  script: Script,
  inputs: (cold: TestScheduler['createColdObservable']) => Observable<BindInput> = () => of({ type: 'start' }),
  adoptError?: Error,
) {
  const ts = new TestScheduler((a, b) => expect(a).toEqual(b));
  const events: [number, BindEvent][] = [];
  const announced: string[] = [];
  const adopted: unknown[] = [];
  const cpay = scriptedCpay(ts, script);
  ts.run(({ cold, flush }) => {
    const deps: BindDeps = {
      cpay,
      clock: testClock(ts),
      scheduler: ts,
      appCpayVersion: '1.0.0',
      sn: () => of(BINDING.sn),
      nonce: () => 'n0nce123',
      buildQrUrl: (p) => of(`${p.miniProgramUrl}?ac=${p.activator}&rs=${p.nonce}`),
      adopt: (sn, info) => {
        adopted.push({ sn, info });
        return adoptError ? throwError(() => adoptError) : of(BINDING);
      },
      proveKey: (n) => of(`H(${n})`),
      announce: (w) => announced.push(w),
    };
    bindFlow(inputs(cold), deps).subscribe((e) => events.push([ts.now(), e]));
    flush();
  });
  const polls = cpay.calls.filter((c) => c.endpoint === 'get_bill_device_bind_info');
  return { events, types: events.map(([, e]) => e.type).filter((t) => t !== 'countdown'), polls, cpay, announced, adopted };
}

describe('bindFlow', () => {
  it('shows the QR, polls until activated, stores, confirms and announces', () => {
    const r = runBind(scriptWith((n) => ({ outcome: reply(n < 3 ? { activated: false } : ACTIVATED) })));
    expect(r.types).toEqual(['syncing', 'requesting', 'qr', 'activated', 'storing', 'confirming', 'bound']);
    expect(r.events.find(([, e]) => e.type === 'qr')?.[1]).toEqual({ type: 'qr', url: 'https://mp.example/entry?ac=p9fa01zex4mi&rs=n0nce123', ttlSeconds: 10 });
    expect(r.announced).toEqual(['bound']);
    expect(r.adopted).toEqual([{ sn: BINDING.sn, info: ACTIVATED }]);
    expect(r.events.at(-1)?.[1]).toEqual({ type: 'bound', binding: BINDING, confirmed: true });
  });

  it('honours interval: the next poll starts `interval` s after each reply', () => {
    const r = runBind(
      scriptWith((n) => ({ outcome: reply(n < 4 ? { activated: false } : ACTIVATED), delayMs: n === 2 ? 700 : 100 }), { ...QR, intervalSeconds: 2 }),
    );
    const t0 = r.polls[0]?.at ?? 0;
    // replies take 100 ms (700 ms for the 2nd); each next poll starts 2000 ms after the reply
    expect(r.polls.map((p) => p.at - t0)).toEqual([0, 2_100, 4_800, 6_900]);
  });

  it('stops polling at ttl, stops the countdown and reports expired', () => {
    const r = runBind(scriptWith(() => ({ outcome: reply({ activated: false }) })));
    const t0 = r.polls[0]?.at ?? 0;
    expect(r.types.at(-1)).toBe('expired');
    const expiredAt = r.events.find(([, e]) => e.type === 'expired')?.[0];
    expect(expiredAt).toBe(t0 + 10_000);
    expect(r.polls.every((p) => p.at < t0 + 10_000)).toBe(true);
    expect(r.polls).toHaveLength(10); // at 0, 1.1, 2.2 … 9.9 s; the one in flight at 10 s is torn down
    expect(r.polls.at(-1)?.tornDown).toBe(t0 + 10_000);
    const countdown = r.events.flatMap(([, e]) => (e.type === 'countdown' ? [e.remainingSeconds] : []));
    expect(countdown[0]).toBe(10);
    expect(countdown.at(-1)).toBeGreaterThanOrEqual(0);
  });

  it('retries network errors with bounded backoff and never polls past ttl', () => {
    const r = runBind(
      scriptWith(() => ({ outcome: notSent })),
      () => of({ type: 'start' }),
    );
    const t0 = r.polls[0]?.at ?? 0;
    const waits = r.events.flatMap(([, e]) => (e.type === 'retrying' ? [e.retryInMs] : []));
    expect(waits.slice(0, 3)).toEqual([1_000, 2_000, 4_000]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8_000);
    expect(r.polls.map((p) => p.at - t0)).toEqual([0, 1_100, 3_200, 7_300]);
    // the 4th failure at 7.4 s would wait 8 s; it is cut to the 2.6 s left and the ttl ends it
    expect(r.types.at(-1)).toBe('expired');
  });

  it('cancel tears everything down: the in-flight poll is unsubscribed and nothing follows', () => {
    const r = runBind(
      scriptWith(() => ({ outcome: reply({ activated: false }), delayMs: 500 })),
      (cold) => cold<BindInput>('a 1999ms c', { a: { type: 'start' }, c: { type: 'cancel' } }),
    );
    const last = r.events.at(-1);
    expect(last).toEqual([2_000, { type: 'cancelled' }]);
    expect(r.cpay.calls.every((c) => c.at < 2_000)).toBe(true);
    const inFlight = r.polls.filter((p) => !p.done);
    expect(inFlight).toHaveLength(1);
    expect(inFlight[0]?.tornDown).toBe(2_000);
  });

  it('a new start replaces the running session (new QR)', () => {
    const r = runBind(
      scriptWith(() => ({ outcome: reply({ activated: false }) })),
      (cold) => cold<BindInput>('a 1999ms a', { a: { type: 'start' } }),
    );
    expect(r.types.filter((t) => t === 'qr')).toHaveLength(2);
    expect(r.cpay.calls.filter((c) => c.endpoint === 'generate_bill_device_bind_qr_code').map((c) => c.at)).toEqual([100, 2_100]);
  });

  it('gives up generating after bounded retries', () => {
    const r = runBind((e) => ({ outcome: e === 'ping' ? pingAt(1) : notSent }));
    expect(r.cpay.calls.filter((c) => c.endpoint === 'generate_bill_device_bind_qr_code')).toHaveLength(4);
    expect(r.events.at(-1)?.[1]).toMatchObject({ type: 'failed', stage: 'generate' });
  });

  it('keeps the binding but says so when the confirmation cannot reach cpay', () => {
    const base = scriptWith(() => ({ outcome: reply(ACTIVATED) }));
    const r = runBind((e, req, n) => (e === 'check_bill_device_bind_info' ? { outcome: notSent } : base(e, req, n)));
    expect(r.cpay.calls.filter((c) => c.endpoint === 'check_bill_device_bind_info')).toHaveLength(3);
    expect(r.events.at(-1)?.[1]).toEqual({ type: 'bound', binding: BINDING, confirmed: false });
  });

  /** A refusal head: `reply()` with no body. */
  const refusal = (status: number, internalStatus: number, description: string) => reply(undefined, { status, internalStatus, description });
  const at = (r: ReturnType<typeof runBind>, type: BindEvent['type']) => r.events.filter(([, e]) => e.type === type).map(([t]) => t);

  it('sends the QR token, nonce and server-time stamp with each poll, and proves the key in the check', () => {
    const r = runBind(scriptWith((n) => ({ outcome: reply(n < 2 ? { activated: false } : ACTIVATED) })));
    const poll = r.polls[0]?.req as { timestamp: number };
    expect(poll).toEqual({ snCode: BINDING.sn, token: '8azip8115bq', nonce: 'n0nce123', timestamp: poll.timestamp });
    // the clock was synced to server second 1_700_000_000 a moment before
    expect(poll.timestamp).toBeGreaterThanOrEqual(1_700_000_000);
    expect(poll.timestamp).toBeLessThanOrEqual(1_700_000_001);
    const check = r.cpay.calls.find((c) => c.endpoint === 'check_bill_device_bind_info')?.req as { timestamp: number };
    expect(check).toEqual({
      snCode: BINDING.sn,
      outShopId: BINDING.outShopId,
      deviceId: BINDING.deviceId,
      nonce: 'n0nce123',
      hashContent: 'H(n0nce123)',
      timestamp: check.timestamp,
    });
    expect(check.timestamp).toBeGreaterThanOrEqual(1_700_000_001);
    expect(check.timestamp).toBeLessThanOrEqual(1_700_000_003);
  });

  it('moves on as soon as the shop activates: no waiting for the ttl, the countdown stops', () => {
    const r = runBind(scriptWith((n) => ({ outcome: reply(n < 3 ? { activated: false } : ACTIVATED) })));
    const answered = (r.polls[2]?.at ?? 0) + 100;
    expect(at(r, 'activated')).toEqual([answered]);
    expect(r.events.filter(([t, e]) => e.type === 'countdown' && t > answered)).toEqual([]);
    const countdown = r.events.flatMap(([, e]) => (e.type === 'countdown' ? [e.remainingSeconds] : []));
    expect(countdown).toEqual([10, 9, 8]);
  });

  it('the ttl alone ends the countdown: never below 0, nothing after the ttl, whatever ttl cpay gives', () => {
    // The QR phase ends at the ttl (takeUntil), one second before a countdown tick could go below
    // 0; a ttl of 0 or less ends it before the first tick. (The countdown needs no stop of its own.)
    for (const [ttlSeconds, expected] of [
      [3, [3, 2, 1]],
      [1, [1]],
      [0, []],
      [-2, []],
    ] as const) {
      const r = runBind(scriptWith(() => ({ outcome: reply({ activated: false }) }), { ...QR, ttlSeconds }));
      const qrAt = r.events.find(([, e]) => e.type === 'qr')?.[0] ?? NaN;
      const ticks = r.events.filter(([, e]) => e.type === 'countdown');
      expect(ticks.map(([, e]) => (e.type === 'countdown' ? e.remainingSeconds : NaN))).toEqual(expected);
      expect(ticks.map(([t]) => t - qrAt)).toEqual(expected.map((_, i) => i * 1000));
      expect(r.events.at(-1)).toEqual([qrAt + Math.max(0, ttlSeconds) * 1000, { type: 'expired' }]);
    }
  });

  it('counts the QR lifetime down second by second', () => {
    const r = runBind(scriptWith(() => ({ outcome: reply({ activated: false }) })));
    const countdown = r.events.flatMap(([, e]) => (e.type === 'countdown' ? [e.remainingSeconds] : []));
    expect(countdown.slice(0, 10)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('retries a poll answered "unknown" (3) or "retry later" (103) instead of ending the binding', () => {
    const r = runBind(
      scriptWith((n) => ({
        outcome: n === 1 ? refusal(3, 0, '系统繁忙') : n === 2 ? refusal(103, 0, '') : n === 3 ? reply({ activated: false }) : ACTIVATED_REPLY,
      })),
    );
    expect(r.events.flatMap(([, e]) => (e.type === 'retrying' ? [[e.stage, e.detail, e.retryInMs]] : []))).toEqual([
      ['poll', '系统繁忙', 1_000],
      ['poll', 'status 103/0', 2_000],
    ]);
    const t0 = r.polls[0]?.at ?? 0;
    // after a good answer the failures count restarts: the next poll is `interval` (1 s) later again
    expect(r.polls.map((p) => p.at - t0)).toEqual([0, 1_100, 3_200, 4_300]);
    expect(r.types.at(-1)).toBe('bound');
  });

  it('cuts the last backoff to the time the QR has left', () => {
    const r = runBind(scriptWith(() => ({ outcome: notSent })));
    const waits = r.events.flatMap(([, e]) => (e.type === 'retrying' ? [e.retryInMs] : []));
    expect(waits).toEqual([1_000, 2_000, 4_000, 2_600]);
  });

  it('ends at once, with one "expired", when cpay says the QR has expired', () => {
    const r = runBind(scriptWith((n) => ({ outcome: n === 1 ? reply({ activated: false }) : refusal(1, 3402, 'qrcode expired') })));
    const answered = (r.polls[1]?.at ?? 0) + 100;
    expect(r.types.filter((t) => t === 'expired')).toHaveLength(1);
    expect(r.events.at(-1)).toEqual([answered, { type: 'expired' }]);
    expect(r.polls).toHaveLength(2);
  });

  it("ends with cpay's own words when it refuses the binding, and says nothing more", () => {
    const r = runBind(scriptWith(() => ({ outcome: refusal(2, 3999, '设备已停用') })));
    const answered = (r.polls[0]?.at ?? 0) + 100;
    expect(r.events.at(-1)).toEqual([answered, { type: 'failed', stage: 'poll', description: '设备已停用' }]);
    expect(r.types.filter((t) => t === 'expired' || t === 'failed')).toHaveLength(1);
    expect(r.polls).toHaveLength(1);
    expect(r.adopted).toEqual([]);
  });

  it('reports a refused confirmation as failed (no retry, nothing announced)', () => {
    const base = scriptWith(() => ({ outcome: reply(ACTIVATED) }));
    const r = runBind((e, req, n) => (e === 'check_bill_device_bind_info' ? { outcome: refusal(2, 3302, '设备已绑定到其他门店') } : base(e, req, n)));
    expect(r.cpay.calls.filter((c) => c.endpoint === 'check_bill_device_bind_info')).toHaveLength(1);
    expect(r.events.at(-1)?.[1]).toEqual({ type: 'failed', stage: 'confirm', description: '设备已绑定到其他门店' });
    expect(r.announced).toEqual([]);
  });

  it('says it is retrying the confirmation while cpay cannot be reached', () => {
    const base = scriptWith(() => ({ outcome: reply(ACTIVATED) }));
    const r = runBind((e, req, n) => (e === 'check_bill_device_bind_info' ? { outcome: notSent } : base(e, req, n)));
    expect(r.events.flatMap(([, e]) => (e.type === 'retrying' ? [e.stage] : []))).toEqual(['confirm', 'confirm']);
  });

  it('reports a key that cannot be stored as a failed "store" step', () => {
    const r = runBind(
      scriptWith(() => ({ outcome: reply(ACTIVATED) })),
      () => of({ type: 'start' }),
      new Error('storage full'),
    );
    expect(r.events.at(-1)?.[1]).toEqual({ type: 'failed', stage: 'store', description: 'storage full' });
    expect(r.cpay.calls.filter((c) => c.endpoint === 'check_bill_device_bind_info')).toHaveLength(0);
  });

  it('never takes a refused answer as activated, even when it carries an activated body', () => {
    const r = runBind(scriptWith(() => ({ outcome: reply(ACTIVATED, { status: 2, internalStatus: 3999, description: '拒绝' }) })));
    expect(r.events.at(-1)?.[1]).toEqual({ type: 'failed', stage: 'poll', description: '拒绝' });
    expect(r.adopted).toEqual([]);
  });

  it('keeps waiting on a status-0 answer without a body', () => {
    const r = runBind(scriptWith((n) => ({ outcome: n === 1 ? reply() : ACTIVATED_REPLY })));
    expect(r.polls).toHaveLength(2);
    expect(r.types.at(-1)).toBe('bound');
  });

  // obtainQr (bind-steps.ts): the ping and QR request before the flow above.
  it('retries a failed time sync before asking for a QR', () => {
    const base = scriptWith(() => ({ outcome: ACTIVATED_REPLY }));
    const r = runBind((e, req, n) => (e === 'ping' && n === 1 ? { outcome: notSent } : base(e, req, n)));
    expect(r.cpay.calls.filter((c) => c.endpoint === 'ping')).toHaveLength(2);
    expect(r.events.flatMap(([, e]) => (e.type === 'retrying' ? [[e.stage, e.detail]] : []))).toEqual([
      ['sync', 'upstream_unreachable: relay 502 connect_refused'],
    ]);
    expect(r.types.at(-1)).toBe('bound');
  });

  it('asks for the QR with the sn, app version, nonce and server-time stamp', () => {
    const r = runBind(scriptWith(() => ({ outcome: ACTIVATED_REPLY })));
    const req = r.cpay.calls.find((c) => c.endpoint === 'generate_bill_device_bind_qr_code')?.req as { timestamp: number };
    expect(req).toEqual({ snCode: BINDING.sn, appCpayVersion: '1.0.0', nonce: 'n0nce123', timestamp: req.timestamp });
    expect(req.timestamp).toBeGreaterThanOrEqual(1_700_000_000);
    expect(req.timestamp).toBeLessThanOrEqual(1_700_000_001);
  });

  it("retries a QR request answered 3 or 103, and ends at once with cpay's words on a refusal (even one with a body)", () => {
    const answers = [refusal(3, 0, '系统繁忙'), refusal(103, 0, '稍后重试')];
    const base = scriptWith(() => ({ outcome: ACTIVATED_REPLY }));
    const retried = runBind((e, req, n) => (e === 'generate_bill_device_bind_qr_code' && n <= 2 ? { outcome: answers[n - 1] ?? notSent } : base(e, req, n)));
    expect(retried.events.flatMap(([, e]) => (e.type === 'retrying' ? [[e.stage, e.detail]] : []))).toEqual([
      ['generate', '系统繁忙'],
      ['generate', '稍后重试'],
    ]);
    expect(retried.types.at(-1)).toBe('bound');
    const refused = runBind((e, req, n) =>
      e === 'generate_bill_device_bind_qr_code' ? { outcome: reply(QR, { status: 2, internalStatus: 3999, description: '商户未开通' }) } : base(e, req, n),
    );
    expect(refused.cpay.calls.filter((c) => c.endpoint === 'generate_bill_device_bind_qr_code')).toHaveLength(1);
    expect(refused.events.at(-1)?.[1]).toEqual({ type: 'failed', stage: 'generate', description: '商户未开通' });
    expect(refused.types).not.toContain('qr');
  });
});
