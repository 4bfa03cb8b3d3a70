import { isOpenJournalStatus, type JournalEntry } from '../../kernel/flow/ports.js';
import type { JournalRow } from './schema.js';

/**
 * The stored row of a journal entry: `open` (0/1); only on a finished entry not yet carried by
 * device_report, `unreported: 1`; only on a paid entry whose receipt is still owed, `receiptOwed`
 * = the entry's `createdAt` (v6). Both are sparse indexes: a year of reported, printed orders is
 * in neither. Every writer of the journal store builds its row here, so the indexed flags never
 * disagree with the entry.
 */
export function journalRow(entry: JournalEntry): JournalRow {
  const open = isOpenJournalStatus(entry.status);
  return {
    outTradeNo: entry.outTradeNo,
    open: open ? 1 : 0,
    ...(!open && entry.reported !== true ? { unreported: 1 as const } : {}),
    ...(isReceiptOwed(entry) ? { receiptOwed: entry.createdAt } : {}),
    entry,
  };
}

/** A paid order whose receipt the printer side has not stored yet (owed-receipts.ts). */
export function isReceiptOwed(entry: JournalEntry): boolean {
  return entry.receiptOwed === true && entry.status === 'success';
}
