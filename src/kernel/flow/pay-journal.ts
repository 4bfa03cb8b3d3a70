/**
 * Journal bookkeeping for one order: builds entries and appends history, writing each
 * transition through the JournalPort. The first write must succeed before anything is sent
 * (spec §10.2 step 4); later writes failing must not stop a payment that may be charging the
 * customer, so they are reported through `warn` and the payment goes on.
 */
import { catchError, defer, from, map, of, type Observable } from 'rxjs';
import type { Clock, JournalEntry, JournalHistoryItem, JournalPort } from './ports.js';

/** The fields of an entry a transition may change. */
export type EntryPatch = Partial<Pick<JournalEntry, 'status' | 'platform' | 'lastState' | 'description' | 'codeUrl' | 'apiCallingInfos' | 'maskedCode'>>;

/** A history step without its time (the recorder stamps it with server time). */
export type HistoryStep = Omit<JournalHistoryItem, 'at'>;

/** Reports a non-fatal problem (a journal write that failed mid-payment). */
export type Warn = (message: string, cause: unknown) => void;

/**
 * The entry after one transition: patched, history appended, `updatedAt` moved. Pure. The write
 * that makes an order paid also marks its receipt owed (`receiptOwed`), in the same record: the
 * success is never on screen before the terminal durably knows a receipt is due (the printer side
 * clears the mark once the print job is stored; a reload in between prints it at the next start).
 */
export function advanceEntry(entry: JournalEntry, patch: EntryPatch, step: HistoryStep | readonly HistoryStep[], at: number): JournalEntry {
  const owed = patch.status === 'success' && entry.status !== 'success' ? { receiptOwed: true as const } : {};
  const steps = (Array.isArray(step) ? step : [step]) as readonly HistoryStep[];
  return { ...entry, ...patch, ...owed, updatedAt: at, history: [...entry.history, ...steps.map((x) => ({ at, ...x }))] };
}

/** Keeps the current entry of one order and writes every transition. One per order run. */
export class OrderRecorder {
  private entry: JournalEntry;

  constructor(
    private readonly journal: JournalPort,
    private readonly clock: Clock,
    first: JournalEntry,
    private readonly warn: Warn,
  ) {
    this.entry = first;
  }

  /** The entry as last recorded. */
  get current(): JournalEntry {
    return this.entry;
  }

  /** Writes the first entry; errors propagate so the caller can refuse to send. */
  create(): Observable<JournalEntry> {
    return defer(() => from(this.journal.put(this.entry))).pipe(map(() => this.entry));
  }

  /**
   * Records a transition (or several steps in one write); a failed write is reported and the
   * payment continues.
   */
  record(patch: EntryPatch, step: HistoryStep | readonly HistoryStep[]): Observable<JournalEntry> {
    return defer(() => {
      this.entry = advanceEntry(this.entry, patch, step, this.clock.serverNow());
      const written = this.entry;
      return from(this.journal.put(written)).pipe(
        map(() => written),
        catchError((err: unknown) => {
          const cause = (Array.isArray(step) ? step : [step]).map((x: HistoryStep) => x.cause).join(', ');
          this.warn(`journal write failed for ${written.outTradeNo} (${cause}); the payment goes on`, err);
          return of(written);
        }),
      );
    });
  }
}
