/**
 * Issue 16 points 5-7, 9 and 11 against a dummy upstream on loopback: complete static downloads
 * logged as complete, Vary: Origin kept, source maps only on request, upstream answers capped and
 * never partial, floods logged once, and the metrics operators read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger, eventually, fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
let dir: string;
let up: FakeUpstream | undefined;
let relay: Started | undefined;
const PNG = Buffer.alloc(256 * 1024, 7);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-hard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>cpay</title>');
  writeFileSync(join(dir, 'assets', 'photo-Ab12Cd34.png'), PNG);
  writeFileSync(join(dir, 'assets', 'index-Bx9aZ_12.js'), 'console.log(1)\n'.repeat(200));
  writeFileSync(join(dir, 'assets', 'index-Bx9aZ_12.js.map'), '{"version":3,"sourcesContent":["secret source"]}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await relay?.relay.close();
  await up?.close();
  relay = up = undefined;
});

/** Downloads `path` on a raw socket and closes the connection the moment the last body byte arrives (or after `keep` bytes). */
function download(r: Started, path: string, keep = Number.POSITIVE_INFINITY): Promise<number> {
  return new Promise((resolve) => {
    const s = connect(Number(r.url.port), '127.0.0.1');
    let buf = Buffer.alloc(0);
    s.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      const head = buf.indexOf('\r\n\r\n');
      if (head === -1) return;
      const length = Number(/content-length: (\d+)/i.exec(buf.subarray(0, head).toString())?.[1]);
      const body = buf.length - head - 4;
      if (body >= Math.min(length, keep)) {
        s.destroy();
        resolve(body);
      }
    });
    s.on('error', () => resolve(-1));
    s.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
  });
}

describe('5. static downloads', () => {
  it('a client closing right after the last byte is logged as a complete download, never an error', async () => {
    const cap = captureLogger();
    relay = await startRelay({ staticDir: dir, logger: cap.logger, upstreams: [(up = await fakeUpstream((_q, _b, res) => res.end('{}'))).origin] });
    for (let i = 0; i < 40; i++) expect(await download(relay, '/assets/photo-Ab12Cd34.png')).toBe(PNG.length);
    await eventually(() => cap.lines.filter((l) => l.includes('"path":"/assets/photo-Ab12Cd34.png"')).length === 40);
    const records = cap.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.filter((r) => r.level === 'error')).toEqual([]);
    const downloads = records.filter((r) => r.path === '/assets/photo-Ab12Cd34.png');
    expect(downloads.every((r) => r.completed === true && r.relayError === undefined && r.level === 'info')).toBe(true);
  });

  it('a client leaving mid-download is logged as client_gone (a warning, not an error)', async () => {
    const cap = captureLogger();
    relay = await startRelay({ staticDir: dir, logger: cap.logger, upstreams: [(up = await fakeUpstream((_q, _b, res) => res.end('{}'))).origin] });
    await download(relay, '/assets/photo-Ab12Cd34.png', 1000);
    await eventually(() => cap.lines.some((l) => l.includes('"path":"/assets/photo-Ab12Cd34.png"')));
    const rec = cap.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.path === '/assets/photo-Ab12Cd34.png');
    expect(rec).toMatchObject({ completed: false, relayError: 'client_gone', level: 'warn' });
    expect(cap.lines.some((l) => l.includes('"level":"error"'))).toBe(false);
  });
});

describe('6 and 9. static headers and source maps', () => {
  it('keeps Vary: Origin next to Vary: Accept-Encoding when CORS applies', async () => {
    relay = await startRelay({
      staticDir: dir,
      corsOrigins: ['http://dev.example:5173'],
      upstreams: [(up = await fakeUpstream((_q, _b, res) => res.end('{}'))).origin],
    });
    const r = await fetch(relay.at('/assets/index-Bx9aZ_12.js'), { headers: { origin: 'http://dev.example:5173', 'accept-encoding': 'gzip' } });
    expect(r.headers.get('access-control-allow-origin')).toBe('http://dev.example:5173');
    expect(r.headers.get('cache-control')).toContain('immutable');
    const vary = (r.headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase());
    expect(vary).toEqual(expect.arrayContaining(['origin', 'accept-encoding']));
    const plain = await fetch(relay.at('/assets/index-Bx9aZ_12.js'));
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('serves no source maps unless --serve-source-maps', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ staticDir: dir, upstreams: [up.origin] });
    const r = await fetch(relay.at('/assets/index-Bx9aZ_12.js.map'));
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('secret source');
    await relay.relay.close();
    relay = await startRelay({ staticDir: dir, upstreams: [up.origin], edge: { serveSourceMaps: true } });
    expect(await (await fetch(relay.at('/assets/index-Bx9aZ_12.js.map'))).text()).toContain('secret source');
  });
});

describe('7. upstream answer cap', () => {
  it('an answer over the cap is unknown and nothing of it is forwarded; declared or chunked', async () => {
    let size = 0;
    let chunked = false;
    up = await fakeUpstream((_q, _b, res) => {
      const body = Buffer.alloc(size, 0x41);
      if (chunked) {
        res.write(body.subarray(0, size >> 1));
        res.end(body.subarray(size >> 1));
      } else res.end(body);
    });
    relay = await startRelay({ upstreams: [up.origin], edge: { upstreamAnswerLimitBytes: 64 * 1024 } });
    for (const c of [false, true]) {
      chunked = c;
      size = 64 * 1024;
      const ok = await post(relay.at('/cpay/brief_query_order'), BRIEF);
      expect(ok.status).toBe(200);
      expect(ok.bytes.length).toBe(size);
      size = 64 * 1024 + 1;
      const big = await post(relay.at('/cpay/brief_query_order'), BRIEF);
      expect(big.status).toBe(502);
      expect(big.headers.get('x-relay-outcome')).toBe('unknown');
      expect(JSON.parse(big.bytes.toString())).toMatchObject({ relay_error: 'upstream_too_large', outcome: 'unknown' });
      expect(big.bytes.includes('AAAA')).toBe(false);
    }
  });

  it('the default cap is 1 MiB: a 20 MiB answer is refused whole', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end(Buffer.alloc(20 * 1024 * 1024, 0x41)));
    relay = await startRelay({ upstreams: [up.origin] });
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(r.status).toBe(502);
    expect(r.headers.get('x-relay-outcome')).toBe('unknown');
  });
});

describe('9. floods are logged once', () => {
  it('429s of one client give one log line and a summary with the count, not one line per request', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    const cap = captureLogger();
    relay = await startRelay({ upstreams: [up.origin], logger: cap.logger, rateLimit: { perSecond: 0.1, burst: 5 }, edge: { floodLogIntervalMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await post(relay.at('/cpay/brief_query_order'), BRIEF)).status);
    const limited = statuses.filter((s) => s === 429).length;
    expect(limited).toBe(295);
    const lines = () => cap.lines.filter((l) => l.includes('rate_limited'));
    expect(lines().length).toBe(1);
    await relay.relay.close();
    const summary = cap.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.msg === 'flood summary');
    expect(summary).toMatchObject({ kind: 'rate_limited', suppressed: 294 });
    relay = undefined;
  });
});

describe('11. metrics', () => {
  it('/metrics counts requests by route and outcome, upstream latency per domain, the active domain, connections and 429s', async () => {
    up = await fakeUpstream((req, _b, res) => (req.url === '/cpay/brief_micro_pay' ? res.writeHead(502).end() : res.end('{}')));
    relay = await startRelay({ upstreams: [up.origin], rateLimit: { perSecond: 0.1, burst: 4 } });
    await post(relay.at('/cpay/brief_query_order'), BRIEF);
    await post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    await post(relay.at('/cpay/brief_query_order'), 'not json');
    for (let i = 0; i < 3; i++) await post(relay.at('/cpay/brief_query_order'), BRIEF);
    const r = await fetch(relay.at('/metrics'));
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await r.text();
    const origin = up.origin.replace(/[/.]/g, (c) => `\\${c}`);
    for (const re of [
      /relay_requests_total\{route="brief_query_order",outcome="forwarded",reason=""\} 2/,
      /relay_requests_total\{route="brief_micro_pay",outcome="unknown",reason="upstream_5xx"\} 1/,
      /relay_requests_total\{route="brief_query_order",outcome="refused",reason="bad_envelope"\} 1/,
      /relay_requests_total\{route="brief_query_order",outcome="refused",reason="rate_limited"\} 2/,
      /relay_rate_limited_total 2/,
      /relay_rate_limit_clients 1\n/, // one client (this test) tracked, one bucket ever opened
      /relay_rate_limit_clients_total 1\n/,
      new RegExp(`relay_upstream_latency_seconds_count\\{domain="${origin}"\\} 3`),
      new RegExp(`relay_upstream_active\\{domain="${origin}"\\} 1`),
      /relay_connections_open \d+/,
      /relay_process_open_fds \d+/,
    ])
      expect(text, String(re)).toMatch(re);
  });

  it("counts rate-limit buckets per client address: a trusted proxy's clients each get one, a forged header none", async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin], trustProxy: 1, rateLimit: { perSecond: 1, burst: 50 } });
    // TRUST_PROXY=1: the rightmost address is the one the proxy wrote; what a client put before it is ignored.
    for (const xff of ['10.0.0.1', '10.0.0.2', '203.0.113.1, 10.0.0.2', '203.0.113.2, 10.0.0.2', '10.0.0.1'])
      await post(relay.at('/cpay/brief_query_order'), BRIEF, { 'content-type': 'application/json', 'x-forwarded-for': xff });
    const text = await (await fetch(relay.at('/metrics'))).text();
    expect(text).toMatch(/relay_rate_limit_clients 2\n/);
    expect(text).toMatch(/relay_rate_limit_clients_total 2\n/);
  });

  it('is served to local addresses only by default (the client address behind trusted proxies)', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin], trustProxy: ['loopback'] });
    expect((await fetch(relay.at('/metrics'), { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(404);
    expect((await fetch(relay.at('/metrics'), { headers: { 'x-forwarded-for': '192.168.1.20' } })).status).toBe(200);
    await relay.relay.close();
    relay = await startRelay({ upstreams: [up.origin], edge: { metrics: 'off' } });
    expect((await fetch(relay.at('/metrics'))).status).toBe(404);
  });
});
