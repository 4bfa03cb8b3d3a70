import { isOpenJournalStatus, type JournalEntry, type JournalPort } from '../../kernel/flow/ports.js';
import type { Db } from './db.js';
import { JournalRepo } from './journal-repo.js';
import { journalRow } from './journal-row.js';

/**
 * The JournalPort the app uses: the journal store as JournalRepo keeps it, plus two duties of
 * the report outbox (spec §6.8):
 * - a put never clears the `reported` mark the outbox set (the mark and the outbox tally are
 *   written together; an order recorder holding an older copy of the entry must not undo it,
 *   or a later sweep would count the payment twice) — read and write share one transaction,
 *   and only a finished entry is read (open entries cannot carry the mark);
 * - once an entry is final and not yet reported, `onFinal` is told, so device_report follows
 *   each payment.
 */
export class ReportingJournal implements JournalPort {
  private readonly repo: JournalRepo;

  constructor(
    private readonly db: Db,
    private readonly onFinal: (outTradeNo: string) => void = () => undefined,
  ) {
    this.repo = new JournalRepo(db);
  }

  /** Inserts or replaces the entry, keeping `reported`; durable when the promise resolves. */
  async put(entry: JournalEntry): Promise<void> {
    const tx = this.db.transaction('journal', 'readwrite');
    // Only a finished entry can carry `reported` (enqueuePayment refuses open rows) and an order's
    // writes never go from finished back to open, so an open put has nothing to keep: no read, which
    // is the write in front of brief_micro_pay (scan-to-request).
    const open = isOpenJournalStatus(entry.status);
    const prev = open ? undefined : await tx.store.get(entry.outTradeNo);
    const merged = prev?.entry.reported === true ? { ...entry, reported: true } : entry;
    await tx.store.put(journalRow(merged));
    await tx.done;
    // A sale cancelled before its code never reached cpay: nothing for device_report to count.
    if (!isOpenJournalStatus(merged.status) && merged.status !== 'cancelled' && merged.reported !== true) this.onFinal(merged.outTradeNo);
  }

  /** The entry for `outTradeNo`, if any. */
  get(outTradeNo: string): Promise<JournalEntry | undefined> {
    return this.repo.get(outTradeNo);
  }

  /** Open entries (pending/unknown), oldest first. */
  listOpen(): Promise<JournalEntry[]> {
    return this.repo.listOpen();
  }
}
