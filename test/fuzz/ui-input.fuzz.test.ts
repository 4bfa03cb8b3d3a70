/**
 * Bad input at the counter (issue 8): amounts typed or keyed, customer codes from a scanner or
 * a keyboard, refund amounts. fast-check drives hostile strings and key sequences; nothing
 * throws, every refusal is a specific error kind, every accepted amount is a whole number of
 * fen within the limit, and a keyed amount always parses to what was keyed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import { AMOUNT_KEYS, applyAmountKey, MAX_WHOLE_DIGITS, type AmountKey } from '../../src/features/pay/amount-input.js';
import { checkCustomerCode, maskCustomerCode, MAX_CODE_DIGITS, MIN_CODE_DIGITS } from '../../src/kernel/customer-code.js';
import { DEFAULT_MAX_FEN, formatFen, parseYuan } from '../../src/kernel/money.js';
import { checkRefundAmount } from '../../src/features/refund/refund-amount.js';
import { payKeyOf } from '../../src/features/pay/keypad-keys.js';

const MONEY_ERRORS = ['empty', 'malformed', 'too_many_decimals', 'zero', 'rounds_to_zero', 'negative', 'over_max'];
/** Strings a wedge scanner, a paste or a stuck key could produce. */
const hostile = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.stringMatching(/^[\s+\-.0-9eE,_xX٠-٩０-９]{0,30}$/),
  fc.constantFrom('NaN', 'Infinity', '-0', '1e3', '0x10', '１２', '12,50', '٣', '1_000', '.', '+.', '0.001', '99999999999999999999', '\u0000', '1.2.3'),
);

describe('amount text (src/kernel/money.ts)', () => {
  it('parseYuan never throws; accepted amounts are whole fen in (0, max]; refusals name a known kind', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 2 ** 40 }), (text, max) => {
        const r = parseYuan(text, max as Fen);
        if (r.ok) {
          expect(Number.isSafeInteger(r.fen)).toBe(true);
          expect(r.fen).toBeGreaterThan(0);
          expect(r.fen).toBeLessThanOrEqual(max);
          expect(parseYuan(formatFen(r.fen), max as Fen)).toEqual(r);
        } else {
          expect(MONEY_ERRORS).toContain(r.error.kind);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('refund amounts: never above the refundable amount, never throws', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: -5, max: 10_000_000 }), (text, refundable) => {
        const r = checkRefundAmount(text, refundable as Fen);
        if (r.ok) expect(r.amount).toBeLessThanOrEqual(refundable);
        else expect([...MONEY_ERRORS, 'over_refundable', 'nothing_refundable']).toContain(r.error.kind);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('keypad (src/features/pay/amount-input.ts, src/features/pay/keypad-keys.ts)', () => {
  it('any key sequence leaves well-formed text that parses (or is refused as empty/zero/over max)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<AmountKey>(...AMOUNT_KEYS), { maxLength: 60 }), (keys) => {
        const text = keys.reduce(applyAmountKey, '');
        expect(text).toMatch(new RegExp(`^(?:\\d{0,${MAX_WHOLE_DIGITS}}(?:\\.\\d{0,2})?)$`));
        const r = parseYuan(text);
        if (!r.ok) expect(['empty', 'zero', 'over_max']).toContain(r.error.kind);
      }),
      { numRuns: 3_000 },
    );
  });

  it('any keyboard event maps to a known pay key or nothing', () => {
    const keys = new Set<string>([...AMOUNT_KEYS, 'enter', 'escape']);
    fc.assert(
      fc.property(
        fc.record({
          key: fc.string({ maxLength: 12 }),
          code: fc.string({ maxLength: 14 }),
          ctrlKey: fc.boolean(),
          altKey: fc.boolean(),
          metaKey: fc.boolean(),
        }),
        (e) => {
          const k = payKeyOf(e);
          if (k !== undefined) expect(keys.has(k)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it(`${DEFAULT_MAX_FEN} fen is the default ceiling: one fen more is refused as over_max`, () => {
    expect(parseYuan(formatFen((DEFAULT_MAX_FEN + 1) as Fen))).toEqual({ ok: false, error: { kind: 'over_max', max: DEFAULT_MAX_FEN } });
  });
});

describe('customer codes (src/kernel/customer-code.ts)', () => {
  it('only 10–32 ASCII digits pass; everything else is a specific refusal; masking never shows the middle', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.stringMatching(/^\s*\d{1,40}\s*$/)), (raw) => {
        const r = checkCustomerCode(raw);
        if (r.ok) {
          expect(r.code).toMatch(new RegExp(`^\\d{${MIN_CODE_DIGITS},${MAX_CODE_DIGITS}}$`));
          const masked = maskCustomerCode(r.code);
          expect(masked.replace(/\D/g, '').length).toBeLessThanOrEqual(8);
          expect(masked).not.toContain(r.code);
        } else {
          expect(['empty', 'not_digits', 'bad_length']).toContain(r.error.kind);
        }
      }),
      { numRuns: 3_000 },
    );
  });
});
