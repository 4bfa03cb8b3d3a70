import { describe, expect, it } from 'vitest';
import { isPlaceholderSubTerminalType, parseMaxAmount, parseSpbillIp, parseSubTerminalType } from './terminal-settings.js';

describe('payment settings', () => {
  it.each([
    ['500', { ok: true, value: 50_000 }],
    ['0.01', { ok: true, value: 1 }],
    ['1000000', { ok: true, value: 100_000_000 }],
    ['1000000.01', { ok: false, error: { field: 'maxAmount', money: { kind: 'over_max', max: 100_000_000 } } }],
    ['0', { ok: false, error: { field: 'maxAmount', money: { kind: 'zero' } } }],
    ['-5', { ok: false, error: { field: 'maxAmount', money: { kind: 'negative', input: '-5' } } }],
    ['1.234', { ok: false, error: { field: 'maxAmount', money: { kind: 'too_many_decimals', input: '1.234' } } }],
    ['abc', { ok: false, error: { field: 'maxAmount', money: { kind: 'malformed', input: 'abc' } } }],
  ])('max amount %s', (text, expected) => {
    expect(parseMaxAmount(text)).toEqual(expected);
  });

  it.each([
    ['2451', { ok: true, value: 2451 }],
    [' 17 ', { ok: true, value: 17 }],
    ['', { ok: false, error: { field: 'subTerminalType', kind: 'required', input: '' } }],
    ['12.5', { ok: false, error: { field: 'subTerminalType', kind: 'not_integer', input: '12.5' } }],
    ['-3', { ok: false, error: { field: 'subTerminalType', kind: 'not_integer', input: '-3' } }],
    ['0', { ok: false, error: { field: 'subTerminalType', kind: 'out_of_range', input: '0' } }],
    ['2147483648', { ok: false, error: { field: 'subTerminalType', kind: 'out_of_range', input: '2147483648' } }],
  ])('sub_terminal_type %j', (text, expected) => {
    expect(parseSubTerminalType(text)).toEqual(expected);
  });

  it('spbill_create_ip must be dotted IPv4', () => {
    expect(parseSpbillIp('192.168.1.20')).toEqual({ ok: true, value: '192.168.1.20' });
    expect(parseSpbillIp('127.0.0.1').ok).toBe(true);
    for (const bad of ['', '256.1.1.1', '1.2.3', '01.2.3.4', 'a.b.c.d', '::1']) expect(parseSpbillIp(bad).ok).toBe(false);
  });

  it('knows the shipped placeholder', () => {
    expect(isPlaceholderSubTerminalType(2451)).toBe(true);
    expect(isPlaceholderSubTerminalType(7)).toBe(false);
  });
});
