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

/** China Standard Time (UTC+8, no daylight saving): receipts show shop-local time anywhere. */
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** Epoch ms → "YYYY-MM-DD HH:mm:ss" in China Standard Time. */
export function formatCst(ms: number): string {
  const d = new Date(ms + CST_OFFSET_MS);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
