/**
 * Order and refund numbers (spec §11): the `cloud_cashier_id` prefix plus a suffix, at most 32
 * characters of `0-9A-Za-z`. Generation and persistence live in the app; this only checks.
 */

/** Longest out_trade_no / out_refund_no cpay accepts (String(32)). */
export const ORDER_NO_MAX_LENGTH = 32;

const ORDER_NO_CHARS = /^[0-9A-Za-z]+$/;

/** True when `no` starts with `prefix`, has a non-empty suffix, is ≤ 32 chars and only `0-9A-Za-z`. */
export function isValidOrderNo(no: string, prefix: string): boolean {
  return no.length > prefix.length && no.length <= ORDER_NO_MAX_LENGTH && no.startsWith(prefix) && ORDER_NO_CHARS.test(no);
}
