/**
 * Physical keyboard → payment keys: the main row, the numeric keypad (NumLock on or off is
 * read from `code`, so a numpad digit counts whatever `key` says) and the keyboard-wedge
 * scanner's Enter. Data, not branches.
 */
import type { AmountKey } from './amount-input.js';

/** What a key press means on the checkout screen. */
export type PayKey = AmountKey | 'enter' | 'escape';

/** The parts of a KeyboardEvent the mapping reads. */
export interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
}

// Maps, not object literals: a key named "toString" or "__proto__" must not reach Object.prototype.
const BY_CODE: ReadonlyMap<string, PayKey> = new Map(
  Object.entries({
    Numpad0: '0',
    Numpad1: '1',
    Numpad2: '2',
    Numpad3: '3',
    Numpad4: '4',
    Numpad5: '5',
    Numpad6: '6',
    Numpad7: '7',
    Numpad8: '8',
    Numpad9: '9',
    NumpadDecimal: '.',
    NumpadComma: '.',
    NumpadEnter: 'enter',
  } satisfies Record<string, PayKey>),
);

const BY_KEY: ReadonlyMap<string, PayKey> = new Map(
  Object.entries({
    0: '0',
    1: '1',
    2: '2',
    3: '3',
    4: '4',
    5: '5',
    6: '6',
    7: '7',
    8: '8',
    9: '9',
    '.': '.',
    '。': '.',
    Enter: 'enter',
    Escape: 'escape',
    Backspace: 'backspace',
    Delete: 'clear',
  } satisfies Record<string, PayKey>),
);

/** The payment key for a key press, or undefined (shortcuts with Ctrl/Alt/Meta are left alone). */
export function payKeyOf(e: KeyLike): PayKey | undefined {
  if (e.ctrlKey || e.altKey || e.metaKey) return undefined;
  return BY_CODE.get(e.code) ?? BY_KEY.get(e.key);
}
