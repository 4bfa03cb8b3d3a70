/**
 * The relay's edge under attack, over raw loopback sockets (issue 16, points 1-3): silent and slow
 * clients are cut, one client address cannot hold every connection, X-Forwarded-For is believed
 * only from trusted proxies (rightmost untrusted address), and a page on a foreign Host name (DNS
 * rebinding) is refused before routing, sandbox included.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listeningLines } from '../src/boot.js';
import { createRelay } from '../src/index.js';
import { captureLogger, fakeUpstream, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
let up: FakeUpstream | undefined;
let relay: Started | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await relay?.relay.close();
  await up?.close();
  relay = up = undefined;
});

/** Opens a raw connection from `from` (any 127.x address works on Linux loopback). */
function open(r: Started, from = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port: Number(r.url.port), host: '127.0.0.1', localAddress: from }, () => resolve(s));
    s.on('error', reject);
    sockets.push(s);
  });
}

/** Milliseconds until the relay closes `s` (rejects after `max`). */
function closedWithin(s: Socket, max: number): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still open after ${max} ms`)), max);
    s.on('error', () => {});
    s.once('close', () => {
      clearTimeout(timer);
      resolve(performance.now() - t0);
    });
  });
}

/** Sends `raw` on a fresh connection from `from`; resolves to the answer's status (0: closed without one). */
async function rawStatus(r: Started, raw: string, from = '127.0.0.1'): Promise<number> {
  const s = await open(r, from);
  return new Promise((resolve) => {
    let data = '';
    s.on('data', (c: Buffer) => {
      data += c.toString('latin1');
    });
    s.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    s.on('error', () => {});
    s.write(raw); // not end(): a half-closed client loses an answer that is still on its way
  });
}

const postRaw = (host: string, extra = '') =>
  `POST /cpay/brief_query_order HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${BRIEF.length}\r\n${extra}Connection: close\r\n\r\n${BRIEF}`;

describe('1. nobody can stall the relay', () => {
  it('closes a socket that never sends a byte, and one that trickles its headers, at the headers timeout', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin], edge: { headersTimeoutMs: 400 } });
    const silent = await open(relay);
    const trickle = await open(relay);
    trickle.write('POST /cpay/brief_query_order HTTP/1.1\r\n');
    const drip = setInterval(() => trickle.writable && trickle.write('X'), 100);
    const [a, b] = await Promise.all([closedWithin(silent, 3_000), closedWithin(trickle, 3_000)]);
    clearInterval(drip);
    expect(a).toBeLessThan(3_000); // closedWithin rejects past 3 s; Node's own timers never closed such a socket
    expect(b).toBeLessThan(3_000);
  });

  it('answers 408 to a body trickled one byte at a time and closes the connection; nothing is forwarded', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin], edge: { bodyTimeoutMs: 500 } });
    const s = await open(relay);
    let data = '';
    s.on('data', (c: Buffer) => {
      data += c.toString();
    });
    s.write(`POST /cpay/brief_query_order HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${BRIEF.length}\r\n\r\n`);
    let i = 0;
    const drip = setInterval(() => s.writable && s.write(BRIEF[i++] ?? ' '), 100);
    const ms = await closedWithin(s, 3_000);
    clearInterval(drip);
    expect(data).toMatch(/^HTTP\/1\.1 408/);
    expect(data).toContain('"relay_error":"body_timeout"');
    expect(ms).toBeLessThan(2_000);
    expect(up.received.filter((x) => x.url !== '/cpay/ping')).toEqual([]);
  });

  it('caps connections per client address: one address holding sockets does not starve another', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{"ok":1}'));
    const cap = captureLogger();
    relay = await startRelay({ upstreams: [up.origin], logger: cap.logger, edge: { maxConnectionsPerClient: 5 } });
    const held = await Promise.all(Array.from({ length: 20 }, () => open(relay!, '127.0.0.2')));
    const closed = held.map((s) =>
      closedWithin(s, 1_000).then(
        () => true,
        () => false,
      ),
    );
    expect((await Promise.all(closed)).filter(Boolean).length).toBe(15);
    expect(await rawStatus(relay, postRaw('localhost'), '127.0.0.3')).toBe(200);
    const metrics = await (await fetch(relay.at('/metrics'))).text();
    expect(metrics).toMatch(/relay_connections_refused_total\{reason="per_client"\} 15/);
    // 15 refusals, one log line (the rest counted for the flood summary)
    expect(cap.lines.filter((l) => l.includes('connection refused')).length).toBe(1);
  });

  it('the header and body deadlines do not cut a request waiting for a slow upstream answer', async () => {
    up = await fakeUpstream((_q, _b, res) => setTimeout(() => res.end('{"slow":1}'), 2_500));
    relay = await startRelay({ upstreams: [up.origin], timeoutMs: 5_000, edge: { headersTimeoutMs: 300, bodyTimeoutMs: 300 } });
    const r = await fetch(relay.at('/cpay/brief_query_order'), { method: 'POST', body: BRIEF, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('{"slow":1}');
  });
});

describe('2. client identity behind proxies', () => {
  it('TRUST_PROXY=1 takes the rightmost X-Forwarded-For address (the one the proxy wrote), not the leftmost the client wrote', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin], trustProxy: 1, rateLimit: { perSecond: 0.1, burst: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push(await rawStatus(relay, postRaw('localhost', `X-Forwarded-For: 1.2.3.${i}, 127.0.0.1\r\n`)));
    expect(statuses.filter((s) => s === 200).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(55);
  });

  it('a trusted-proxy list gives each tablet behind the proxy its own bucket, and ignores the header from anyone else', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin], trustProxy: ['127.0.0.1/32'], rateLimit: { perSecond: 0.1, burst: 2 } });
    const via = (tablet: string, from = '127.0.0.1') => rawStatus(relay!, postRaw('localhost', `X-Forwarded-For: ${tablet}\r\n`), from);
    expect([await via('192.168.1.10'), await via('192.168.1.10'), await via('192.168.1.10')]).toEqual([200, 200, 429]);
    expect(await via('192.168.1.11')).toBe(200); // another tablet, same proxy
    // 127.0.0.5 is not a trusted proxy: its X-Forwarded-For is ignored, it is one client
    expect([await via('10.0.0.1', '127.0.0.5'), await via('10.0.0.2', '127.0.0.5'), await via('10.0.0.3', '127.0.0.5')]).toEqual([200, 200, 429]);
  });
});

describe('3. DNS rebinding and the sandbox on the network', () => {
  it('refuses a foreign Host (with a matching Origin) before routing: cpay calls and the sandbox keys alike', async () => {
    relay = await startRelay({}); // sandbox mode, in-process simulator
    const port = relay.url.port;
    const evil = `evil.example:${port}`;
    expect(await rawStatus(relay, postRaw(evil, `Origin: http://${evil}\r\n`))).toBe(421);
    for (const path of ['/sandbox/demo-device', '/sandbox/bindings', '/relay/status', '/']) {
      expect(await rawStatus(relay, `GET ${path} HTTP/1.1\r\nHost: ${evil}\r\nOrigin: http://${evil}\r\nConnection: close\r\n\r\n`), path).toBe(421);
    }
    expect(await rawStatus(relay, `POST /sandbox/orders/x/approve HTTP/1.1\r\nHost: ${evil}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)).toBe(421);
    expect(await rawStatus(relay, `GET /sandbox/demo-device HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe(200);
    expect(await rawStatus(relay, `GET /sandbox/demo-device HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)).toBe(200);
  });

  it('serves names given by --allowed-hosts', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin], edge: { allowedHosts: ['pos.shop.lan'] } });
    expect(await rawStatus(relay, postRaw('pos.shop.lan:8443'))).toBe(200);
    expect(await rawStatus(relay, postRaw('POS.shop.lan.'))).toBe(200);
    expect(await rawStatus(relay, postRaw('other.shop.lan'))).toBe(421);
  });

  it('sandbox mode on 0.0.0.0 is refused without --sandbox-on-network; with it, a loud warning and the real addresses', async () => {
    const refused = createRelay({ port: 0, host: '0.0.0.0', logger: captureLogger().logger });
    await expect(refused.listen()).rejects.toThrow(/--sandbox-on-network/);
    await refused.close();
    const cap = captureLogger();
    const open = createRelay({ port: 0, host: '0.0.0.0', logger: cap.logger, rateLimit: false, edge: { sandboxOnNetwork: true } });
    await open.listen();
    try {
      expect(cap.lines.some((l) => l.includes('"level":"warn"') && l.includes('SANDBOX ON THE NETWORK'))).toBe(true);
      expect(open.urls[0]?.hostname).toBe('127.0.0.1');
      const lines = listeningLines(open, false);
      for (const u of open.urls) expect(lines[0]).toContain(u.href);
      const lan = open.urls.find((u) => !u.hostname.startsWith('127.'));
      if (lan) {
        expect(lines.join('\n')).toMatch(/SANDBOX MODE ON THE NETWORK/);
        // the LAN address is a served Host name
        const r = await fetch(new URL('/healthz', lan));
        expect(r.status).toBe(200);
      }
    } finally {
      await open.close();
    }
  });
});
