import type { LookupFunction } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyUpstreamError } from '../src/errors.js';
import { deadOrigin, eventually, fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
const ups: FakeUpstream[] = [];
let relay: Started | undefined;
afterEach(async () => {
  await relay?.relay.close();
  await Promise.all(ups.splice(0).map((u) => u.close()));
  relay = undefined;
});
async function upstream(h: Parameters<typeof fakeUpstream>[0]): Promise<FakeUpstream> {
  const u = await fakeUpstream(h);
  ups.push(u);
  return u;
}
const body = (b: Buffer) => JSON.parse(b.toString()) as Record<string, unknown>;
const calls = (u: FakeUpstream) => u.received.filter((r) => r.url !== '/cpay/ping').length;

describe('honest outcomes for failed exchanges', () => {
  it('504 + outcome unknown when cpay does not answer in time; never resent to another domain', async () => {
    const hung = await upstream(() => {});
    const spare = await upstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [hung.origin, spare.origin], timeoutMs: 300 });
    const started = performance.now();
    const r = await post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    expect(performance.now() - started).toBeLessThan(2000); // the 300 ms deadline, not the 10 s default
    expect(r.status).toBe(504);
    expect(r.headers.get('x-relay-outcome')).toBe('unknown');
    expect(body(r.bytes)).toMatchObject({ relay_error: 'upstream_timeout', outcome: 'unknown' });
    expect(String(body(r.bytes).message)).toMatch(/may have been processed/);
    expect(calls(hung)).toBe(1);
    expect(calls(spare)).toBe(0);
  });

  it('502 upstream_reset + unknown when the connection breaks after the request was sent', async () => {
    const resetting = await upstream((req) => req.socket.destroy());
    const spare = await upstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [resetting.origin, spare.origin] });
    const r = await post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    expect(r.status).toBe(502);
    expect(body(r.bytes)).toMatchObject({ relay_error: 'upstream_reset', outcome: 'unknown' });
    expect(r.headers.get('x-relay-outcome')).toBe('unknown');
    expect(calls(resetting)).toBe(1);
    expect(calls(spare)).toBe(0);
  });

  it('an answer cut off mid-body is never passed on as a truncated 200: 502 upstream_reset, unknown', async () => {
    const cutting = await upstream((_q, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"rc":"{\\"s\\":0');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    relay = await startRelay({ upstreams: [cutting.origin] });
    const r = await post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    expect(r.status).toBe(502);
    expect(body(r.bytes)).toMatchObject({ relay_error: 'upstream_reset', outcome: 'unknown' });
  });

  it('502 connect_refused + not_sent when no domain accepts the connection', async () => {
    relay = await startRelay({ upstreams: [await deadOrigin(), await deadOrigin()] });
    const r = await post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    expect(r.status).toBe(502);
    expect(r.headers.get('x-relay-outcome')).toBe('not_sent');
    expect(body(r.bytes)).toMatchObject({ relay_error: 'connect_refused', outcome: 'not_sent' });
    expect(String(body(r.bytes).message)).toMatch(/2 domains tried/);
  });

  it('502 dns + not_sent when the domain name does not resolve', async () => {
    relay = await startRelay({ upstreams: ['http://cpay-relay-test.invalid'] });
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(r.status).toBe(502);
    expect(body(r.bytes)).toMatchObject({ relay_error: 'dns', outcome: 'not_sent' });
  });

  it('502 connect_timeout + not_sent when connecting takes too long (injected slow lookup)', async () => {
    const slow: LookupFunction = (_host, _opts, cb) => {
      setTimeout(() => (cb as (e: null, a: string, f: number) => void)(null, '10.255.255.1', 4), 2000).unref();
    };
    relay = await startRelay({ upstreams: ['http://never.example:81'], connectTimeoutMs: 150, lookup: slow });
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(r.status).toBe(502);
    expect(body(r.bytes)).toMatchObject({ relay_error: 'connect_timeout', outcome: 'not_sent' });
  });

  it('the timeout bounds the whole call: a request still waiting for a connection is not_sent, never sent later', async () => {
    const never: LookupFunction = () => {};
    const domains = ['http://a.example:81', 'http://b.example:81', 'http://c.example:81'];
    relay = await startRelay({ upstreams: domains, connectTimeoutMs: 60_000, timeoutMs: 300, lookup: never });
    const started = performance.now();
    const r = await post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.status).toBe(502);
    expect(body(r.bytes)).toMatchObject({ relay_error: 'connect_timeout', outcome: 'not_sent' });
  });

  it('a request queued behind a busy connection that times out is not_sent, and is not sent afterwards', async () => {
    const slow = await upstream((_q, _b, res) => {
      setTimeout(() => res.end('{}'), 600);
    });
    relay = await startRelay({ upstreams: [slow.origin], upstreamConnections: 1, timeoutMs: 300 });
    await eventually(() => slow.received.length >= 1); // the start-up ping has come and gone
    const before = slow.received.length;
    const [first, second] = await Promise.all([
      post(relay.at('/cpay/brief_micro_pay'), '{"r":"{\\"n\\":1}","a":"00"}'),
      post(relay.at('/cpay/brief_micro_pay'), '{"r":"{\\"n\\":2}","a":"00"}'),
    ]);
    const kinds = [first, second]
      .map((r) => body(r.bytes))
      .map((b) => `${String(b.relay_error)}/${String(b.outcome)}`)
      .sort();
    // The queued one ends not_sent either way: by the deadline timer while still queued
    // (connect_timeout), or, when the first call's abort frees the connection just before the
    // timer, by the too-late-to-write check (upstream_busy). Which comes first is the scheduler's.
    expect(kinds[1]).toBe('upstream_timeout/unknown');
    expect(['connect_timeout/not_sent', 'upstream_busy/not_sent']).toContain(kinds[0]);
    await new Promise((r) => setTimeout(r, 800));
    expect(slow.received.length - before).toBe(1);
  });

  it('passes an upstream 5xx through unchanged, marked x-relay-error: upstream_5xx and outcome unknown', async () => {
    const failing = await upstream((_q, _b, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<h1>busy</h1>');
    });
    relay = await startRelay({ upstreams: [failing.origin] });
    const r = await post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    expect(r.status).toBe(503);
    expect(r.bytes.toString()).toBe('<h1>busy</h1>');
    expect(r.headers.get('content-type')).toBe('text/html');
    expect(r.headers.get('x-relay-upstream-status')).toBe('503');
    expect(r.headers.get('x-relay-error')).toBe('upstream_5xx');
    expect(r.headers.get('x-relay-outcome')).toBe('unknown');
    expect(calls(failing)).toBe(1);
  });

  it('classifies error codes, treating anything unrecognised as unknown (never "not sent")', () => {
    const e = (code: string) => Object.assign(new Error(code), { code });
    expect(classifyUpstreamError(e('ECONNREFUSED'))).toBe('connect_refused');
    expect(classifyUpstreamError(e('EAI_AGAIN'))).toBe('dns');
    expect(classifyUpstreamError(e('UND_ERR_HEADERS_TIMEOUT'))).toBe('upstream_timeout');
    expect(classifyUpstreamError(e('UND_ERR_BODY_TIMEOUT'))).toBe('upstream_timeout');
    expect(classifyUpstreamError(e('UND_ERR_SOCKET'))).toBe('upstream_reset');
    expect(classifyUpstreamError(e('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('tls');
    expect(classifyUpstreamError(new Error('x', { cause: e('ENOTFOUND') }))).toBe('dns');
    expect(classifyUpstreamError(e('EWHATEVER'))).toBe('upstream_error');
    expect(classifyUpstreamError('string')).toBe('upstream_error');
  });
});
