/**
 * pingSeconds decides whether a ping's server time may set the terminal's clock offset (every
 * signed request's timestamp comes from it; cpay refuses a skewed one, 3105); describeOutcome is the
 * line the binding screens and the refund lookup show when a call gave no usable answer.
 */
import { describe, expect, it } from 'vitest';
import type { PingResponse } from '@cpay/protocol';
import type { CallOutcome } from '../../platform/net/ports.js';
import { notSent, reply, status, unknownOutcome } from '../../testing/pay-test-kit.js';
import { describeOutcome, pingSeconds } from './flow-support.js';

const ping = (timestamp: unknown, s = 0): CallOutcome<PingResponse> =>
  reply({ timestamp, status: s, description: '' } as unknown as PingResponse, { status: s });

describe('pingSeconds: only a valid server time from a successful ping', () => {
  it('takes the timestamp of a status-0 ping', () => {
    expect(pingSeconds(ping(1_765_000_000))).toBe(1_765_000_000);
  });

  it('ignores the timestamp of a refused ping (non-zero status)', () => {
    expect(pingSeconds(ping(1_765_000_000, 3))).toBeUndefined();
    expect(pingSeconds(ping(1_765_000_000, 104))).toBeUndefined();
  });

  it('a status-0 ping without a body or without a timestamp gives no time', () => {
    expect(pingSeconds(reply<PingResponse>(undefined))).toBeUndefined();
    expect(pingSeconds(ping(undefined))).toBeUndefined();
  });

  it('rejects a timestamp that is not a positive finite number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1765000000', null])
      expect(pingSeconds(ping(bad)), String(bad)).toBeUndefined();
  });

  it('an unknown or unsent ping gives no time', () => {
    expect(pingSeconds(unknownOutcome())).toBeUndefined();
    expect(pingSeconds(notSent)).toBeUndefined();
  });
});

describe('describeOutcome: why a call gave no usable answer', () => {
  it("a reply: cpay's own description, else its status and internal status", () => {
    expect(describeOutcome(status(104, 3301, '设备未绑定'))).toBe('设备未绑定');
    expect(describeOutcome(status(104, 407, ''))).toBe('status 104/407');
  });

  it('an unknown call: the reason and the detail', () => {
    expect(describeOutcome({ kind: 'unknown', reason: 'timeout', detail: 'no answer in 10 s', durationMs: 10_000 })).toBe('timeout: no answer in 10 s');
  });

  it('an unsent call: the reason and the detail', () => {
    expect(describeOutcome(notSent)).toBe('offline: navigator offline');
  });
});
