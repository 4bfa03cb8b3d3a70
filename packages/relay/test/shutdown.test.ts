import { afterEach, describe, expect, it } from 'vitest';
import { fakeUpstream, post, startRelay, type FakeUpstream } from './helpers.js';

const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
let up: FakeUpstream | undefined;
afterEach(async () => {
  await up?.close();
  up = undefined;
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, refuses new connections, then resolves', async () => {
    up = await fakeUpstream((_q, _b, res) => setTimeout(() => res.end('{"late":true}'), 300));
    const relay = await startRelay({ upstreams: [up.origin] });
    const inFlight = post(relay.at('/cpay/brief_micro_pay'), BRIEF);
    await new Promise((r) => setTimeout(r, 100));
    let closed = false;
    const closing = relay.relay.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    await expect(fetch(relay.at('/healthz'))).rejects.toThrow();
    expect(closed).toBe(false);
    const r = await inFlight;
    expect(r.status).toBe(200);
    expect(r.bytes.toString()).toBe('{"late":true}');
    await closing;
    expect(closed).toBe(true);
  });

  it('cuts what is still running once the grace period is over', async () => {
    up = await fakeUpstream(() => {});
    const relay = await startRelay({ upstreams: [up.origin], shutdownGraceMs: 200, timeoutMs: 30_000 });
    const inFlight = post(relay.at('/cpay/brief_micro_pay'), BRIEF).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await relay.relay.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await inFlight).toBe('cut');
  });

  it('close() is idempotent', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    const relay = await startRelay({ upstreams: [up.origin] });
    await Promise.all([relay.relay.close(), relay.relay.close()]);
    await relay.relay.close();
  });
});
