/**
 * Checking a refund amount on the terminal before anything is sent (spec §10.4 step 4, §11):
 * malformed, zero (including 0.001) and more than refundable are refused with a specific
 * reason; "more than refundable" is the spec's "超过可退金额".
 */
import type { Fen } from '@cpay/protocol';
import { formatFen, parseYuan, type MoneyError } from '../../kernel/money.js';

/** Why a refund amount was refused. */
export type RefundAmountError =
  MoneyError | { readonly kind: 'over_refundable'; readonly requested: Fen; readonly refundable: Fen } | { readonly kind: 'nothing_refundable' };

/** The amount in fen, or why not. */
export type RefundAmountCheck = { readonly ok: true; readonly amount: Fen } | { readonly ok: false; readonly error: RefundAmountError };

/**
 * Parses the cashier's yuan text and checks it against what is refundable. An amount above the
 * refundable one is refused even when it would pass the general payment ceiling.
 */
export function checkRefundAmount(text: string, refundable: Fen): RefundAmountCheck {
  if (refundable <= 0) return { ok: false, error: { kind: 'nothing_refundable' } };
  const parsed = parseYuan(text, Number.MAX_SAFE_INTEGER as Fen);
  if (!parsed.ok) return parsed;
  if (parsed.fen > refundable) {
    return { ok: false, error: { kind: 'over_refundable', requested: parsed.fen, refundable } };
  }
  return { ok: true, amount: parsed.fen };
}

/** The amount to pre-fill: everything still refundable, as yuan text ("" when nothing is). */
export function defaultRefundText(refundable: Fen): string {
  return refundable > 0 ? formatFen(refundable) : '';
}
