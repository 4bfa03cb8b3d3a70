import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AMOUNT_KEYS, appendRefusedChar, applyAmountKey, hasInvalidAmountChars, type AmountKey } from './amount-input.js';
import { parseYuan } from '../../kernel/money.js';

const type = (keys: readonly AmountKey[], from = '') => keys.reduce(applyAmountKey, from);

describe('applyAmountKey', () => {
  it.each<[readonly AmountKey[], string]>([
    [['1', '2', '.', '3', '4'], '12.34'],
    [['1', '2', '.', '3', '4', '5'], '12.34'], // a third decimal is ignored
    [['.', '5'], '0.5'],
    [['0', '0', '7'], '7'], // no leading zeros
    [['0', '.', '0', '1'], '0.01'],
    [['1', '.', '.', '2'], '1.2'], // one point only
    [['1', '00'], '100'],
    [['1', '.', '00'], '1.00'],
    [['1', '.', '5', '00'], '1.50'],
    [['1', '2', 'backspace'], '1'],
    [['backspace'], ''],
    [['1', '2', 'clear'], ''],
    [['9', '9', '9', '9', '9', '9', '9', '9', '9'], '99999999'], // at most 8 whole digits
    [['00'], '0'],
  ])('%j → %j', (keys, text) => {
    expect(type(keys)).toBe(text);
  });

  it('never produces text parseYuan calls malformed or too precise', () => {
    const key = fc.constantFrom(...AMOUNT_KEYS);
    fc.assert(
      fc.property(fc.array(key, { maxLength: 30 }), (keys) => {
        const text = type(keys);
        const result = parseYuan(text);
        if (!result.ok) expect(['empty', 'zero', 'over_max']).toContain(result.error.kind);
      }),
    );
  });
});

describe('characters that have no place in an amount (issue 13)', () => {
  it.each([
    ['1e9', true],
    ['-5', true],
    ['0.1.2', true],
    ['+1', true],
    ['1,5', true],
    ['12.34', false],
    ['0.', false],
    ['', false],
    ['.5', false],
  ])('%s → %s', (text, invalid) => {
    expect(hasInvalidAmountChars(text)).toBe(invalid);
  });

  it('keeps the refused character, so nothing is guessed from what is left', () => {
    expect(['1', 'e', '9'].reduce((t, c) => (/[0-9]/.test(c) ? applyAmountKey(t, c as AmountKey) : appendRefusedChar(t, c)), '')).toBe('1e9');
    expect(hasInvalidAmountChars(appendRefusedChar('0.1', '.'))).toBe(true);
  });
});
