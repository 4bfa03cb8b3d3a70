/** The client's keep-warm pings: every 0.5 s after warmup() until the next call, at most a minute. */
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createCpayClient, KEEP_WARM_HOLD_MS, KEEP_WARM_INTERVAL_MS, KEEP_WARM_MAX_MS } from './cpay-client.js';
import { createTracer } from './trace.js';

function setup() {
  const sched = new VirtualTimeScheduler();
  const urls: string[] = [];
  const client = createCpayClient({
    keys: { key: async () => '0123456789ABCDEF0123456789ABCDEF' },
    fetch: async (url) => {
      urls.push(url);
      return new Response('{}', { status: 200 });
    },
    tracer: createTracer(() => undefined),
    scheduler: sched,
  });
  const advance = (ms: number) => {
    sched.maxFrames = sched.frame + ms;
    sched.flush();
  };
  return { client, urls, advance, pings: () => urls.filter((u) => u.endsWith('/relay/warmup')).length };
}

describe('keep-warm pings', () => {
  it('ping at once and every 0.5 s until the next cpay call', () => {
    const { client, advance, pings } = setup();
    client.warmup();
    expect(pings()).toBe(1);
    advance(2 * KEEP_WARM_INTERVAL_MS + 10);
    expect(pings()).toBe(3);
    client.call('brief_query_order', { snCode: 'sn', outShopId: 's', nonce: 'n'.repeat(32), outTradeNo: '1', deviceId: 'd' }).subscribe();
    advance(5 * KEEP_WARM_INTERVAL_MS);
    expect(pings()).toBe(3);
  });

  it('stop after a minute without a scan; keepWarm: false pings once', () => {
    const a = setup();
    a.client.warmup();
    a.advance(KEEP_WARM_MAX_MS + 5_000);
    expect(a.pings()).toBe(1 + KEEP_WARM_MAX_MS / KEEP_WARM_INTERVAL_MS);
    const b = setup();
    b.client.warmup({ keepWarm: false });
    b.advance(5_000);
    expect(b.pings()).toBe(1);
  });

  it('a second warmup (next amount) restarts one loop, not two', () => {
    const { client, advance, pings } = setup();
    client.warmup();
    advance(KEEP_WARM_INTERVAL_MS + 10);
    client.warmup();
    advance(2 * KEEP_WARM_INTERVAL_MS + 10);
    expect(pings()).toBe(2 + 1 + 2);
  });

  it('no ping while a code is typed (hold at each key), none after its Enter; pings resume a second after the last key', () => {
    const { client, advance, pings } = setup();
    client.warmup();
    advance(KEEP_WARM_INTERVAL_MS - 100); // t=400: the customer's code starts
    // A slow code: a key every 200 ms for 1.2 s (the ticks at 500, 1000 and 1500 fall inside it).
    for (let i = 0; i < 6; i += 1) {
      client.hold?.();
      advance(200);
    }
    expect(pings()).toBe(1);
    // No Enter came (a code refused, the customer fumbling): pings resume once the hold is over.
    advance(KEEP_WARM_HOLD_MS);
    expect(pings()).toBe(2);
    // The next code: keys, then Enter → the request; no ping in between or after.
    client.hold?.();
    advance(KEEP_WARM_INTERVAL_MS + 10);
    expect(pings()).toBe(2);
    client.call('brief_query_order', { snCode: 'sn', outShopId: 's', nonce: 'n'.repeat(32), outTradeNo: '1', deviceId: 'd' }).subscribe();
    advance(5 * KEEP_WARM_HOLD_MS);
    expect(pings()).toBe(2);
  });

  it("the next amount (warmup) is not held by the last sale's code keys", () => {
    const { client, advance, pings } = setup();
    client.hold?.();
    client.warmup();
    advance(KEEP_WARM_INTERVAL_MS + 10);
    expect(pings()).toBe(2);
  });
});
