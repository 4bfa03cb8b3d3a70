/**
 * Deposit journal bookkeeping, as pay-journal.ts does for orders: the first write must succeed
 * before anything is sent; later failed writes are reported through `warn` and the deposit goes on.
 */
import { catchError, defer, from, map, of, type Observable } from 'rxjs';
import { advanceDeposit, type DepositHistoryItem, type DepositRecord } from './deposit.js';
import type { Warn } from '../../kernel/flow/pay-journal.js';
import type { Clock } from '../../kernel/flow/ports.js';
import type { DepositJournalPort } from './deposit-deps.js';

/** The fields a transition may change. */
export type DepositPatch = Parameters<typeof advanceDeposit>[1];

/** Keeps the current record of one deposit and writes every transition. */
export class DepositRecorder {
  private record: DepositRecord;

  constructor(
    private readonly journal: DepositJournalPort,
    private readonly clock: Clock,
    first: DepositRecord,
    private readonly warn: Warn,
  ) {
    this.record = first;
  }

  /** The record as last written. */
  get current(): DepositRecord {
    return this.record;
  }

  /** Writes the first record; errors propagate so the caller can refuse to send. */
  create(): Observable<DepositRecord> {
    return defer(() => from(this.journal.put(this.record))).pipe(map(() => this.record));
  }

  /** Writes a transition that must be durable before the next request (a settlement number). */
  commit(patch: DepositPatch, step: Omit<DepositHistoryItem, 'at'>): Observable<DepositRecord> {
    return defer(() => {
      this.record = advanceDeposit(this.record, patch, step, this.clock.serverNow());
      const written = this.record;
      return from(this.journal.put(written)).pipe(map(() => written));
    });
  }

  /** Records a transition; a failed write is reported and the deposit continues. */
  record$(patch: DepositPatch, step: Omit<DepositHistoryItem, 'at'>): Observable<DepositRecord> {
    return this.commit(patch, step).pipe(
      catchError((err: unknown) => {
        this.warn(`deposit journal write failed for ${this.record.outFreezeNo} (${step.cause}); the deposit goes on`, err);
        return of(this.record);
      }),
    );
  }
}
