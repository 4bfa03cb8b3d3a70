/**
 * The local books' atomic refund step (features/refund/refund-deps.ts `LocalRefundBooks`, used by features/bookkeeping/bookkeeping-flow.ts):
 * ONE IndexedDB readwrite transaction over `journal` and `refunds` reads the sale and its refunds,
 * asks the caller's synchronous `decide` what to write, and writes it before the transaction
 * commits. IndexedDB runs readwrite transactions whose scopes overlap one after the other, across
 * every connection of the origin (every tab and window of the till), so two windows refunding one
 * cash sale can never both pass the "refund ≤ refundable" check
 * (decision docs/decisions/0038-local-refund-atomic.md).
 *
 * The sale's row is written as ReportingJournal writes it (outbox-journal.ts): built by
 * `journalRow`, keeping the outbox's `reported` mark, and `onFinal` told when it still needs a
 * device_report.
 */
import type { LocalRefundBooks, LocalRefundStep } from '../../features/refund/refund-deps.js';
import type { RefundRecord } from '../../features/refund/refund.js';
import { StorageError } from '../../kernel/errors.js';
import { isOpenJournalStatus, type JournalEntry } from '../../kernel/flow/ports.js';
import type { Db } from './db.js';
import { journalRow } from './journal-row.js';

/** LocalRefundBooks over the terminal database. */
export class LocalRefundBooksRepo implements LocalRefundBooks {
  constructor(
    private readonly db: Db,
    private readonly onFinal: (outTradeNo: string) => void = () => undefined,
  ) {}

  async atomically<T>(outTradeNo: string, decide: (sale: JournalEntry | undefined, refunds: readonly RefundRecord[]) => LocalRefundStep<T>): Promise<T> {
    let step: LocalRefundStep<T>;
    let written: JournalEntry | undefined;
    try {
      const tx = this.db.transaction(['journal', 'refunds'], 'readwrite');
      const journal = tx.objectStore('journal');
      const refunds = tx.objectStore('refunds');
      const [row, rows] = await Promise.all([journal.get(outTradeNo), refunds.index('outTradeNo').getAll(outTradeNo)]);
      step = decide(
        row?.entry,
        rows.sort((a, b) => a.createdAt - b.createdAt),
      );
      const writes: Promise<unknown>[] = [];
      if (step.refund) writes.push(refunds.put(step.refund));
      if (step.sale) {
        written = row?.entry.reported === true ? { ...step.sale, reported: true } : step.sale;
        writes.push(journal.put(journalRow(written)));
      }
      await Promise.all([...writes, tx.done]);
    } catch (cause) {
      throw new StorageError('storage_failed', `The refund of ${outTradeNo} could not be written to the books; free some storage and try again.`, true, {
        cause,
      });
    }
    if (written && !isOpenJournalStatus(written.status) && written.reported !== true) this.onFinal(written.outTradeNo);
    return step.result;
  }
}
