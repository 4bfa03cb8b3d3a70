/**
 * Amount bounds from the documents: brief requests declare `tf` as Int of length 8 (at most
 * 99 999 999 fen) and full requests declare `total_fee` / `refund_fee` as Number(32) (at most
 * 2^31 − 1 fen) (spec digest §3.4 tables; 003 micropay and refund request tables).
 */
export const MAX_FEE = { brief: 99_999_999, full: 2_147_483_647 } as const;

/** A problem text when `fee` is above the documented bound, else undefined. */
export function feeTooLarge(fee: number, brief: boolean, field: string): string | undefined {
  const max = brief ? MAX_FEE.brief : MAX_FEE.full;
  return fee > max ? `${field} 超过上限 ${max} 分` : undefined;
}
