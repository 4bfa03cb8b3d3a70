/**
 * Customer payment codes (`ac`, spec §6.5): refuse shapes that cannot be a payment code before
 * anything is sent, so a stray keystroke or a product barcode never becomes a request.
 *
 * Known shapes: WeChat Pay 18 digits starting 10–15; Alipay 16–24 digits starting 25–30. The
 * back end also accepts member-card codes whose format the seeds do not give, so the check is
 * deliberately permissive: any 10–32 digits pass (too short for an EAN-8 product code, no
 * longer than cpay's order-number width), and the platform is only a hint for display. Letters,
 * spaces inside the code and other lengths are refused.
 */

/** Fewest digits accepted (shorter strings are keypad slips or product codes). */
export const MIN_CODE_DIGITS = 10;
/** Most digits accepted. */
export const MAX_CODE_DIGITS = 32;

/** Which wallet a code's shape suggests; the server decides, this only labels the wait screen. */
export type CodeHint = 'wechat' | 'alipay' | 'other';

/** Why a code was refused before sending. */
export type CodeError = { readonly kind: 'empty' } | { readonly kind: 'not_digits' } | { readonly kind: 'bad_length'; readonly length: number };

/** A code fit to send, or why not. */
export type CodeCheck = { readonly ok: true; readonly code: string; readonly hint: CodeHint } | { readonly ok: false; readonly error: CodeError };

/** Shape rules as data: first matching row names the hint. */
const HINTS: readonly { readonly hint: CodeHint; readonly pattern: RegExp }[] = [
  { hint: 'wechat', pattern: /^1[0-5]\d{16}$/ },
  { hint: 'alipay', pattern: /^(2[5-9]|30)\d{14,22}$/ },
];

/**
 * Checks a scanned or typed code. Surrounding whitespace (a wedge scanner's CR/LF/Tab) is
 * trimmed; anything else that is not a digit is refused.
 */
export function checkCustomerCode(raw: string): CodeCheck {
  const code = raw.trim();
  if (code === '') return { ok: false, error: { kind: 'empty' } };
  if (!/^\d+$/.test(code)) return { ok: false, error: { kind: 'not_digits' } };
  if (code.length < MIN_CODE_DIGITS || code.length > MAX_CODE_DIGITS) {
    return { ok: false, error: { kind: 'bad_length', length: code.length } };
  }
  const hint = HINTS.find((row) => row.pattern.test(code))?.hint ?? 'other';
  return { ok: true, code, hint };
}

/**
 * Masks a code for logs and the journal: first 4 and last 4 digits kept, so support can match a
 * receipt without the journal holding a usable payment code.
 */
export function maskCustomerCode(code: string): string {
  if (code.length <= 8) return '*'.repeat(code.length);
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 8)}${code.slice(-4)}`;
}
