/**
 * Money as integer fen (spec §11): yuan text from the keypad or keyboard is parsed as a decimal
 * string, digit by digit, never through a float, and every refusal is a specific value the UI
 * turns into a message.
 */
import type { Fen } from '@cpay/protocol';

/** Why an amount text was refused. */
export type MoneyError =
  | { readonly kind: 'empty' }
  | { readonly kind: 'malformed'; readonly input: string }
  | { readonly kind: 'too_many_decimals'; readonly input: string }
  | { readonly kind: 'zero' }
  /** Positive but below one fen (e.g. 0.001): the spec blocks it like zero (003 L10694). */
  | { readonly kind: 'rounds_to_zero'; readonly input: string }
  | { readonly kind: 'negative'; readonly input: string }
  | { readonly kind: 'over_max'; readonly max: Fen };

/** Outcome of parsing: the amount in fen, or why not. */
export type MoneyParse = { readonly ok: true; readonly fen: Fen } | { readonly ok: false; readonly error: MoneyError };

/** Default ceiling for one payment (50 000.00 yuan); the terminal's settings may lower or raise it. */
export const DEFAULT_MAX_FEN = 5_000_000 as Fen;

/** Digits before the point beyond which the value is certainly over any sane maximum. */
const MAX_INTEGER_DIGITS = 12;

/** Optional sign, integer digits, optional point with decimals; "12.", ".5" are accepted. */
const AMOUNT_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

const fail = (error: MoneyError): MoneyParse => ({ ok: false, error });

/**
 * Parses yuan text ("12", "12.3", "12.30", ".5", " 7 ") into fen.
 * Order of checks: empty → malformed → negative → below one fen → too many decimals → zero → over max,
 * so "0.001" reports `rounds_to_zero` (the spec's example) and "1.234" reports `too_many_decimals`.
 */
export function parseYuan(text: string, maxFen: Fen = DEFAULT_MAX_FEN): MoneyParse {
  const input = text.trim();
  if (input === '') return fail({ kind: 'empty' });
  const m = AMOUNT_TEXT.exec(input);
  const sign = m?.[1] ?? '';
  const whole = m?.[2] ?? '';
  const decimals = m?.[3] ?? '';
  if (!m || (whole === '' && decimals === '')) return fail({ kind: 'malformed', input });
  if (sign === '-') return fail({ kind: 'negative', input });
  const wholeDigits = whole.replace(/^0+/, '');
  const fenDigits = decimals.slice(0, 2).padEnd(2, '0');
  const beyondFen = decimals.slice(2);
  const isBelowOneFen = wholeDigits === '' && fenDigits === '00';
  if (isBelowOneFen && /[1-9]/.test(beyondFen)) return fail({ kind: 'rounds_to_zero', input });
  if (/[1-9]/.test(beyondFen)) return fail({ kind: 'too_many_decimals', input });
  if (isBelowOneFen) return fail({ kind: 'zero' });
  if (wholeDigits.length > MAX_INTEGER_DIGITS) return fail({ kind: 'over_max', max: maxFen });
  const value = Number(wholeDigits === '' ? '0' : wholeDigits) * 100 + Number(fenDigits);
  if (value > maxFen) return fail({ kind: 'over_max', max: maxFen });
  return { ok: true, fen: value as Fen };
}

/** Formats fen as yuan with two decimals: 1230 → "12.30", 5 → "0.05". Integer arithmetic only. */
export function formatFen(amount: Fen): string {
  const whole = Math.floor(amount / 100);
  const rest = amount % 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

/** Formats fen with the yuan sign for display and receipts: "¥12.30". */
export function formatYuan(amount: Fen): string {
  return `¥${formatFen(amount)}`;
}

/** Integer fen → yuan string with two decimals and a minus sign for a negative amount (refund lines): 2 → "0.02", -1 → "-0.01". */
export function formatSignedFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  return fen < 0 ? `-${formatFen(-fen as Fen)}` : formatFen(fen as Fen);
}
