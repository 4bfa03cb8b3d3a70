/**
 * Editing the amount text key by key (on-screen keypad and physical keyboard alike). Keeps the
 * text a well-formed yuan amount while typing: one point, at most two decimals, no leading
 * zeros, at most MAX_WHOLE_DIGITS before the point. Whether the amount is acceptable (zero,
 * over the maximum) is decided by `parseYuan` on Enter, so the cashier gets a specific message.
 */

/** Keys the amount editor understands. */
export type AmountKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.' | 'backspace' | 'clear';

/** Every key, for keypads and tests. */
export const AMOUNT_KEYS: readonly AmountKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', '00', 'backspace', 'clear'];

/** Digits allowed before the point (99 999 999 yuan; the configured maximum is lower). */
export const MAX_WHOLE_DIGITS = 8;

function appendDigit(text: string, digit: string): string {
  const point = text.indexOf('.');
  if (point >= 0) return text.length - point - 1 >= 2 ? text : text + digit;
  if (text === '0') return digit;
  return text.length >= MAX_WHOLE_DIGITS ? text : text + digit;
}

/** The text after pressing `key`. Pure; keys that would make the text malformed are ignored. */
export function applyAmountKey(text: string, key: AmountKey): string {
  switch (key) {
    case 'clear':
      return '';
    case 'backspace':
      return text.slice(0, -1);
    case '.':
      return text.includes('.') ? text : `${text === '' ? '0' : text}.`;
    case '00':
      return appendDigit(appendDigit(text, '0'), '0');
    default:
      return appendDigit(text, key);
  }
}

/**
 * True when `text` has a character an amount cannot contain: anything but digits and one decimal
 * point (a letter, a sign, an exponent, a second point). Such text is kept as typed and refused
 * with its own message; nothing is guessed from it ("1e9" is not ¥19, "-5" not ¥5, "0.1.2" not ¥0.12).
 */
export function hasInvalidAmountChars(text: string): boolean {
  return /[^0-9.]/.test(text) || text.indexOf('.') !== text.lastIndexOf('.');
}

/**
 * The text after a character that is not an amount key (or a second point): appended as typed,
 * so the refusal shows what the cashier typed and nothing proceeds until it is removed.
 */
export function appendRefusedChar(text: string, char: string): string {
  return `${text}${char}`.slice(0, 24);
}
