/**
 * Binding (spec §5.2-§5.5) as a flow: ping → generate_bill_device_bind_qr_code → QR with a ttl
 * countdown → poll get_bill_device_bind_info `interval` s after each reply until activated or ttl
 * → adopt (decrypt e_authen_key, store sealed) → confirm with check_bill_device_bind_info.
 * `cancel` or a new `start` drops everything in flight (switchMap: in-flight fetches abort).
 */
import { EMPTY, catchError, concat, defer, from, map, merge, of, switchMap, takeUntil, takeWhile, tap, timer, type Observable } from 'rxjs';
import type { BindInfo, GetBindInfoResponse } from '@cpay/protocol';
import type { BindingRecord } from '../../kernel/binding.js';
import type { CallOutcome } from '../../platform/net/ports.js';
import { BIND_BACKOFF, backoffDelay, nextBindPollDelay } from '../../kernel/flow/backoff.js';
import { classifyCheck } from '../../kernel/flow/check-outcome.js';
import { describeOutcome } from '../../kernel/flow/flow-support.js';
import { bindEvent, obtainQr, type BindDeps, type BindEvent, type BindStage } from './bind-steps.js';

export type { BindDeps, BindEvent } from './bind-steps.js';

/** Requests into the bind flow. */
export type BindInput = { readonly type: 'start' } | { readonly type: 'cancel' };

/** Confirmation attempts after storing (the binding is kept even if cpay cannot be reached). */
const CONFIRM_ATTEMPTS = 3;
/** get_bill_device_bind_info internal_status meaning the QR has expired (simulator, spec §16). */
const EXPIRED_INTERNAL_STATUS = 3402;

type PollStep = { kind: 'activated'; info: BindInfo } | { kind: 'waiting' } | { kind: 'failure'; detail: string } | { kind: 'final'; event: BindEvent };

function classifyPoll(outcome: CallOutcome<GetBindInfoResponse>): PollStep {
  if (outcome.kind !== 'reply') return { kind: 'failure', detail: describeOutcome(outcome) };
  const { reply } = outcome;
  if (reply.status === 0 && reply.body?.activated) return { kind: 'activated', info: reply.body };
  if (reply.status === 0) return { kind: 'waiting' };
  if (reply.status === 3 || reply.status === 103) return { kind: 'failure', detail: describeOutcome(outcome) };
  if (reply.internalStatus === EXPIRED_INTERNAL_STATUS) return { kind: 'final', event: { type: 'expired' } };
  return { kind: 'final', event: bindEvent.failed('poll', describeOutcome(outcome)) };
}

/** The bind flow. Never errors; never subscribes. */
export function bindFlow(input$: Observable<BindInput>, deps: BindDeps): Observable<BindEvent> {
  const { cpay, clock, scheduler } = deps;
  const stamp = () => Math.floor(clock.serverNow() / 1000);

  const confirm = (binding: BindingRecord, attempt: number): Observable<BindEvent> =>
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
            timestamp: stamp(),
          }),
        ),
        switchMap((outcome): Observable<BindEvent> => {
          const verdict = outcome.kind === 'reply' ? classifyCheck(outcome.reply) : { kind: 'retry' as const };
          if (verdict.kind === 'ok')
            return defer(() => {
              deps.announce('bound');
              return of<BindEvent>({ type: 'bound', binding, confirmed: true });
            });
          if (verdict.kind === 'failed') return of(bindEvent.failed('confirm', describeOutcome(outcome)));
          if (attempt >= CONFIRM_ATTEMPTS) return of<BindEvent>({ type: 'bound', binding, confirmed: false });
          const retryInMs = backoffDelay(attempt, BIND_BACKOFF);
          return concat(
            of(bindEvent.retrying('confirm', describeOutcome(outcome), retryInMs)),
            timer(retryInMs, scheduler).pipe(switchMap(() => confirm(binding, attempt + 1))),
          );
        }),
      );
    });

  const finish = (sn: string, info: BindInfo): Observable<BindEvent> =>
    concat(
      of<BindEvent>({ type: 'storing' }),
      from(deps.adopt(sn, info)).pipe(switchMap((binding) => concat(of<BindEvent>({ type: 'confirming' }), confirm(binding, 1)))),
    ).pipe(catchError((err: unknown) => of(bindEvent.failed('store', err instanceof Error ? err.message : String(err)))));

  const session = (): Observable<BindEvent> =>
    obtainQr(deps).pipe(
      switchMap((step): Observable<BindEvent> => {
        if (step.type !== 'qr_ready') return of(step);
        const { sn, qr, token, startedAt } = step;
        const ttlMs = qr.ttlSeconds * 1000;
        const deadline = startedAt + ttlMs;
        const poll = (failures: number): Observable<BindEvent | PollStep> =>
          cpay.call('get_bill_device_bind_info', { snCode: sn, token, nonce: deps.nonce(), timestamp: stamp() }).pipe(
            map(classifyPoll),
            switchMap((res): Observable<BindEvent | PollStep> => {
              if (res.kind === 'activated') return of(res);
              if (res.kind === 'final') return of(res.event);
              const next = res.kind === 'failure' ? failures + 1 : 0;
              const delay = nextBindPollDelay(qr.intervalSeconds * 1000, next, deadline - scheduler.now());
              const notice = res.kind === 'failure' ? of(bindEvent.retrying('poll', res.detail, delay)) : EMPTY;
              return concat(notice, timer(delay, scheduler).pipe(switchMap(() => poll(next))));
            }),
          );
        // Ends with the phase: the takeUntil at the ttl stops it before a tick could go below 0.
        const countdown = timer(0, 1000, scheduler).pipe(map((i): BindEvent => ({ type: 'countdown', remainingSeconds: qr.ttlSeconds - i })));
        return defer(() => {
          let activated: BindInfo | undefined;
          let ended = false;
          const phase = merge(countdown, poll(0)).pipe(
            takeWhile((e) => !('kind' in e) && e.type !== 'failed' && e.type !== 'expired', true),
            // eslint-disable-next-line rxjs-x/no-unsafe-takeuntil -- the switchMap after the deadline maps each event to of()/EMPTY, which complete at once: nothing outlives it
            takeUntil(timer(ttlMs, scheduler)),
            tap((e) => {
              if ('kind' in e && e.kind === 'activated') activated = e.info;
              else if (!('kind' in e) && (e.type === 'failed' || e.type === 'expired')) ended = true;
            }),
            switchMap((e): Observable<BindEvent> => ('kind' in e ? EMPTY : of(e))),
          );
          return concat(
            of<BindEvent>({ type: 'qr', url: qr.url, ttlSeconds: qr.ttlSeconds }),
            phase,
            defer(() => (activated ? concat(of<BindEvent>({ type: 'activated' }), finish(sn, activated)) : ended ? EMPTY : of<BindEvent>({ type: 'expired' }))),
          );
        });
      }),
    );

  return input$.pipe(switchMap((input) => (input.type === 'start' ? session() : of<BindEvent>({ type: 'cancelled' }))));
}

/** Stages named in `failed` and `retrying` events. */
export type { BindStage };
