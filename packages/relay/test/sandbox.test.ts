import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeUpstream, startRelay, type Started } from './helpers.js';
import { bindDemo, call, payDemoOrder, queryOf } from './demo-terminal.js';

let relay: Started;
beforeAll(async () => {
  relay = await startRelay({});
});
afterAll(async () => {
  await relay.relay.close();
});

describe('sandbox mode (no upstream configured)', () => {
  it('runs the simulator in-process as the upstream and reports sandbox mode', async () => {
    const s = (await (await fetch(relay.at('/relay/status'))).json()) as { mode: string; active: string };
    expect(s.mode).toBe('sandbox');
    expect(s.active).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.active).not.toBe(relay.url.origin);
    const demo = (await (await fetch(relay.at('/sandbox/demo-device'))).json()) as { sn: string };
    expect(demo.sn).toMatch(/^[A-Z0-9_]+$/);
  });

  it('pays and queries a demo order end to end; responses verify with the payment key', async () => {
    const b = await bindDemo(relay.url.href);
    const otn = await payDemoOrder(relay.url.href, b);
    const q = await call(relay.url.href, b, 'brief_query_order', queryOf(b, otn));
    expect(q.status).toBe(200);
    expect(q.reply.status).toBe(0);
    const truth = (await (await fetch(relay.at(`/sandbox/orders/${otn}`))).json()) as Record<string, unknown>;
    expect(JSON.stringify(truth)).toContain(otn);
  });

  it('sandbox control answers carry links to the relay, not to the hidden simulator port', async () => {
    const res = await fetch(relay.at('/sandbox/legacy/config'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const cfg = (await res.json()) as { url: string };
    expect(cfg.url.startsWith(`${relay.url.origin}/cpay/use_device_setting?`)).toBe(true);
    const demo = (await (await fetch(relay.at('/sandbox/demo-device'))).json()) as { sn: string };
    const legacy = await fetch(`${cfg.url}&sn=${demo.sn}`);
    expect(legacy.status).toBe(200);
    expect(await legacy.text()).toMatch(/"use_device_setting"/);
  });
});

describe('live mode', () => {
  it('has no /sandbox control API', async () => {
    const up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    const live = await startRelay({ upstreams: [up.origin] });
    const res = await fetch(live.at('/sandbox/demo-device'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { relay_error: string }).relay_error).toBe('not_found');
    expect(up.received.filter((r) => r.url.startsWith('/sandbox'))).toEqual([]);
    await live.relay.close();
    await up.close();
  });
});
