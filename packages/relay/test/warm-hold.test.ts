/** Keep-warm pings (every 0.5 s from the app) cost the upstream one `GET /` per WARM_FRESH_MS. */
import { afterEach, describe, expect, it } from 'vitest';
import { WARM_FRESH_MS } from '../src/upstream/upkeep.js';
import { fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

let up: FakeUpstream | undefined;
let relay: Started | undefined;
afterEach(async () => {
  await relay?.relay.close();
  await up?.close();
});

describe('warm-up pings', () => {
  it('answer warm at once while the last exchange is fresh: one GET / for a burst of pings', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'), false);
    relay = await startRelay({ upstreams: [up.origin] });
    const gets = () => up!.received.filter((x) => x.method === 'GET' && x.url === '/').length;
    for (let i = 0; i < 4; i++) {
      const w = await post(relay.at('/relay/warmup'), '');
      expect(JSON.parse(w.bytes.toString())).toMatchObject({ warmed: true, origin: up.origin });
    }
    expect(gets()).toBe(1);
    expect(WARM_FRESH_MS).toBeLessThanOrEqual(10_000); // an upstream idle timeout of 20 s or more never closes it mid-sale
  });
});
