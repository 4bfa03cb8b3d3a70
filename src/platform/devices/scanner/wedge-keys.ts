/**
 * Which character a keyboard-wedge key event stands for.
 *
 * Keyed on `KeyboardEvent.code` (the physical key) so that a Chinese IME, which reports
 * `key: 'Process'` while composing, cannot swallow the digits of a payment code. `key` is used
 * only when it is one printable character (it carries Shift and the layout, e.g. `:` or `A`).
 */

/** The subset of a KeyboardEvent the wedge detector needs. */
export interface WedgeKeyEvent {
  readonly code: string;
  readonly key: string;
  /** `KeyboardEvent.timeStamp` in ms. */
  readonly timeStamp: number;
  /** Auto-repeat from a held key: never part of a scan. */
  readonly repeat?: boolean;
  /** Shift held: used only when `key` is hidden by an IME (`Process`). */
  readonly shiftKey?: boolean;
}

/** Punctuation keys a scanner uses in URLs (US layout): [unshifted, shifted], for IME `Process` events. */
const PUNCTUATION_BY_CODE: Readonly<Record<string, readonly [string, string]>> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Semicolon: [';', ':'],
  Comma: [',', '<'],
  Quote: ["'", '"'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

/** Shifted digits on a US layout: Shift+1 = '!', … Shift+0 = ')'. */
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** Keys that never break a burst (a scanner presses Shift for capitals and URL punctuation). */
const IGNORED_CODES: ReadonlySet<string> = new Set(['ShiftLeft', 'ShiftRight', 'CapsLock', 'NumLock']);

/** Classification of one key event for the wedge state machine. */
export type WedgeKey = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'enter' } | { readonly kind: 'ignore' } | { readonly kind: 'other' };

/** Maps a key event to a character, Enter, an ignorable modifier, or anything else. */
export function wedgeKey(e: WedgeKeyEvent): WedgeKey {
  if (e.code === 'Enter' || e.code === 'NumpadEnter') return { kind: 'enter' };
  if (IGNORED_CODES.has(e.code)) return { kind: 'ignore' };
  if (isPrintable(e.key)) return { kind: 'char', char: e.key };
  const fromCode = charFromCode(e.code, e.shiftKey === true);
  return fromCode === undefined ? { kind: 'other' } : { kind: 'char', char: fromCode };
}

function isPrintable(key: string): boolean {
  if (key.length !== 1) return false;
  const c = key.charCodeAt(0);
  return c >= 0x20 && c < 0x7f;
}

/** The character a physical key produces on a US layout. Numpad digits ignore Shift. */
function charFromCode(code: string, shift: boolean): string | undefined {
  const digit = /^(Digit|Numpad)([0-9])$/.exec(code);
  if (digit) return shift && digit[1] === 'Digit' ? SHIFTED_DIGITS[Number(digit[2])] : digit[2];
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return shift ? letter : letter.toLowerCase();
  return PUNCTUATION_BY_CODE[code]?.[shift ? 1 : 0];
}
