/**
 * Hostile HTTP at the relay (issue 8), over real loopback sockets: fast-check writes raw request
 * lines, headers and bodies — unknown and traversing paths, absolute-form targets, Host tricks,
 * wrong methods and media types, lying Content-Length, garbage chunking, random bytes. Each
 * gets an HTTP error from the documented set (or a cpay answer for a well-formed allow-listed
 * call), nothing outside the allow-list reaches the upstream, nothing reaches a foreign host,
 * and the relay keeps answering /healthz.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAY_ENDPOINTS } from '@cpay/protocol';
import { fakeUpstream, startRelay, type FakeUpstream, type Started } from '../../packages/relay/test/helpers.js';

let up: FakeUpstream;
let relay: Started;
beforeAll(async () => {
  up = await fakeUpstream((_req, _body, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"rc":"{\\"s\\":0}","a":"00"}');
  });
  relay = await startRelay({ upstreams: [up.origin], bodyLimitBytes: 8 * 1024 });
});
afterAll(async () => {
  await relay.relay.close();
  await up.close();
});

/** Writes `raw` on a fresh connection; resolves to the status code of the answer (0: closed without one). */
function rawRequest(raw: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const s = connect(Number(relay.url.port), '127.0.0.1');
    let data = '';
    // The final status: interim answers (100 Continue) are skipped.
    const final = (): number => Number([...data.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => m[1]).find((c) => !c?.startsWith('1')) ?? 0);
    const done = (): void => {
      s.destroy();
      resolve(final());
    };
    s.setTimeout(3_000, done);
    s.on('data', (c: Buffer) => {
      data += c.toString('latin1');
      if (final() !== 0) done();
    });
    s.on('error', done);
    s.on('close', done);
    s.end(raw);
  });
}

const ALLOWED_STATUS = new Set([0, 200, 204, 304, 400, 403, 404, 405, 408, 413, 414, 415, 429, 431, 501, 505]);
const token = fc.stringMatching(/^[A-Za-z]{1,10}$/);
const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD', 'TRACE', 'CONNECT'), token);
const segment = fc.oneof(
  fc.constantFrom(...RELAY_ENDPOINTS),
  fc.constantFrom('..', '%2e%2e', '%00', 'sandbox', 'admin', '', '.', 'ping/../../etc/passwd', 'ping?x=1', 'PING', 'brief_micro_pay%2f..'),
  fc.stringMatching(/^[\w.%~-]{0,30}$/),
);
const target = fc.oneof(
  segment.map((s) => `/cpay/${s}`),
  fc.tuple(segment, segment).map(([a, b]) => `/cpay/${a}/${b}`),
  fc.constantFrom(
    'http://evil.example/cpay/ping',
    'https://evil.example:443/cpay/brief_micro_pay',
    '//evil.example/cpay/ping',
    '*',
    'evil.example:80',
    '/sandbox/../cpay/ping',
    '/relay/status',
    '/relay/warmup',
    '/healthz',
    '/%2e%2e/%2e%2e/etc/passwd',
  ),
  fc.string({ maxLength: 40 }).map((s) => `/${encodeURI(s)}`),
  fc.nat({ max: 20_000 }).map((n) => `/cpay/${'a'.repeat(n)}`),
);
const headerLine = fc.oneof(
  fc.constantFrom(
    'Host: evil.example',
    'Host: ',
    'Host: 127.0.0.1\r\nHost: evil.example',
    'X-Forwarded-Host: evil.example',
    'Origin: http://evil.example',
    'Content-Type: text/plain',
    'Content-Type: application/json; charset=utf-8',
    'Content-Type: application/json',
    'Transfer-Encoding: chunked',
    'Content-Length: 999999999',
    'Content-Length: -1',
    'Content-Length: 5\r\nContent-Length: 6',
    'X-Request-Id: ../../\u0001',
    'Expect: 100-continue',
  ),
  fc.tuple(token, fc.string({ maxLength: 50 })).map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, ' ')}`),
  fc.nat({ max: 40_000 }).map((n) => `X-Big: ${'b'.repeat(n)}`),
);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.constantFrom('{"r":"{}","a":"00"}', '{"request_content":"{}","authen_info":{}}', '{"r":1}', '0\r\n\r\n', 'zz\r\nxx\r\n').map((s) => Buffer.from(s)),
  fc.nat({ max: 40_000 }).map((n) => Buffer.from(`{"r":"${'x'.repeat(n)}","a":"00"}`)),
);

describe('relay under hostile HTTP', () => {
  it('every request gets a documented answer; nothing outside the allow-list or for another host is forwarded; /healthz stays up', async () => {
    await fc.assert(
      fc.asyncProperty(method, target, fc.array(headerLine, { maxLength: 4 }), body, fc.boolean(), async (m, t, headers, b, declare) => {
        const before = up.received.length;
        const head = [
          `${m} ${t} HTTP/1.1`,
          'Host: 127.0.0.1',
          ...headers,
          ...(declare ? [`Content-Length: ${b.length}`] : []),
          'Connection: close',
          '',
          '',
        ].join('\r\n');
        const status = await rawRequest(Buffer.concat([Buffer.from(head, 'latin1'), b]));
        expect(ALLOWED_STATUS, `${m} ${t.slice(0, 80)} → ${status}`).toContain(status);
        for (const r of up.received.slice(before)) {
          const endpoint = r.url.replace(/^\/cpay\//, '').split('?')[0] ?? '';
          if (r.url === '/cpay/ping' || r.url === '/') continue; // health probe / keep-alive
          expect(RELAY_ENDPOINTS as readonly string[]).toContain(endpoint);
          expect(r.headers.host).toBe(new URL(up.origin).host);
        }
        expect((await fetch(relay.at('/healthz'))).status).toBe(200);
      }),
      { numRuns: 250 },
    );
  }, 120_000);

  it('absolute-form targets are refused with 400 and never forwarded', async () => {
    const before = up.received.length;
    for (const t of ['http://evil.example/cpay/ping', 'http://127.0.0.1/cpay/brief_micro_pay']) {
      expect(
        await rawRequest(
          Buffer.from(
            `POST ${t} HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: 19\r\nConnection: close\r\n\r\n{"r":"{}","a":"00"}`,
          ),
        ),
      ).toBe(400);
    }
    expect(up.received.length).toBe(before);
  });
});
