/**
 * The bundle-size gate's arithmetic (scripts/bundle-size.ts): what counts as initial JS and as a
 * first route, and when the verdict is OVER. Sizes here are the code's length (a stand-in gzip),
 * so each case can be worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { measureBundle, sizeLine, type OutChunk } from '../scripts/bundle-size.js';

const chunk = (fileName: string, bytes: number, o: Partial<OutChunk> = {}): OutChunk => ({
  fileName,
  code: 'x'.repeat(bytes),
  isEntry: false,
  imports: [],
  dynamicImports: [],
  ...o,
});
const len = (c: string) => c.length;
const budget = { initialBytes: 100, firstRouteBytes: 200 };

describe('measureBundle', () => {
  const build = (routeExtra: number, entryBytes = 60) => [
    chunk('entry.js', entryBytes, { isEntry: true, imports: ['shared.js'], dynamicImports: ['checkout.js', 'summary.js'] }),
    chunk('shared.js', 30, { dynamicImports: ['gate.js'] }),
    chunk('checkout.js', 50, { imports: ['shared.js', 'pay.js'] }),
    chunk('pay.js', 20),
    chunk('summary.js', routeExtra, { imports: ['csv.js'], dynamicImports: ['late.js'] }),
    chunk('csv.js', 10),
    chunk('gate.js', 5),
    chunk('late.js', 999),
  ];

  it('counts the entry and its static imports as initial, each dynamic import (with its static imports, once) as a route', () => {
    const r = measureBundle(build(40), budget, len);
    expect(r?.initialGzipBytes).toBe(90);
    expect(r?.routes).toEqual(
      [
        { route: 'summary.js', extra: 50, total: 140 },
        { route: 'checkout.js', extra: 70, total: 160 },
        { route: 'gate.js', extra: 5, total: 95 },
      ].sort((a, b) => b.total - a.total),
    );
    expect(r?.firstScreenWorstGzipBytes).toBe(160);
    expect(r?.over).toEqual([]); // late.js loads after a route, not with the first screen
    expect(sizeLine(r!)).toContain('within');
  });

  it('is OVER when one first route is over its budget, and names it', () => {
    const r = measureBundle(build(101), budget, len);
    expect(r?.over).toHaveLength(1);
    expect(r?.over[0]).toContain('summary.js');
    expect(sizeLine(r!)).toContain('OVER');
  });

  it('is OVER when the initial JS alone is over its budget', () => {
    const r = measureBundle(build(10, 71), budget, len);
    expect(r?.initialGzipBytes).toBe(101);
    expect(r?.over.some((o) => o.startsWith('initial JS'))).toBe(true);
  });

  it('has nothing to say without an entry chunk', () => {
    expect(measureBundle([chunk('a.js', 1)], budget, len)).toBeUndefined();
  });
});
