/**
 * Small pure formatters for receipts and announcements (no floats, no locale surprises).
 * Yuan formatting delegates to `src/kernel/money.ts` so the app has one formatter; this adds the
 * minus sign a refund line needs.
 */
import type { Fen } from '@cpay/protocol';
import { formatFen } from '../../../kernel/money.js';

/** Integer fen → yuan string with two decimals: 2 → "0.02", 123456 → "1234.56", -1 → "-0.01". */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  return fen < 0 ? `-${formatFen(-fen as Fen)}` : formatFen(fen as Fen);
}
