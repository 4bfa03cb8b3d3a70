/**
 * Payment receipts owed (issue 15): the journal write that makes an order paid marks its receipt
 * owed (`receiptOwed`, kernel/flow/pay-journal.ts). The printer side clears the mark once the
 * print job is stored (from then on the print-once queue owns it: done, or resumed when the
 * printer is back). A page reloaded or closed between the success and the stored job leaves the
 * mark set: at the next start the receipt is printed under the same job id, so it prints once.
 */
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { Db } from './db.js';
import { isReceiptOwed, journalRow } from './journal-row.js';

/** How far back a start looks for owed receipts. */
export const OWED_RECEIPT_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * Paid orders created since `since` (server ms) whose receipt is still owed, oldest first: a key
 * range of the sparse v6 `receiptOwed` index (keyed by createdAt), which holds only the owed rows,
 * so a start reads those and nothing of the week's other orders.
 */
export async function owedReceipts(db: Db, since: number): Promise<JournalEntry[]> {
  const rows = await db.getAllFromIndex('journal', 'receiptOwed', IDBKeyRange.lowerBound(since));
  return rows.map((r) => r.entry).filter(isReceiptOwed);
}

/**
 * The receipt of `outTradeNo` is in the print queue's store: clears the mark. Read and write share
 * one transaction, so nothing another writer set meanwhile (the `reported` mark) is lost.
 */
export async function receiptStored(db: Db, outTradeNo: string): Promise<void> {
  const tx = db.transaction('journal', 'readwrite');
  const row = await tx.store.get(outTradeNo);
  if (row?.entry.receiptOwed === true) {
    const { receiptOwed: _owed, ...entry } = row.entry;
    await tx.store.put(journalRow(entry));
  }
  await tx.done;
}
