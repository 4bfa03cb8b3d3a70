/**
 * The history as a CSV table (issue 20's export): one row per payment, refund or deposit step,
 * oldest first, with the signed amount in yuan (refunds negative) and in fen, and where the row
 * comes from (cpay's list or this terminal only). Bookkeeping sales and refunds (cash, card) come
 * from the local journal. Captions and words come from the caller (the UI's language). Pure.
 */
import { formatCst } from '../../kernel/china-time.js';
import { encodeCsv, yuanCell } from '../../kernel/csv.js';
import type { HistoryRow, HistoryStatus } from './history.js';

/** A row of the export: a history row, or a bookkeeping sale/refund read from the journal. */
export interface ExportRow {
  readonly at: number;
  readonly kind: HistoryRow['kind'];
  readonly depositStep?: HistoryRow['depositStep'];
  readonly outTradeNo: string;
  readonly outRefundNo?: string;
  /** PayPlatformName, or `cash` / `bankcard` for bookkeeping rows. */
  readonly method?: string;
  readonly status: HistoryStatus;
  /** Unsigned fen as listed. */
  readonly amount: number;
  readonly source: 'server' | 'local';
}

/** Captions and words of the export, in the UI's language. */
export interface HistoryCsvLabels {
  readonly columns: readonly [
    time: string,
    type: string,
    orderNo: string,
    refundNo: string,
    method: string,
    status: string,
    yuan: string,
    fen: string,
    source: string,
  ];
  readonly kind: (r: ExportRow) => string;
  readonly method: (m: string | undefined) => string;
  readonly status: (s: HistoryStatus) => string;
  readonly source: (s: ExportRow['source']) => string;
}

/** The signed amount of a row: refunds and deposit releases go out (negative), the rest in. */
export function signedFen(r: Pick<ExportRow, 'kind' | 'depositStep' | 'amount'>): number {
  return r.kind === 'refund' || r.depositStep === 'unfreeze' ? -r.amount : r.amount;
}

/** The CSV text. */
export function historyCsv(rows: readonly ExportRow[], l: HistoryCsvLabels): string {
  const sorted = [...rows].sort((a, b) => a.at - b.at || (a.outRefundNo ?? a.outTradeNo).localeCompare(b.outRefundNo ?? b.outTradeNo));
  return encodeCsv(
    l.columns,
    sorted.map((r) => [
      formatCst(r.at),
      l.kind(r),
      r.outTradeNo,
      r.outRefundNo ?? '',
      l.method(r.method),
      l.status(r.status),
      yuanCell(signedFen(r)),
      signedFen(r),
      l.source(r.source),
    ]),
  );
}
