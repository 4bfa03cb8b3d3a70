import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter (token bucket)', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let t = 0;
    const rl = new RateLimiter({ perSecond: 2, burst: 3 }, () => t);
    expect([1, 2, 3, 4].map(() => rl.take('a').allowed)).toEqual([true, true, true, false]);
    t = 499;
    expect(rl.take('a')).toEqual({ allowed: false, retryAfterSec: 1 });
    t = 1000; // 1 s after the bucket ran dry: 2 tokens back (the denied take cost nothing)
    expect([1, 2, 3].map(() => rl.take('a').allowed)).toEqual([true, true, false]);
    expect(rl.take('b').allowed).toBe(true);
  });

  it('sweeps idle clients whose buckets are full again', () => {
    let t = 0;
    const rl = new RateLimiter({ perSecond: 10, burst: 10 }, () => t);
    rl.take('a');
    rl.take('b');
    for (let i = 0; i < 10; i++) rl.take('b');
    t = 150;
    rl.sweep();
    expect(rl.size).toBe(1);
    t = 5000;
    rl.sweep();
    expect(rl.size).toBe(0);
  });

  it('refuses nonsense settings', () => {
    expect(() => new RateLimiter({ perSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ perSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});
