import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Fen } from '@cpay/protocol';
import { DEFAULT_MAX_FEN, formatFen, formatSignedFen, formatYuan, parseYuan, type MoneyError } from './money.js';

const asFen = (n: number): Fen => n as Fen;

describe('parseYuan accepts', () => {
  it.each<[string, number]>([
    ['12', 1200],
    ['12.3', 1230],
    ['12.30', 1230],
    ['12.34', 1234],
    ['0.01', 1],
    ['0.02', 2],
    ['.5', 50],
    ['7.', 700],
    [' 7 ', 700],
    ['+3.10', 310],
    ['007.05', 705],
    ['1.230', 123],
    ['0.1', 10],
    ['50000', 5_000_000],
    ['19.99', 1999],
    ['0.29', 29],
  ])('%s → %i fen', (text, expected) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen: expected });
  });
});

describe('parseYuan refuses', () => {
  it.each<[string, MoneyError]>([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['abc', { kind: 'malformed', input: 'abc' }],
    ['.', { kind: 'malformed', input: '.' }],
    ['1.2.3', { kind: 'malformed', input: '1.2.3' }],
    ['1,000', { kind: 'malformed', input: '1,000' }],
    ['1e3', { kind: 'malformed', input: '1e3' }],
    ['１２', { kind: 'malformed', input: '１２' }],
    ['--1', { kind: 'malformed', input: '--1' }],
    ['-1', { kind: 'negative', input: '-1' }],
    ['-0.01', { kind: 'negative', input: '-0.01' }],
    ['0', { kind: 'zero' }],
    ['0.00', { kind: 'zero' }],
    ['0.000', { kind: 'zero' }],
    ['0.001', { kind: 'rounds_to_zero', input: '0.001' }],
    ['0.009', { kind: 'rounds_to_zero', input: '0.009' }],
    ['1.005', { kind: 'too_many_decimals', input: '1.005' }],
    ['1.234', { kind: 'too_many_decimals', input: '1.234' }],
    ['50000.01', { kind: 'over_max', max: DEFAULT_MAX_FEN }],
    ['9999999999999999999', { kind: 'over_max', max: DEFAULT_MAX_FEN }],
  ])('%j → %j', (text, error) => {
    expect(parseYuan(text)).toEqual({ ok: false, error });
  });

  it('uses a configurable maximum', () => {
    expect(parseYuan('100.00', asFen(10_000))).toEqual({ ok: true, fen: 10_000 });
    expect(parseYuan('100.01', asFen(10_000))).toEqual({ ok: false, error: { kind: 'over_max', max: 10_000 } });
  });
});

describe('formatFen', () => {
  it.each<[number, string]>([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [1230, '12.30'],
    [5_000_000, '50000.00'],
  ])('%i → %s', (amount, text) => {
    expect(formatFen(asFen(amount))).toBe(text);
  });

  it('prefixes the yuan sign', () => {
    expect(formatYuan(asFen(1999))).toBe('¥19.99');
  });

  it('round-trips through parseYuan for every amount up to the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: DEFAULT_MAX_FEN }), (amount) => {
        expect(parseYuan(formatFen(asFen(amount)))).toEqual({ ok: true, fen: amount });
      }),
    );
  });

  it('never yields a fractional fen for any two-decimal input', () => {
    fc.assert(
      fc.property(fc.nat({ max: 99_999 }), fc.nat({ max: 99 }), (whole, cents) => {
        const result = parseYuan(`${whole}.${String(cents).padStart(2, '0')}`, asFen(Number.MAX_SAFE_INTEGER));
        const expected = whole * 100 + cents;
        expect(result).toEqual(expected === 0 ? { ok: false, error: { kind: 'zero' } } : { ok: true, fen: expected });
      }),
    );
  });
});

describe('formatSignedFen (receipt and voice amounts)', () => {
  it('formats fen as yuan with a minus sign for a negative amount', () => {
    expect(formatSignedFen(2)).toBe('0.02');
    expect(formatSignedFen(123456)).toBe('1234.56');
    expect(formatSignedFen(0)).toBe('0.00');
    expect(formatSignedFen(-1)).toBe('-0.01');
    expect(formatSignedFen(-1050)).toBe('-10.50');
  });

  it('refuses anything that is not a whole number of fen', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(() => formatSignedFen(bad), String(bad)).toThrow(RangeError);
  });
});
