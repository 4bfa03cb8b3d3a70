/**
 * Reprinting a payment receipt from the history: which rows offer it, and what the copy needs.
 * The copy states the order as the history shows it (cpay's state merged with this terminal's
 * journal), so a declined, unknown or refunded order is never reprinted as "paid".
 */
import type { Fen, PayPlatformName } from '@cpay/protocol';
import type { HistoryRow, HistoryStatus } from './history.js';

/** An order whose payment receipt is reprinted, with its real state. */
export interface ReprintOrder {
  readonly outTradeNo: string;
  readonly amount: Fen;
  readonly platform: PayPlatformName | undefined;
  readonly status: HistoryStatus;
  /** When the order was paid (the history row's time): a copy prints it, never the reprint time. */
  readonly at?: number;
  /** A cash / card bookkeeping sale: its copy names 现金 or 银行卡 (and never kicks the drawer). */
  readonly bookkeeping?: { readonly method: 'cash' | 'card' };
}

/**
 * Payment states a receipt makes sense for: the customer paid (a refunded order was paid too,
 * its copy says refunded). Failed, pending and unknown orders have no receipt to copy.
 */
const REPRINTABLE: ReadonlySet<HistoryStatus> = new Set<HistoryStatus>(['success', 'refunded']);

/** True when the history offers "Reprint" on this row. */
export function isReprintable(row: HistoryRow): boolean {
  return row.kind === 'payment' && REPRINTABLE.has(row.status);
}

/** The reprint request for a history row. */
export function reprintOrderOf(row: HistoryRow): ReprintOrder {
  return {
    outTradeNo: row.outTradeNo,
    amount: row.amount,
    platform: row.platform,
    status: row.status,
    at: row.at,
    ...(row.method ? { bookkeeping: { method: row.method } } : {}),
  };
}
