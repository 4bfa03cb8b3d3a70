import { describe, expect, it } from 'vitest';
import { decodeRelayStatus } from './relay-status.js';

describe('decodeRelayStatus', () => {
  it.each([
    ['{"mode":"sandbox","active":"http://127.0.0.1:4000","upstreamReachable":true}', { relay: 'ok', cpay: 'ok', domain: '127.0.0.1:4000', mode: 'sandbox' }],
    [
      '{"mode":"live","active":"https://sz.pay.qcloud.com","upstreamReachable":false}',
      { relay: 'ok', cpay: 'down', domain: 'sz.pay.qcloud.com', mode: 'live' },
    ],
    ['{"mode":"live","active":"https://pay.qcloud.com","upstreamReachable":null}', { relay: 'ok', cpay: 'unknown', domain: 'pay.qcloud.com', mode: 'live' }],
    ['{}', { relay: 'ok', cpay: 'unknown' }],
    ['<html>', { relay: 'down', cpay: 'unknown' }],
  ])('%s', (text, expected) => {
    expect(decodeRelayStatus(text)).toEqual(expected);
  });
});

describe('decodeRelayStatus: versions', () => {
  it('reads the relay version and the served app as "version (commit)"', () => {
    const text = JSON.stringify({
      mode: 'live',
      active: 'https://pay.qcloud.com',
      upstreamReachable: true,
      versions: { relay: '0.2.0', app: { version: '0.2.0', commit: 'abc1234', builtAt: 'x' } },
    });
    expect(decodeRelayStatus(text).versions).toEqual({ relay: '0.2.0', app: '0.2.0 (abc1234)' });
  });
  it('no app served, or no versions at all (an older relay)', () => {
    expect(decodeRelayStatus(JSON.stringify({ versions: { relay: '0.2.0', app: null } })).versions).toEqual({ relay: '0.2.0' });
    expect(decodeRelayStatus(JSON.stringify({ mode: 'live' })).versions).toBeUndefined();
    expect(decodeRelayStatus(JSON.stringify({ versions: { relay: 3 } })).versions).toBeUndefined();
  });
});
