import { describe, expect, it } from 'vitest';
import { payKeyOf, type KeyLike, type PayKey } from './keypad-keys.js';

describe('payKeyOf', () => {
  it.each<[KeyLike, PayKey | undefined]>([
    [{ key: '7', code: 'Digit7' }, '7'],
    [{ key: '7', code: 'Numpad7' }, '7'],
    [{ key: 'Home', code: 'Numpad7' }, '7'], // NumLock off: the code still says 7
    [{ key: '.', code: 'Period' }, '.'],
    [{ key: 'Delete', code: 'NumpadDecimal' }, '.'],
    [{ key: '。', code: 'Period' }, '.'], // Chinese IME full stop
    [{ key: 'Enter', code: 'Enter' }, 'enter'],
    [{ key: 'Enter', code: 'NumpadEnter' }, 'enter'],
    [{ key: 'Escape', code: 'Escape' }, 'escape'],
    [{ key: 'Backspace', code: 'Backspace' }, 'backspace'],
    [{ key: 'Delete', code: 'Delete' }, 'clear'],
    [{ key: 'a', code: 'KeyA' }, undefined],
    [{ key: 'Tab', code: 'Tab' }, undefined],
    [{ key: 'r', code: 'KeyR', ctrlKey: true }, undefined],
    [{ key: '1', code: 'Digit1', altKey: true }, undefined],
  ])('%j → %s', (e, key) => {
    expect(payKeyOf(e)).toBe(key);
  });
});
