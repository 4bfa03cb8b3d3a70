import { of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { bootFlow, type BootDeps, type BootEvent, type BootInput } from './boot-flow.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { BINDING, notSent, pingAt, reply, scriptedCpay, testClock, type Script } from '../../testing/flow-test-kit.js';

const newScheduler = () => new TestScheduler((a, b) => expect(a).toEqual(b));

function setup(ts: TestScheduler, script: Script, binding: BindingRecord | null = BINDING) {
  const cpay = scriptedCpay(ts, script);
  const clock = testClock(ts);
  const deps: BootDeps = {
    cpay,
    clock,
    scheduler: ts,
    loadBinding: () => of(binding ?? undefined),
    proveKey: (n) => of(`H(${n})`),
    nonce: () => 'abcd1234',
  };
  return { cpay, clock, deps };
}

/** Runs the flow to completion in virtual time and returns [time, event] pairs. */
function runBoot(script: Script, binding: BindingRecord | null = BINDING, input$ = of<BootInput>({ type: 'start' })) {
  const ts = newScheduler();
  const events: [number, BootEvent][] = [];
  let env!: ReturnType<typeof setup>;
  ts.run(({ flush }) => {
    env = setup(ts, script, binding);
    bootFlow(input$, env.deps).subscribe((e) => events.push([ts.now(), e]));
    flush();
  });
  return { events, ...env };
}

describe('bootFlow', () => {
  it('pings, syncs the clock, checks the binding and is ready', () => {
    const { events, cpay, clock } = runBoot((e) => ({ outcome: e === 'ping' ? pingAt(1_700_000_000) : reply({}) }));
    expect(events.map(([, e]) => e.type)).toEqual(['pinging', 'synced', 'checking', 'ready']);
    const check = cpay.calls.find((c) => c.endpoint === 'check_bill_device_bind_info');
    expect(check?.req).toMatchObject({ snCode: BINDING.sn, outShopId: 'shop', deviceId: 'dev', nonce: 'abcd1234', hashContent: 'H(abcd1234)' });
    // every timestamp uses the server clock: the check left at local 100 ms, server ≈ 1_700_000_000.5 s
    expect((check?.req as { timestamp: number }).timestamp).toBe(1_700_000_000);
    expect(Math.floor(clock.serverNow() / 1000)).toBe(1_700_000_000);
  });

  it('reports unbound without calling check when nothing is stored', () => {
    const { events, cpay } = runBoot(() => ({ outcome: pingAt(1_700_000_000) }), null);
    expect(cpay.calls.map((c) => c.endpoint)).toEqual(['ping']);
    expect(events.map(([, e]) => e.type)).toEqual(['pinging', 'synced', 'unbound']);
  });

  it.each([
    [3303, 'key_mismatch'],
    [3302, 'bound_elsewhere'],
    [3301, 'unbound'],
    [9999, 'rejected'],
  ])("check failing with internal_status %i reports %s with cpay's description", (internalStatus, failure) => {
    const { events } = runBoot((e) => ({ outcome: e === 'ping' ? pingAt(1) : reply(undefined, { status: 104, internalStatus, description: '说明' }) }));
    expect(events.at(-1)?.[1]).toEqual({ type: 'check_failed', failure, description: '说明', binding: BINDING });
  });

  it('retries an unreachable cpay with capped backoff, in virtual time', () => {
    const { events, cpay } = runBoot((e, _r, n) => ({ outcome: e === 'ping' && n <= 8 ? notSent : e === 'ping' ? pingAt(1) : reply({}) }));
    const waits = events.flatMap(([, e]) => (e.type === 'unreachable' ? [e.retryInMs] : []));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    const pings = cpay.calls.filter((c) => c.endpoint === 'ping').map((c) => c.at);
    // each ping answers after 100 ms, then the backoff delay runs
    expect(pings.slice(0, 4)).toEqual([0, 1_100, 3_200, 7_300]);
    expect(events.at(-1)?.[1].type).toBe('ready');
  });

  it('retries the check itself when its outcome is unknown', () => {
    const { events } = runBoot((e, _r, n) => ({
      outcome: e === 'ping' ? pingAt(1) : n === 1 ? { kind: 'unknown', reason: 'timeout', detail: 't', durationMs: 1 } : reply({}),
    }));
    expect(events.map(([, e]) => e.type)).toEqual(['pinging', 'synced', 'checking', 'unreachable', 'pinging', 'synced', 'checking', 'ready']);
  });

  it('a new start drops the pending retry timer (switchMap) and starts over', () => {
    const ts = newScheduler();
    ts.run(({ cold, flush }) => {
      const env = setup(ts, (e, _r, n) => ({ outcome: e !== 'ping' ? reply({}) : n === 1 ? notSent : pingAt(1) }));
      const starts = cold<BootInput>('a 499ms b', { a: { type: 'start' }, b: { type: 'start' } });
      const types: string[] = [];
      bootFlow(starts, env.deps).subscribe((e) => types.push(`${ts.now()}:${e.type}`));
      flush();
      // the first attempt failed at 100 and waited 1 s; the restart at 500 pings at once
      expect(env.cpay.calls.filter((c) => c.endpoint === 'ping').map((c) => c.at)).toEqual([0, 500]);
      expect(types.at(-1)).toBe('700:ready');
    });
  });
});
