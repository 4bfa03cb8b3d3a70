import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
const DEV = 'http://dev.example:5173';
let up: FakeUpstream;
let relay: Started;
beforeAll(async () => {
  up = await fakeUpstream((_q, _b, res) => res.end('{"rc":"{}"}'));
  relay = await startRelay({ upstreams: [up.origin], corsOrigins: [DEV] });
});
afterAll(async () => {
  await relay.relay.close();
  await up.close();
});
const forwarded = () => up.received.filter((r) => r.url !== '/cpay/ping').length;

describe('CORS only for configured origins', () => {
  it('answers the preflight of an allowed origin', async () => {
    const res = await fetch(relay.at('/cpay/brief_query_order'), {
      method: 'OPTIONS',
      headers: { origin: DEV, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(DEV);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('forwards for an allowed origin and exposes the relay headers', async () => {
    const before = forwarded();
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF, { 'content-type': 'application/json', origin: DEV });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(DEV);
    expect(r.headers.get('access-control-expose-headers')).toContain('x-relay-outcome');
    expect(forwarded()).toBe(before + 1);
  });

  it('refuses any other origin (preflight and request) without forwarding', async () => {
    const before = forwarded();
    const pre = await fetch(relay.at('/cpay/brief_query_order'), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF, { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.bytes.toString())).toMatchObject({ relay_error: 'origin_denied', outcome: 'not_sent' });
    expect(forwarded()).toBe(before);
  });

  it('always accepts same-origin requests (browsers send Origin on POST) without CORS headers', async () => {
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF, { 'content-type': 'application/json', origin: relay.url.origin });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});
