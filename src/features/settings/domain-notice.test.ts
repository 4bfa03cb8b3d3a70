import { Subject, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { decodeRelayStatus } from '../../platform/net/relay-status.js';
import { domainNotice$, domainReasonKey, watchRelayDomain, type DomainNotice } from './domain-notice.js';
import type { RelayState } from '../../app/context/signals.js';

const NOW = Date.parse('2026-12-07T04:00:00Z');
const base: RelayState = { relay: 'ok', cpay: 'ok', domain: 'pay.qcloud.com', mode: 'live' };

function run(states: RelayState[], advanceMs = 0) {
  const sched = new VirtualTimeScheduler();
  const relay$ = new Subject<RelayState>();
  const seen: (DomainNotice | undefined)[] = [];
  domainNotice$(relay$, () => NOW, sched, 60_000).subscribe((n) => seen.push(n));
  for (const s of states) relay$.next(s);
  if (advanceMs) {
    sched.maxFrames = advanceMs;
    sched.flush();
  }
  return seen;
}

describe('domain fail-over notice', () => {
  it('a switch in /relay/status shows who, where and why; it disappears after a minute', () => {
    const switched: RelayState = {
      ...base,
      domain: 'sz.pay.qcloud.com',
      switched: { from: 'pay.qcloud.com', to: 'sz.pay.qcloud.com', reason: 'connect_refused', at: new Date(NOW - 1000).toISOString() },
    };
    expect(run([base, switched])).toEqual([undefined, { from: 'pay.qcloud.com', to: 'sz.pay.qcloud.com', reason: 'connect_refused' }]);
    expect(run([base, switched], 61_000).at(-1)).toBeUndefined();
  });

  it('a new host in x-relay-domain shows at once; the reason is added when the status arrives', () => {
    const viaHeader: RelayState = { ...base, domain: 'sz.pay.qcloud.com' };
    const withReason: RelayState = {
      ...viaHeader,
      switched: { from: 'pay.qcloud.com', to: 'sz.pay.qcloud.com', reason: 'connect_timeout', at: new Date(NOW - 200_000).toISOString() },
    };
    expect(run([base, viaHeader, withReason])).toEqual([
      undefined,
      { from: 'pay.qcloud.com', to: 'sz.pay.qcloud.com', reason: '' },
      { from: 'pay.qcloud.com', to: 'sz.pay.qcloud.com', reason: 'connect_timeout' },
    ]);
  });

  it('says nothing for the first domain learnt, nor for a switch made long before the app started', () => {
    const old: RelayState = {
      ...base,
      switched: { from: 'sz.pay.qcloud.com', to: 'pay.qcloud.com', reason: 'recovered', at: new Date(NOW - 3_600_000).toISOString() },
    };
    expect(run([{ relay: 'unknown', cpay: 'unknown' }, base, old, old])).toEqual([undefined]);
  });

  it('maps relay reasons to shop words', () => {
    expect(domainReasonKey('connect_refused')).toBe('status.domainReason.connect_refused');
    expect(domainReasonKey('ping answered HTTP 502')).toBe('status.domainReason.probe');
    expect(domainReasonKey('recovered')).toBe('status.domainReason.recovered');
    expect(domainReasonKey('whatever')).toBe('status.domainReason.other');
  });

  it('decodes lastSwitch from /relay/status as hosts, and ignores a malformed one', () => {
    const text = JSON.stringify({
      mode: 'live',
      active: 'https://sz.pay.qcloud.com',
      upstreamReachable: true,
      lastSwitch: { from: 'https://pay.qcloud.com', to: 'https://sz.pay.qcloud.com', reason: 'dns', at: '2026-12-07T04:00:00.000Z' },
    });
    expect(decodeRelayStatus(text).switched).toEqual({ from: 'pay.qcloud.com', to: 'sz.pay.qcloud.com', reason: 'dns', at: '2026-12-07T04:00:00.000Z' });
    expect(decodeRelayStatus('{"lastSwitch":{"from":1}}').switched).toBeUndefined();
    expect(decodeRelayStatus('{"lastSwitch":null}').switched).toBeUndefined();
  });

  it('watchRelayDomain reports the x-relay-domain of every answer and passes the response through', async () => {
    const hosts: string[] = [];
    const f = watchRelayDomain(
      async () => new Response('{}', { headers: { 'x-relay-domain': 'sh.pay.qcloud.com' } }),
      (h) => hosts.push(h),
    );
    const res = await f('/cpay/x', {});
    expect(await res.text()).toBe('{}');
    await watchRelayDomain(
      async () => new Response('{}'),
      (h) => hosts.push(h),
    )('/relay/status', {});
    expect(hosts).toEqual(['sh.pay.qcloud.com']);
  });
});
