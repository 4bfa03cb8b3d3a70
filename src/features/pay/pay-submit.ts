/**
 * The body of a micropay run: brief_micro_pay with the §9 status rules (resend the identical
 * request on 3 / 103 / unsent, bounded), then brief_query_order polling. It emits progress
 * events and completes once `run.result` is decided; settling (journal, voice, the `settled`
 * event) and the 2-minute give-up belong to the caller.
 */
import { EMPTY, concat, concatMap, defer, ignoreElements, map, merge, of, switchMap, takeWhile, timer, type Observable } from 'rxjs';
import type { CallOutcome } from '../../platform/net/ports.js';
import type { MicroPayResponse } from '@cpay/protocol';
import { CALL_CODE, NO_ANSWER_STATUS, buildApiCallingInfos, reportPlatformCode, type MicropayCallRecord } from './payment-report.js';
import type { PayEvent } from '../../kernel/payment.js';
import { decideMicropay, saysNotFound, type PayDecision } from '../../kernel/flow/pay-classify.js';
import type { MicropayRun, PayDeps } from './pay-deps.js';
import type { HistoryStep } from '../../kernel/flow/pay-journal.js';
import { briefProbe, guardedCall, pollUntilFinal, type Probe } from '../../kernel/flow/poll-order.js';
import { PAY_TIMING, mayResend, resendDelay, type ResendReason } from '../../kernel/flow/policy.js';

type Resends = Readonly<Record<ResendReason, number>>;

/** ApiCallingInfo.code for an outcome without an HTTP status (spec §8): data, not a switch. */
const NO_HTTP_CODE: Readonly<Record<string, number>> = {
  timeout: CALL_CODE.responseTimeout,
  relay_unknown: CALL_CODE.responseTimeout,
  offline: CALL_CODE.connectFailed,
  relay_refused: CALL_CODE.connectFailed,
  upstream_unreachable: CALL_CODE.connectFailed,
};

/** What device_report records about one brief_micro_pay call. */
export function callRecord(outcome: CallOutcome<MicroPayResponse>, delayMs: number): MicropayCallRecord {
  if (outcome.kind === 'reply') {
    const { status, internalStatus, description } = outcome.reply;
    return { code: outcome.httpStatus, status, internalStatus, description, delayMs };
  }
  const code = outcome.httpStatus ?? NO_HTTP_CODE[outcome.reason] ?? CALL_CODE.unknownProblem;
  return { code, status: NO_ANSWER_STATUS, internalStatus: NO_ANSWER_STATUS, description: `${outcome.reason}: ${outcome.detail}`, delayMs };
}

function describeCall(call: MicropayCallRecord | undefined): string {
  return call ? `answered ${call.code} s=${call.status} is=${call.internalStatus}` : 'answered';
}

/** Sends brief_micro_pay (attempt 0 is already journaled by the caller) and follows the decision. */
export function submit(run: MicropayRun, deps: PayDeps, attempt: number, resends: Resends): Observable<PayEvent> {
  const submitting: PayEvent = { type: 'submitting', outTradeNo: run.outTradeNo, amount: run.amount, attempt };
  const announce$ =
    attempt === 0 ? of(submitting) : run.recorder.record({}, { phase: 'submitting', cause: `brief_micro_pay resend ${attempt}` }).pipe(map(() => submitting));
  const send$ = guardedCall(() => deps.cpay.call('brief_micro_pay', run.request)).pipe(
    switchMap((outcome) => {
      run.calls.push(callRecord(outcome, deps.scheduler.now() - run.scannedAt));
      const decision = decideMicropay(outcome, run.mayHaveReached);
      const refused = decideMicropay(outcome, false);
      run.refusal = refused.kind === 'fail' ? { reason: refused.reason, description: refused.description } : undefined;
      if (outcome.kind !== 'not_sent') run.mayHaveReached = true;
      if (outcome.kind === 'reply' && outcome.reply.body?.state) noteState(run, outcome.reply.body.state);
      // The answered calls go to the journal at once (beside the next step, not before it): after a
      // reload, recovery settles the order and device_report still names every call (spec §6.8).
      // A final answer (paid, or refused) is journaled with its result in settle's one write, which
      // comes next and before the result shows: two writes in a row held the result's frame back
      // on a cheap tablet (issue 21, sixth round).
      const step: HistoryStep = { phase: 'answered', cause: `brief_micro_pay ${describeCall(run.calls.at(-1))}` };
      if (decision.kind === 'success' || decision.kind === 'fail') {
        run.answeredStep = step;
        return follow(run, deps, decision, attempt, resends);
      }
      const answered = buildApiCallingInfos(run.outTradeNo, run.calls, reportPlatformCode(run.platform, run.hint), run.lastState);
      const noted$ = run.recorder.record({ apiCallingInfos: answered }, step);
      return merge(noted$.pipe(ignoreElements()), follow(run, deps, decision, attempt, resends));
    }),
  );
  return concat(announce$, send$);
}

function follow(run: MicropayRun, deps: PayDeps, decision: PayDecision, attempt: number, resends: Resends): Observable<PayEvent> {
  switch (decision.kind) {
    case 'success':
      return decide(run, { outcome: 'success', outTradeNo: run.outTradeNo, amount: run.amount, platform: run.platform });
    case 'fail':
      return decide(run, { outcome: 'failed', outTradeNo: run.outTradeNo, amount: run.amount, reason: decision.reason, description: decision.description });
    case 'poll':
      return poll(run, deps, decision.userPaying);
    case 'resend':
      return resend(run, deps, decision.reason, attempt, resends);
  }
}

function resend(run: MicropayRun, deps: PayDeps, reason: ResendReason, attempt: number, resends: Resends): Observable<PayEvent> {
  const done = resends[reason];
  if (mayResend(reason, done)) {
    const next = { ...resends, [reason]: done + 1 };
    return timer(resendDelay(reason, done, deps.random()), deps.scheduler).pipe(switchMap(() => submit(run, deps, attempt + 1, next)));
  }
  if (reason === 'not_sent' && !run.mayHaveReached) {
    const description = run.calls.at(-1)?.description ?? 'not sent';
    return decide(run, { outcome: 'failed', outTradeNo: run.outTradeNo, amount: run.amount, reason: 'not_sent', description });
  }
  return poll(run, deps, false);
}

/**
 * What a query answer that says cpay has no such order (only the documented states: WeChat 11,
 * Alipay 7; a 104 or any other refusal is not such a signal) means while the micropay's fate is
 * open: the request has not arrived. Resend the identical request (idempotent by
 * out_trade_no, bounded); once cpay has refused a send and still has no order, nothing was charged.
 */
function whenNotFound(run: MicropayRun, p: Probe): 'resend' | 'fail' | undefined {
  if (!saysNotFound(p.outcome, p.state)) return undefined;
  if (run.refusal) return 'fail';
  return run.notFoundResends < PAY_TIMING.maxNotFoundResends ? 'resend' : undefined;
}

/** Polls brief_query_order every 2 s after each reply until a final state. */
function poll(run: MicropayRun, deps: PayDeps, userPaying: boolean): Observable<PayEvent> {
  const t = deps.terminal();
  const probe = briefProbe(deps.cpay, () => ({
    outShopId: t.outShopId,
    nonce: deps.nonce(),
    outTradeNo: run.outTradeNo,
    deviceId: t.deviceId,
    snCode: t.snCode,
  }));
  const fresh: Resends = { unknown: 0, retry_later: 0, not_sent: 0 };
  return concat(
    enterPolling(run, deps, userPaying, 'brief_micro_pay'),
    pollUntilFinal(probe, PAY_TIMING.pollIntervalMs, deps.scheduler).pipe(
      takeWhile((p) => whenNotFound(run, p) === undefined, true),
      concatMap((p) => {
        const missing = whenNotFound(run, p);
        if (missing === 'fail' && run.refusal) return decide(run, { outcome: 'failed', outTradeNo: run.outTradeNo, amount: run.amount, ...run.refusal });
        if (missing === 'resend') {
          run.notFoundResends += 1;
          return submit(run, deps, run.calls.length, fresh);
        }
        if (p.state) noteState(run, p.state);
        if (p.decision.kind === 'final') return follow(run, deps, p.decision.decision, 0, fresh);
        const paying = p.decision.userPaying;
        return paying !== undefined && paying !== run.userPaying ? enterPolling(run, deps, paying, 'brief_query_order') : EMPTY;
      }),
    ),
  );
}

/** Journals the polling phase (and the customer's password step), announces the latter once. */
function enterPolling(run: MicropayRun, deps: PayDeps, userPaying: boolean, cause: string): Observable<PayEvent> {
  return defer(() => {
    const startsPaying = userPaying && !run.userPaying;
    run.userPaying = userPaying;
    const phase = userPaying ? 'polling:user_paying' : 'polling';
    return run.recorder.record({ status: 'pending', lastState: run.lastState }, { phase, cause, cts: run.lastState?.cts }).pipe(
      map((): PayEvent => {
        if (startsPaying) deps.announcer.say({ kind: 'waiting_password' });
        return { type: 'polling', outTradeNo: run.outTradeNo, amount: run.amount, userPaying };
      }),
    );
  });
}

function noteState(run: MicropayRun, state: NonNullable<MicropayRun['lastState']>): void {
  run.lastState = state;
  run.platform = state.platform;
}

function decide(run: MicropayRun, result: NonNullable<MicropayRun['result']>): Observable<PayEvent> {
  run.result = result;
  return EMPTY;
}
