import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogger, eventually, fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
let up: FakeUpstream;
let relay: Started | undefined;
beforeEach(async () => {
  up = await fakeUpstream((_req, _b, res) => res.end('{"rc":"{}"}'));
});
afterEach(async () => {
  await relay?.relay.close();
  await up.close();
  relay = undefined;
});
const forwarded = () => up.received.filter((r) => r.url !== '/cpay/ping');
const json = (bytes: Buffer) => JSON.parse(bytes.toString()) as Record<string, unknown>;

describe('input limits (nothing is forwarded when a limit trips)', () => {
  it('405 with Allow for the wrong method', async () => {
    relay = await startRelay({ upstreams: [up.origin] });
    const g = await fetch(relay.at('/cpay/brief_micro_pay'));
    expect(g.status).toBe(405);
    expect(g.headers.get('allow')).toBe('POST');
    const p = await post(relay.at('/cpay/use_device_setting?osi=1'), '{}');
    expect(p.status).toBe(405);
    expect(p.headers.get('allow')).toBe('GET');
    expect((await fetch(relay.at('/relay/warmup'))).status).toBe(405);
    expect(forwarded()).toEqual([]);
  });

  it('413 for a body over the cap, declared or streamed', async () => {
    relay = await startRelay({ upstreams: [up.origin], bodyLimitBytes: 1024 });
    const big = `{"r":"${'x'.repeat(2000)}","a":"00"}`;
    const r = await post(relay.at('/cpay/brief_micro_pay'), big);
    expect(r.status).toBe(413);
    expect(json(r.bytes)).toMatchObject({ relay_error: 'body_too_large', outcome: 'not_sent' });
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(relay!.at('/cpay/brief_micro_pay'), { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write('x'.repeat(600));
      req.end();
    });
    expect(chunked).toBe(413);
    const ok = await post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    expect(ok.status).toBe(200);
    expect(forwarded().length).toBe(1);
  });

  it('415 unless the content type is application/json', async () => {
    relay = await startRelay({ upstreams: [up.origin] });
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/jsonp' }, {} as Record<string, string>]) {
      const r = await post(relay.at('/cpay/brief_query_order'), BRIEF, headers);
      expect(r.status, JSON.stringify(headers)).toBe(415);
      expect(json(r.bytes).relay_error).toBe('unsupported_media_type');
    }
    expect((await post(relay.at('/cpay/brief_query_order'), BRIEF, { 'content-type': 'Application/JSON; charset=utf-8' })).status).toBe(200);
    expect(forwarded().length).toBe(1);
  });

  it('400 with a clear message for malformed envelopes, never echoing the body', async () => {
    relay = await startRelay({ upstreams: [up.origin] });
    const cases: Array<[string, string, RegExp]> = [
      ['/cpay/brief_micro_pay', '{"r":"{\\"ac\\":\\"134567890123456789\\"}", oops', /not valid JSON/],
      ['/cpay/brief_micro_pay', '["r","a"]', /must be a JSON object/],
      ['/cpay/brief_micro_pay', '{"a":"00"}', /"r" must be a string/],
      ['/cpay/brief_micro_pay', '{"r":{"ac":"134567890123456789"},"a":"00"}', /"r" must be a string/],
      ['/cpay/brief_micro_pay', '{"r":"{}","a":5}', /"a" must be the signature string/],
      ['/cpay/brief_micro_pay', '{"request_content":"{}","authen_info":{"a":{}}}', /brief envelope: "r"/],
      ['/cpay/refund', '{"r":"{}","a":"00"}', /full envelope: "request_content"/],
      ['/cpay/refund', '{"request_content":"{}","authen_info":"AB"}', /"authen_info" must be an object/],
      ['/cpay/ping', 'not json', /not valid JSON/],
    ];
    for (const [path, body, message] of cases) {
      const r = await post(relay.at(path), body);
      expect(r.status, body).toBe(400);
      const b = json(r.bytes);
      expect(b.relay_error).toBe('bad_envelope');
      expect(String(b.message)).toMatch(message);
      expect(r.bytes.toString()).not.toContain('134567890123456789');
    }
    expect(forwarded()).toEqual([]);
  });

  it('a client that disconnects mid-body is dropped quietly; nothing is forwarded and the relay carries on', async () => {
    const cap = captureLogger();
    relay = await startRelay({ upstreams: [up.origin], logger: cap.logger });
    await new Promise<void>((resolve) => {
      const req = request(relay!.at('/cpay/brief_micro_pay'), { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '500' } });
      req.on('error', () => resolve());
      req.write('{"r":"');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await eventually(() => cap.lines.some((l) => l.includes('"relayError":"client_gone"')));
    expect(cap.lines.some((l) => l.includes('"level":"error"'))).toBe(false);
    expect(forwarded()).toEqual([]);
    expect((await post(relay.at('/cpay/brief_micro_pay'), BRIEF)).status).toBe(200);
  });

  it('429 with Retry-After once a client exhausts its token bucket; clients are limited separately', async () => {
    relay = await startRelay({ upstreams: [up.origin], rateLimit: { perSecond: 0.2, burst: 3 }, trustProxy: true });
    const as = (ip: string) => post(relay!.at('/cpay/brief_query_order'), BRIEF, { 'content-type': 'application/json', 'x-forwarded-for': ip });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await as('10.0.0.1')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await as('10.0.0.1');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(4); // one token per 5 s
    expect(json(limited.bytes)).toMatchObject({ relay_error: 'rate_limited', outcome: 'not_sent' });
    expect((await as('10.0.0.2')).status).toBe(200);
    expect(forwarded().length).toBe(4);
    expect((await fetch(relay.at('/healthz'), { headers: { 'x-forwarded-for': '10.0.0.1' } })).status).toBe(200);
  });
});
