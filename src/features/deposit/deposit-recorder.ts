/**
 * Deposit journal bookkeeping, as pay-journal.ts does for orders: the first write must succeed
 * before anything is sent; later failed writes are reported through `warn` and the deposit goes on.
 */
import { catchError, defer, from, map, of, type Observable } from 'rxjs';
import { advanceDeposit, type DepositHistoryItem, type DepositRecord, type DepositStatus } from './deposit.js';
import type { Warn } from '../../kernel/flow/pay-journal.js';
import type { Clock } from '../../kernel/flow/ports.js';
import type { DepositDeps, DepositJournalPort } from './deposit-deps.js';
import type { DepositEvent, DepositResult } from './deposit-events.js';

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

/** What a new deposit is journaled with besides what every new deposit gets (number, body, `pending`, times, first history line). */
export type NewDepositFields = Omit<DepositRecord, 'outFreezeNo' | 'body' | 'status' | 'createdAt' | 'updatedAt' | 'history'>;

/**
 * Journals a new deposit `no` as `pending` at `at` (server time), BEFORE anything is sent, and
 * gives its recorder; the write failing is an error (nothing may be sent then). Shared by the
 * scanned-code (micro_freeze) and QR (scancode_freeze) deposits.
 */
export function journalNewDeposit(no: string, at: number, fields: NewDepositFields, cause: string, deps: DepositDeps): Observable<DepositRecorder> {
  const t = deps.terminal();
  const staffId = t.client.staffId;
  const r = new DepositRecorder(
    deps.deposits,
    deps.clock,
    {
      outFreezeNo: no,
      body: t.body,
      status: 'pending',
      ...(staffId === undefined ? {} : { staffId }),
      ...fields,
      createdAt: at,
      updatedAt: at,
      history: [{ at, phase: 'submitting', cause }],
    },
    deps.warn,
  );
  return r.create().pipe(map(() => r));
}

const STATUS_OF: { readonly [O in DepositResult['outcome']]: DepositStatus } = { frozen: 'frozen', failed: 'failed', unknown: 'unknown' };

/** Journals how a deposit being taken ended (with cpay's last freeze state `cts`), says it, and reports it as the run's `taken` event. */
export function journalTaken(recorder: DepositRecorder, result: DepositResult, cts: number | undefined, deps: DepositDeps): Observable<DepositEvent> {
  const description = result.outcome === 'frozen' ? undefined : result.description;
  return recorder.record$({ status: STATUS_OF[result.outcome], lastCts: cts, description }, { phase: result.outcome, cause: 'taken', cts, description }).pipe(
    map((): DepositEvent => {
      deps.depositVoice.say(
        result.outcome === 'frozen'
          ? { kind: 'deposit_frozen', platform: result.platform ?? 'unknown', amount: result.amount }
          : result.outcome === 'failed'
            ? { kind: 'deposit_failed', amount: result.amount }
            : { kind: 'deposit_unknown' },
      );
      return { type: 'taken', result };
    }),
  );
}
