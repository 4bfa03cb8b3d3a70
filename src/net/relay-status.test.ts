import { describe, expect, it } from 'vitest';
import { decodeRelayStatus } from './relay-status.js';

describe('decodeRelayStatus', () => {
  it.each([
    ['{"mode":"sandbox","active":"http://127.0.0.1:4000","upstreamReachable":true}', { relay: 'ok', cpay: 'ok', domain: '127.0.0.1:4000', mode: 'sandbox' }],
    ['{"mode":"live","active":"https://sz.pay.qcloud.com","upstreamReachable":false}', { relay: 'ok', cpay: 'down', domain: 'sz.pay.qcloud.com', mode: 'live' }],
    ['{"mode":"live","active":"https://pay.qcloud.com","upstreamReachable":null}', { relay: 'ok', cpay: 'unknown', domain: 'pay.qcloud.com', mode: 'live' }],
    ['{}', { relay: 'ok', cpay: 'unknown' }],
    ['<html>', { relay: 'down', cpay: 'unknown' }],
  ])('%s', (text, expected) => {
    expect(decodeRelayStatus(text)).toEqual(expected);
  });
});
