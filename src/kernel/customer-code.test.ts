import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCustomerCode, maskCustomerCode, type CodeCheck } from './customer-code.js';

describe('checkCustomerCode', () => {
  it.each<[string, CodeCheck]>([
    ['135005875955002257', { ok: true, code: '135005875955002257', hint: 'wechat' }], // spec §6.5 example
    ['100000000000000000', { ok: true, code: '100000000000000000', hint: 'wechat' }],
    ['150000000000000000', { ok: true, code: '150000000000000000', hint: 'wechat' }],
    ['160000000000000000', { ok: true, code: '160000000000000000', hint: 'other' }], // 16: not WeChat, maybe a card
    ['2800000000000000', { ok: true, code: '2800000000000000', hint: 'alipay' }], // 16 digits
    ['288888888888888888', { ok: true, code: '288888888888888888', hint: 'alipay' }],
    ['300000000000000000000000', { ok: true, code: '300000000000000000000000', hint: 'alipay' }], // 24 digits
    ['3000000000000000000000000', { ok: true, code: '3000000000000000000000000', hint: 'other' }], // 25 digits
    ['2400000000000000', { ok: true, code: '2400000000000000', hint: 'other' }],
    ['1234567890', { ok: true, code: '1234567890', hint: 'other' }], // member card, 10 digits
    ['  135005875955002257\r\n', { ok: true, code: '135005875955002257', hint: 'wechat' }],
    ['', { ok: false, error: { kind: 'empty' } }],
    ['\n', { ok: false, error: { kind: 'empty' } }],
    ['13500587595500225a', { ok: false, error: { kind: 'not_digits' } }],
    ['1350 0587 5955', { ok: false, error: { kind: 'not_digits' } }],
    ['-135005875955002257', { ok: false, error: { kind: 'not_digits' } }],
    ['６９０１２３４５６７８９', { ok: false, error: { kind: 'not_digits' } }],
    ['6901234567', { ok: true, code: '6901234567', hint: 'other' }],
    ['69012345', { ok: false, error: { kind: 'bad_length', length: 8 } }], // EAN-8 product code
    ['123456789', { ok: false, error: { kind: 'bad_length', length: 9 } }],
    ['1'.repeat(33), { ok: false, error: { kind: 'bad_length', length: 33 } }],
  ])('%j', (raw, expected) => {
    expect(checkCustomerCode(raw)).toEqual(expected);
  });

  it('accepts every digit string of 10–32 digits and nothing with a letter', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10,32}$/), (code) => {
        expect(checkCustomerCode(code).ok).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5,15}[a-zA-Z]\d{5,15}$/), (code) => {
        expect(checkCustomerCode(code)).toEqual({ ok: false, error: { kind: 'not_digits' } });
      }),
    );
  });
});

describe('maskCustomerCode', () => {
  it.each([
    ['135005875955002257', '1350**********2257'],
    ['12345678', '********'],
    ['1234567890', '1234**7890'],
  ])('%s → %s', (code, masked) => {
    expect(maskCustomerCode(code)).toBe(masked);
  });
});
