/**
 * The device_report outbox flow (spec §6.8) as `(trigger$, deps) => Observable<ReportEvent>`.
 *
 * Triggers: a payment finished (queue its tally), a periodic tick and start-up (sweep the
 * journal for anything a crash left unqueued), the network came back. After each trigger the
 * outbox is drained: freeze → device_report → confirm on a verified status 0 → next batch.
 * A failed send keeps the batch and waits with capped exponential backoff and jitter, cut
 * short by the next trigger (an `online` event, a payment that just reached cpay).
 *
 * Flattening: `concatMap` both for queueing (tallies enter the outbox in payment order) and for
 * draining (one drain at a time, batches strictly oldest first, each drain after its trigger
 * so nothing queued is left behind). Queueing is not behind the drain, so the pending count
 * moves while offline.
 */
import {
  EMPTY,
  catchError,
  concat,
  concatMap,
  connect,
  defaultIfEmpty,
  defer,
  filter,
  from,
  map,
  merge,
  of,
  race,
  share,
  switchMap,
  take,
  tap,
  timer,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { reportRequest, type ReportBatch, type ReportIdentity } from './report.js';
import type { DeviceReportResponse } from '@cpay/protocol';
import type { CallOutcome, CpayPort } from '../../platform/net/ports.js';
import { describeOutcome } from '../../kernel/flow/flow-support.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';
import { backoffDelay, type BackoffOptions } from '../../kernel/flow/policy.js';
import type { Clock } from '../../kernel/flow/ports.js';

/** What starts work. */
export type ReportTrigger = { readonly type: 'payment'; readonly outTradeNo: string } | { readonly type: 'sweep' } | { readonly type: 'online' };

/** The outbox as the flow sees it (src/platform/storage/outbox-repo.ts). */
export interface OutboxPort {
  enqueuePayment(outTradeNo: string): Promise<boolean>;
  sweep(): Promise<number>;
  freeze(nonce: string, nowMs: number): Promise<(ReportBatch & { readonly id: number }) | undefined>;
  confirm(id: number): Promise<void>;
  markAttempt(id: number): Promise<void>;
  pendingCount(): Promise<number>;
}

/** Ports of the report flow. */
export interface ReportDeps {
  readonly cpay: CpayPort;
  readonly outbox: OutboxPort;
  readonly clock: Clock;
  readonly scheduler: SchedulerLike;
  /** The bound identity; undefined while unbound (reports wait). */
  readonly identity: () => ReportIdentity | undefined;
  readonly nonce: () => string;
  readonly random: () => number;
  readonly warn: (message: string, cause: unknown) => void;
}

/** What the flow tells the status bar and the logs. */
export type ReportEvent =
  | { readonly type: 'pending'; readonly count: number }
  | { readonly type: 'sent'; readonly batchId: number; readonly payments: number }
  | { readonly type: 'retrying'; readonly batchId: number; readonly attempt: number; readonly delayMs: number; readonly reason: string };

/** Backoff while reports cannot be delivered: 2 s doubling to 5 minutes, equal jitter. */
export const REPORT_BACKOFF: Omit<BackoffOptions, 'random'> = { baseMs: 2_000, capMs: 300_000 };

/** The report flow. Never errors, never subscribes. */
export function reportFlow(trigger$: Observable<ReportTrigger>, deps: ReportDeps): Observable<ReportEvent> {
  return trigger$.pipe(
    // Every trigger yields exactly one element (its pending count, or null when counting failed),
    // so every trigger gets its drain even when IndexedDB could not count.
    concatMap((t) => queue(t, deps).pipe(defaultIfEmpty(null))),
    connect((queued$) => {
      // A trigger that arrives while a send is in flight (the network coming back during a failing
      // attempt) must still cut the wait that follows: `wakes` counts every trigger, and a failed
      // send that saw one arrive retries at once instead of waiting out its backoff.
      let count = 0;
      const wake$ = queued$.pipe(
        tap(() => (count += 1)),
        share(),
      );
      const wakes: Wakes = { wake$, count: () => count };
      return merge(wake$.pipe(filter((e): e is ReportEvent => e !== null)), wake$.pipe(concatMap(() => drain(deps, wakes, 0))));
    }),
  );
}

/** The triggers, as the drain waits on them: the stream and how many have arrived so far. */
interface Wakes {
  readonly wake$: Observable<unknown>;
  count(): number;
}

function queue(t: ReportTrigger, deps: ReportDeps): Observable<ReportEvent> {
  const work = t.type === 'payment' ? () => deps.outbox.enqueuePayment(t.outTradeNo) : t.type === 'sweep' ? () => deps.outbox.sweep() : async () => 0;
  return defer(() => from(work())).pipe(
    catchError((err: unknown) => {
      deps.warn(`report outbox: could not queue (${t.type})`, err);
      return of(0);
    }),
    switchMap(() => pending(deps)),
  );
}

function pending(deps: ReportDeps): Observable<ReportEvent> {
  return defer(() => from(deps.outbox.pendingCount())).pipe(
    map((count): ReportEvent => ({ type: 'pending', count })),
    catchError((err: unknown) => {
      deps.warn('report outbox: count failed', err);
      return EMPTY;
    }),
  );
}

/** Sends batches until the outbox is empty; on failure waits (backoff or next trigger) and goes on. */
function drain(deps: ReportDeps, wakes: Wakes, attempt: number): Observable<ReportEvent> {
  return defer(() => from(deps.outbox.freeze(deps.nonce(), deps.clock.serverNow()))).pipe(
    catchError((err: unknown) => {
      deps.warn('report outbox: freeze failed', err);
      return of(undefined);
    }),
    switchMap((batch): Observable<ReportEvent> => (batch ? send(batch, deps, wakes, attempt) : EMPTY)),
  );
}

function send(batch: ReportBatch & { readonly id: number }, deps: ReportDeps, wakes: Wakes, attempt: number): Observable<ReportEvent> {
  const id = deps.identity();
  const seen = wakes.count();
  const call$: Observable<CallOutcome<DeviceReportResponse> | undefined> = id
    ? guardedCall(() => deps.cpay.call('device_report', reportRequest(batch, id)))
    : of(undefined);
  return call$.pipe(
    switchMap((o): Observable<ReportEvent> => {
      if (o?.kind === 'reply' && o.reply.status === 0) {
        return concat(
          defer(() => from(deps.outbox.confirm(batch.id))).pipe(
            switchMap(() => of<ReportEvent>({ type: 'sent', batchId: batch.id, payments: batch.outTradeNos.length })),
          ),
          pending(deps),
          drain(deps, wakes, 0),
        ).pipe(
          catchError((err: unknown) => {
            deps.warn('report outbox: confirm failed; the batch is sent again', err);
            return EMPTY;
          }),
        );
      }
      const delayMs = backoffDelay(attempt, { ...REPORT_BACKOFF, random: deps.random() });
      const reason = o ? describeOutcome(o) : 'not bound';
      const retry: ReportEvent = { type: 'retrying', batchId: batch.id, attempt: attempt + 1, delayMs, reason };
      // A trigger during the send (e.g. `online`) retries at once; otherwise the backoff or the next trigger.
      const wait$ = wakes.count() !== seen ? of(0) : race(timer(delayMs, deps.scheduler), wakes.wake$.pipe(take(1)));
      return concat(
        defer(() => from(deps.outbox.markAttempt(batch.id))).pipe(
          catchError(() => EMPTY),
          switchMap(() => EMPTY),
        ),
        of(retry),
        wait$.pipe(
          take(1),
          switchMap(() => drain(deps, wakes, attempt + 1)),
        ),
      );
    }),
  );
}
