/**
 * The relay as an attack surface (issue 8), over real loopback HTTP: it refuses paths outside
 * the allow-list, foreign upstream hosts (absolute-form targets, Host and X-Forwarded-Host
 * tricks never choose the upstream), foreign origins, oversized bodies, and floods (429 with
 * Retry-After, while health checks and other clients keep being served).
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES } from '@cpay/protocol';
import { fakeUpstream, post, startRelay, type FakeUpstream, type Started } from '../../packages/relay/test/helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
let up: FakeUpstream | undefined;
let relay: Started | undefined;
afterEach(async () => {
  await relay?.relay.close();
  await up?.close();
  relay = undefined;
  up = undefined;
});

async function start(opts: Parameters<typeof startRelay>[0] = {}): Promise<{ up: FakeUpstream; relay: Started }> {
  up = await fakeUpstream((_q, _b, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"rc":"{}"}');
  });
  relay = await startRelay({ upstreams: [up.origin], ...opts });
  return { up, relay };
}
const forwarded = (u: FakeUpstream) => u.received.filter((r) => r.url !== '/cpay/ping' && r.url !== '/');

/** One raw request line + headers; resolves to the status code. */
function raw(r: Started, text: string): Promise<number> {
  return new Promise((resolve) => {
    const s = connect(Number(r.url.port), '127.0.0.1');
    let data = '';
    const status = (): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
    s.on('data', (c: Buffer) => {
      data += c.toString('latin1');
      if (/\r\n\r\n/.test(data)) s.destroy();
    });
    s.on('close', () => resolve(status()));
    s.write(text); // not end(): a half-closed client is treated as gone
  });
}

describe('relay refusals', () => {
  it('paths outside the allow-list are 404 and never forwarded', async () => {
    const { up: u, relay: r } = await start();
    for (const p of [
      '/cpay/admin',
      '/cpay/query_sub_mch_shop_info',
      '/cpay/client_order_detail',
      '/cpay/%2e%2e/sandbox/reset',
      '/cpay/BRIEF_MICRO_PAY',
      '/cpay/',
    ]) {
      expect((await post(r.at(p), BRIEF)).status, p).toBe(404);
    }
    expect((await post(r.at('/sandbox/reset'), '{}')).status).toBe(404); // live mode: no control API
    expect(forwarded(u)).toEqual([]);
    expect(ENDPOINT_NAMES).not.toContain('admin');
  });

  it('the upstream is configuration only: absolute-form targets are 400, Host / X-Forwarded-Host never pick it', async () => {
    const { up: u, relay: r } = await start();
    const body = `Content-Type: application/json\r\nContent-Length: ${BRIEF.length}\r\nConnection: close\r\n\r\n${BRIEF}`;
    expect(await raw(r, `POST http://evil.example/cpay/brief_query_order HTTP/1.1\r\nHost: evil.example\r\n${body}`)).toBe(400);
    expect(forwarded(u)).toEqual([]);
    expect(await raw(r, `POST /cpay/brief_query_order HTTP/1.1\r\nHost: evil.example\r\n${body}`)).toBe(421); // not this relay's name
    expect(forwarded(u)).toEqual([]);
    expect(await raw(r, `POST /cpay/brief_query_order HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: evil.example\r\n${body}`)).toBe(200);
    expect(forwarded(u)).toHaveLength(1);
    expect(forwarded(u)[0]?.headers.host).toBe(new URL(u.origin).host);
  });

  it('a foreign Origin is 403 before anything is forwarded', async () => {
    const { up: u, relay: r } = await start();
    expect((await post(r.at('/cpay/brief_query_order'), BRIEF, { 'content-type': 'application/json', origin: 'http://evil.example' })).status).toBe(403);
    expect(forwarded(u)).toEqual([]);
  });

  it('oversized bodies are 413 (declared and streamed) and never forwarded', async () => {
    const { up: u, relay: r } = await start({ bodyLimitBytes: 4096 });
    expect((await post(r.at('/cpay/brief_micro_pay'), `{"r":"${'x'.repeat(10_000)}","a":"00"}`)).status).toBe(413);
    const streamed = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 20; i += 1) c.enqueue(new Uint8Array(1024).fill(0x61));
        c.close();
      },
    });
    const res = await fetch(r.at('/cpay/brief_micro_pay'), {
      method: 'POST',
      body: streamed,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit).catch(() => undefined);
    if (res) expect(res.status).toBe(413);
    expect(forwarded(u)).toEqual([]);
  });

  it('a flood from one client gets 429 with Retry-After; /healthz and the upstream stay fine', async () => {
    // 400 requests at once on as many connections: this test floods requests, the connection cap has its own test (edge.test.ts).
    const { up: u, relay: r } = await start({ rateLimit: { perSecond: 20, burst: 40 }, edge: { maxConnectionsPerClient: 1000, maxConnections: 2000 } });
    const t0 = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: 400 }, () => post(r.at('/cpay/brief_query_order'), BRIEF).then((x) => ({ s: x.status, retry: x.headers.get('retry-after') }))),
    );
    const seconds = (performance.now() - t0) / 1000;
    const limited = statuses.filter((x) => x.s === 429);
    expect(limited.length).toBeGreaterThan(200);
    expect(limited.every((x) => x.retry !== null)).toBe(true);
    // The bucket lets through its burst plus the refill over the flood's duration, no more.
    expect(forwarded(u).length).toBeLessThanOrEqual(40 + Math.ceil(20 * seconds) + 1);
    expect((await fetch(r.at('/healthz'))).status).toBe(200);
  });
});
