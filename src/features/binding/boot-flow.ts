/**
 * Boot (spec §5.1) as a flow: ping → clock offset → stored binding → check_bill_device_bind_info
 * → ready, or a specific message. While cpay is unreachable it retries with capped backoff,
 * forever, in scheduler time; a new `start` (the "retry now" button) restarts at once (switchMap:
 * the old attempt and its pending timer are dropped).
 */
import { catchError, concat, defer, from, map, of, switchMap, timer, type Observable, type ObservableInput, type SchedulerLike } from 'rxjs';
import type { BindingRecord } from '../../kernel/binding.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { BOOT_BACKOFF, backoffDelay } from '../../kernel/flow/backoff.js';
import { classifyCheck, type CheckFailure } from '../../kernel/flow/check-outcome.js';
import { describeOutcome, pingSeconds, type SyncableClock } from '../../kernel/flow/flow-support.js';

/** Requests into the boot flow: every `start` restarts it. */
export type BootInput = { readonly type: 'start' };

/** What boot reports, in order; `ready`, `unbound`, `check_failed` and `error` are terminal. */
export type BootEvent =
  | { readonly type: 'pinging'; readonly attempt: number }
  | { readonly type: 'synced'; readonly offsetMs: number }
  | { readonly type: 'unreachable'; readonly attempt: number; readonly retryInMs: number; readonly detail: string }
  | { readonly type: 'unbound' }
  | { readonly type: 'checking'; readonly binding: BindingRecord }
  | { readonly type: 'ready'; readonly binding: BindingRecord }
  | { readonly type: 'check_failed'; readonly failure: CheckFailure; readonly description: string; readonly binding: BindingRecord }
  | { readonly type: 'error'; readonly detail: string };

/** Everything boot touches. */
export interface BootDeps {
  readonly cpay: CpayPort;
  readonly clock: SyncableClock;
  readonly scheduler: SchedulerLike;
  loadBinding(): ObservableInput<BindingRecord | undefined>;
  /** HMAC(payment key, nonce) as upper-case hex; the key never leaves its holder. */
  proveKey(nonce: string): ObservableInput<string>;
  /** 8 random characters of 0-9a-zA-Z. */
  nonce(): string;
}

/** The boot flow. Never errors; never subscribes. */
export function bootFlow(input$: Observable<BootInput>, deps: BootDeps): Observable<BootEvent> {
  const { cpay, clock, scheduler } = deps;

  const retryLater = (attempt: number, detail: string): Observable<BootEvent> => {
    const retryInMs = backoffDelay(attempt, BOOT_BACKOFF);
    return concat(of<BootEvent>({ type: 'unreachable', attempt, retryInMs, detail }), timer(retryInMs, scheduler).pipe(switchMap(() => run(attempt + 1))));
  };

  const check = (binding: BindingRecord, attempt: number): Observable<BootEvent> =>
    defer(() => {
      const nonce = deps.nonce();
      return from(deps.proveKey(nonce)).pipe(
        switchMap((hashContent) =>
          cpay.call('check_bill_device_bind_info', {
            snCode: binding.sn,
            outShopId: binding.outShopId,
            deviceId: binding.deviceId,
            nonce,
            hashContent,
            timestamp: Math.floor(clock.serverNow() / 1000),
          }),
        ),
        switchMap((outcome): Observable<BootEvent> => {
          if (outcome.kind !== 'reply') return retryLater(attempt, describeOutcome(outcome));
          const verdict = classifyCheck(outcome.reply);
          if (verdict.kind === 'ok') return of({ type: 'ready', binding });
          if (verdict.kind === 'retry') return retryLater(attempt, outcome.reply.description || `status ${outcome.reply.status}`);
          return of({ type: 'check_failed', failure: verdict.failure, description: outcome.reply.description, binding });
        }),
      );
    });

  const afterSync = (attempt: number): Observable<BootEvent> =>
    from(deps.loadBinding()).pipe(
      switchMap((binding): Observable<BootEvent> =>
        binding ? concat(of<BootEvent>({ type: 'checking', binding }), check(binding, attempt)) : of({ type: 'unbound' }),
      ),
    );

  const run = (attempt: number): Observable<BootEvent> =>
    concat(
      of<BootEvent>({ type: 'pinging', attempt }),
      defer(() => {
        const sentAt = scheduler.now();
        return cpay.call('ping', {}).pipe(map((outcome) => ({ outcome, sentAt, receivedAt: scheduler.now() })));
      }).pipe(
        switchMap(({ outcome, sentAt, receivedAt }): Observable<BootEvent> => {
          const seconds = pingSeconds(outcome);
          if (seconds === undefined) return retryLater(attempt, describeOutcome(outcome));
          const offsetMs = clock.sync(seconds, sentAt, receivedAt);
          return concat(of<BootEvent>({ type: 'synced', offsetMs }), afterSync(attempt));
        }),
      ),
    ).pipe(catchError((err: unknown) => of<BootEvent>({ type: 'error', detail: err instanceof Error ? err.message : String(err) })));

  return input$.pipe(switchMap(() => run(1)));
}
