import { afterEach, describe, expect, it } from 'vitest';
import { deadOrigin, eventually, fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
const ups: FakeUpstream[] = [];
let relay: Started | undefined;
afterEach(async () => {
  await relay?.relay.close();
  await Promise.all(ups.splice(0).map((u) => u.close()));
  relay = undefined;
});
async function upstream(name: string, port = 0): Promise<FakeUpstream> {
  const u = await fakeUpstream((_q, _b, res) => res.end(`{"from":"${name}"}`), false, port);
  ups.push(u);
  return u;
}
interface Status {
  mode: string;
  active: string;
  upstreamReachable: boolean | null;
  domains: Array<{ origin: string; healthy: boolean | null; lastError: string | null }>;
}
const status = async (r: Started) => (await (await fetch(r.at('/relay/status'))).json()) as Status;

describe('fail-over across domains', () => {
  it('sends to the second domain when the first refuses connections, and shows it as active', async () => {
    const first = await deadOrigin();
    const second = await upstream('second');
    relay = await startRelay({ upstreams: [first, second.origin] });
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(r.status).toBe(200);
    expect(r.bytes.toString()).toBe('{"from":"second"}');
    const s = await status(relay);
    expect(s.mode).toBe('live');
    expect(s.active).toBe(second.origin);
    expect(s.upstreamReachable).toBe(true);
    expect(s.domains.map((d) => [d.origin, d.healthy])).toEqual([
      [first, false],
      [second.origin, true],
    ]);
    expect(s.domains[0]?.lastError).toBe('connect_refused');
  });

  it('health probes (/cpay/ping) switch back to the preferred domain when it recovers', async () => {
    const first = await deadOrigin();
    const second = await upstream('second');
    relay = await startRelay({ upstreams: [first, second.origin], healthIntervalMs: 100 });
    await eventually(async () => (await status(relay!)).active === second.origin);
    const revived = await upstream('first', Number(new URL(first).port));
    await eventually(async () => (await status(relay!)).active === first);
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(r.bytes.toString()).toBe('{"from":"first"}');
    expect(revived.received.some((x) => x.url === '/cpay/ping' && x.method === 'POST')).toBe(true);
  });

  it('probes mark a domain down when its ping fails, before any payment traffic hits it', async () => {
    const sick = await fakeUpstream((_q, _b, res) => {
      res.writeHead(500);
      res.end();
    }, true);
    ups.push(sick);
    const healthy = await upstream('healthy');
    relay = await startRelay({ upstreams: [sick.origin, healthy.origin] });
    await eventually(async () => (await status(relay!)).active === healthy.origin);
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(r.bytes.toString()).toBe('{"from":"healthy"}');
    expect(sick.received.filter((x) => x.url !== '/cpay/ping')).toEqual([]);
  });

  it('readyz means "this replica can serve": 200 with every domain down (the tablet gets an honest not_sent), the upstream state is in /relay/status and /metrics', async () => {
    relay = await startRelay({ upstreams: [await deadOrigin()] });
    await eventually(async () => (await status(relay!)).upstreamReachable === false);
    const ready = await fetch(relay.at('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, upstream: false });
    expect((await fetch(relay.at('/healthz'))).status).toBe(200);
    // what a balancer keeping this replica lets through: an answer the terminal can read, not the balancer's own 502
    const r = await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(r.status).toBe(502);
    expect(r.headers.get('x-relay-outcome')).toBe('not_sent');
    expect(await status(relay)).toMatchObject({ upstreamReachable: false, upstreamAnyUp: false });
    const metrics = await (await fetch(relay.at('/metrics'))).text();
    expect(metrics).toMatch(/relay_upstream_up\{domain="http:\/\/127\.0\.0\.1:\d+"\} 0/);
    const up = await upstream('x');
    const ok = await startRelay({ upstreams: [up.origin] });
    await eventually(async () => (await status(ok)).upstreamReachable === true);
    expect((await fetch(ok.at('/readyz'))).status).toBe(200);
    expect(await (await fetch(ok.at('/metrics'))).text()).toMatch(/relay_upstream_up\{domain="http:\/\/127\.0\.0\.1:\d+"\} 1/);
    await ok.relay.close();
  });
});

describe('keep-alive and warm-up (spec §2.2-§2.3, done by the relay)', () => {
  it('POST /relay/warmup opens a connection that the next payment call reuses', async () => {
    const up = await upstream('u');
    relay = await startRelay({ upstreams: [up.origin] });
    const w = await post(relay.at('/relay/warmup'), '');
    expect(w.status).toBe(200);
    expect(JSON.parse(w.bytes.toString())).toMatchObject({ warmed: true, origin: up.origin });
    const warm = up.received.find((x) => x.method === 'GET' && x.url === '/');
    expect(warm).toBeDefined();
    const opened = new Set(up.received.map((x) => x.remotePort));
    await post(relay.at('/cpay/brief_query_order'), BRIEF);
    expect(opened.has(up.received.at(-1)?.remotePort ?? -1)).toBe(true);
  });

  it('repeats the keep-alive exchange on the interval over one long-lived connection', async () => {
    const up = await upstream('u');
    relay = await startRelay({ upstreams: [up.origin], keepAliveIntervalMs: 60 });
    await eventually(() => up.received.filter((x) => x.method === 'GET' && x.url === '/').length >= 3);
    const ports = new Set(up.received.filter((x) => x.method === 'GET').map((x) => x.remotePort));
    expect(ports.size).toBe(1);
    expect(up.received.find((x) => x.method === 'GET')?.headers.connection).toBe('keep-alive');
  });
});
