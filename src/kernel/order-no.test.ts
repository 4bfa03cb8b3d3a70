import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { devicePart, MAX_ORDER_NO_LENGTH, nextForward, nextOrderNo, type OrderNoResult } from './order-no.js';

const NOW = Date.UTC(2026, 10, 22, 2, 0, 0); // fixed instant; no clock is read by the code under test
const orderNo = (r: OrderNoResult): string => {
  if (!r.ok) throw new Error(`expected a number, got ${JSON.stringify(r.error)}`);
  return r.orderNo;
};

describe('nextOrderNo (table)', () => {
  it.each([
    { prefix: '01000052', deviceKey: 'tdFQtGl2M9MOcgTn', len: 8 + 10 + 13 },
    { prefix: '010110893', deviceKey: 'kUwbvm1cpdGn4Kxm', len: 9 + 10 + 13 },
    { prefix: 'sz0100lmnx', deviceKey: 'dev-1', len: 32 }, // device part 9 digits
    { prefix: '0123456789abcd', deviceKey: 'dev-1', len: 32 }, // 14 chars: device part shrinks to 5
    { prefix: '0123456789abcdef', deviceKey: 'dev-1', len: 32 }, // 16 chars: device part 3 digits
  ])('$prefix → $len chars, prefix first, forward part last', ({ prefix, deviceKey, len }) => {
    const no = orderNo(nextOrderNo({ prefix, deviceKey, lastForward: undefined, nowMs: NOW }));
    expect(no).toHaveLength(len);
    expect(no.startsWith(prefix)).toBe(true);
    expect(no.endsWith(String(NOW))).toBe(true);
  });

  it('is digits only when the prefix is numeric', () => {
    expect(orderNo(nextOrderNo({ prefix: '01000052', deviceKey: 'abcXYZ', lastForward: undefined, nowMs: NOW }))).toMatch(/^\d+$/);
  });

  it.each([
    { prefix: '', error: { kind: 'bad_prefix', prefix: '' } },
    { prefix: 'sz_01', error: { kind: 'bad_prefix', prefix: 'sz_01' } },
    { prefix: '01234567890123456', error: { kind: 'prefix_too_long', prefix: '01234567890123456', maxLength: 16 } },
  ])('refuses prefix $prefix', ({ prefix, error }) => {
    expect(nextOrderNo({ prefix, deviceKey: 'd', lastForward: undefined, nowMs: NOW })).toEqual({ ok: false, error });
  });

  it.each([-1, Number.NaN, 1e13])('refuses an impossible clock %s', (nowMs) => {
    expect(nextOrderNo({ prefix: '01', deviceKey: 'd', lastForward: undefined, nowMs })).toEqual({ ok: false, error: { kind: 'bad_clock', nowMs } });
  });

  it.each([
    [undefined, NOW, NOW],
    [NOW - 5000, NOW, NOW], // counter behind the clock: the clock wins
    [NOW, NOW, NOW + 1], // same millisecond: the counter moves on
    [NOW + 10, NOW, NOW + 11], // local clock set back: never goes backwards
  ])('forward part from last=%s now=%s is %s', (last, now, expected) => {
    expect(nextForward(last, now)).toBe(expected);
  });

  it('gives different terminals different device parts', () => {
    expect(devicePart('tdFQtGl2M9MOcgTn', 6)).not.toBe(devicePart('kUwbvm1cpdGn4Kxm', 6));
    expect(devicePart('x', 6)).toBe(devicePart('x', 6));
  });
});

describe('nextOrderNo (properties)', () => {
  const prefixArb = fc.oneof(fc.stringMatching(/^\d{8,10}$/), fc.stringMatching(/^[0-9a-zA-Z]{1,16}$/));
  const deviceArb = fc.string({ minLength: 1, maxLength: 64 });
  const stepsArb = fc.array(fc.integer({ min: -60_000, max: 60_000 }), { minLength: 1, maxLength: 60 });

  it('a sequence from one terminal is strictly increasing, unique, ≤32, prefixed, valid chars', () => {
    fc.assert(
      fc.property(prefixArb, deviceArb, stepsArb, (prefix, deviceKey, steps) => {
        let last: number | undefined;
        let now = NOW;
        const seen: string[] = [];
        for (const step of steps) {
          now += step; // the clock may jump backwards as well as forwards
          const r = nextOrderNo({ prefix, deviceKey, lastForward: last, nowMs: now });
          if (!r.ok) throw new Error(JSON.stringify(r.error));
          expect(r.orderNo.length).toBeLessThanOrEqual(MAX_ORDER_NO_LENGTH);
          expect(r.orderNo.startsWith(prefix)).toBe(true);
          expect(r.orderNo).toMatch(/^\d+$/.test(prefix) ? /^\d+$/ : /^[0-9A-Za-z]+$/);
          if (last !== undefined) expect(r.forward).toBeGreaterThan(last);
          const previous = seen.at(-1);
          if (previous !== undefined) expect(r.orderNo > previous).toBe(true); // fixed width: string order = time order
          seen.push(r.orderNo);
          last = r.forward;
        }
        expect(new Set(seen).size).toBe(seen.length);
      }),
    );
  });

  it('after a wipe (no persisted value) a later server time never repeats an earlier number', () => {
    fc.assert(
      fc.property(deviceArb, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1000, max: 10_000_000 }), (deviceKey, burst, gapMs) => {
        let last: number | undefined;
        const before = new Set<string>();
        for (let i = 0; i < burst; i += 1) {
          // a burst within one millisecond before the wipe
          const r = nextOrderNo({ prefix: '01000052', deviceKey, lastForward: last, nowMs: NOW });
          before.add(orderNo(r));
          last = r.ok ? r.forward : last;
        }
        const after = nextOrderNo({ prefix: '01000052', deviceKey, lastForward: undefined, nowMs: NOW + gapMs });
        expect(before.has(orderNo(after))).toBe(false);
      }),
    );
  });
});
