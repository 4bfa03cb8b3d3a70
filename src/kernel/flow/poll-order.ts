/**
 * Polling an order until cpay reports a final state (spec §10.2 step 7, §10.3 step 4): wait,
 * query, decide; the wait is counted from each reply (not a fixed rate), 2 s normally and 3 s
 * after a 103. Never ends on its own without a final state: callers bound it with their
 * give-up deadline. Pure function of its inputs; the scheduler supplies all time.
 */
import { EMPTY, catchError, defaultIfEmpty, defer, expand, map, of, switchMap, take, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { OrderStateOnWire, RequestOf } from '@cpay/protocol';
import type { CallOutcome, CpayPort } from '../../platform/net/ports.js';
import { decideQuery, type PollDecision } from './pay-classify.js';
import { nextPollDelay } from './policy.js';

/** One query and what it means. */
export interface Probe {
  readonly outcome: CallOutcome<unknown>;
  readonly decision: PollDecision;
  /** The order state in the answer, when there was one. */
  readonly state: OrderStateOnWire | undefined;
}

/** Maps a reply's business object, keeping the outcome otherwise as it is. */
export function mapOutcomeBody<A, B>(outcome: CallOutcome<A>, f: (body: A) => B): CallOutcome<B> {
  if (outcome.kind !== 'reply') return outcome;
  const { body, ...head } = outcome.reply;
  return { ...outcome, reply: body === undefined ? head : { ...head, body: f(body) } };
}

/**
 * A call that always yields exactly one outcome: a port that throws or completes empty (a bug,
 * not an expected outcome) becomes an `unknown` outcome, so the order is never declared failed
 * on a defect and the flow stays alive.
 */
export function guardedCall<T>(call: () => Observable<CallOutcome<T>>): Observable<CallOutcome<T>> {
  const broken = (detail: string): CallOutcome<T> => ({ kind: 'unknown', reason: 'garbled', detail, durationMs: 0 });
  return defer(call).pipe(
    take(1),
    defaultIfEmpty(broken('the cpay port completed without an outcome')),
    catchError((err: unknown) => of(broken(`the cpay port failed: ${err instanceof Error ? err.message : String(err)}`))),
  );
}

/** Probes with brief_query_order (micropay orders); a fresh nonce per query. */
export function briefProbe(cpay: CpayPort, req: () => RequestOf<'brief_query_order'>): () => Observable<Probe> {
  return () => guardedCall(() => cpay.call('brief_query_order', req())).pipe(map((outcome) => probeOf(outcome, (b) => b.state)));
}

/** Probes with the general query_order (scan-code orders), reading `order.state`. */
export function fullProbe(cpay: CpayPort, req: () => RequestOf<'query_order'>): () => Observable<Probe> {
  return () => guardedCall(() => cpay.call('query_order', req())).pipe(map((outcome) => probeOf(outcome, (b) => b.order.state)));
}

function probeOf<T>(outcome: CallOutcome<T>, stateOf: (body: T) => OrderStateOnWire | undefined): Probe {
  const withState = mapOutcomeBody(outcome, (body) => ({ state: stateOf(body) }));
  const state = withState.kind === 'reply' ? withState.reply.body?.state : undefined;
  return { outcome, decision: decideQuery(withState), state };
}

/**
 * Emits every probe, the first after `firstDelayMs`, each next one `nextPollDelay` after the
 * previous answer; completes right after the first final probe.
 */
export function pollUntilFinal(probe: () => Observable<Probe>, firstDelayMs: number, scheduler: SchedulerLike): Observable<Probe> {
  const after = (delayMs: number): Observable<Probe> => timer(delayMs, scheduler).pipe(switchMap(probe));
  return after(firstDelayMs).pipe(
    expand((p) => {
      if (p.decision.kind === 'final') return EMPTY;
      const kind = p.decision.retryLater ? 'retry_later' : p.outcome.kind === 'reply' ? 'answered' : 'no_answer';
      return after(nextPollDelay(kind));
    }),
  );
}
