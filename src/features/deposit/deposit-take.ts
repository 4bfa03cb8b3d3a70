/**
 * "Take deposit" (spec §7.10): amount + scanned customer code → micro_freeze → query_freeze_order
 * until final, under the micropay rules: the number is taken and journaled BEFORE the request
 * leaves; 3 / 103 / unsent resend the identical request (bounded, policy.ts); 104+407 and any
 * answer that may concern an earlier send are polled, never given up as failed; no answer
 * within 2 minutes ends as unknown (recovery keeps asking). There is no cancel of a freeze.
 */
import { EMPTY, catchError, concat, concatMap, defer, from, map, of, switchMap, takeUntil, timer, type Observable } from 'rxjs';
import type { DepositPlatformName, Fen, MicroFreezeRequest } from '@cpay/protocol';
import { checkCustomerCode, maskCustomerCode } from '../../kernel/customer-code.js';
import type { DepositEvent, DepositResult } from './deposit-events.js';
import { describeError } from '../../kernel/errors.js';
import { decideFreeze } from './deposit-classify.js';
import { depositClient, depositMchKey, freezeProbe, type DepositDeps } from './deposit-deps.js';
import { journalNewDeposit, journalTaken, type DepositRecorder } from './deposit-recorder.js';
import { UNKNOWN_RESULT_TEXT, type PayDecision } from '../../kernel/flow/pay-classify.js';
import { terminalProblem } from '../pay/pay-deps.js';
import { guardedCall, pollUntilFinal } from '../../kernel/flow/poll-order.js';
import { PAY_TIMING, mayResend, resendDelay, type ResendReason } from '../../kernel/flow/policy.js';

type Resends = Readonly<Record<ResendReason, number>>;
interface Run {
  readonly amount: Fen;
  readonly platform: DepositPlatformName;
  readonly recorder: DepositRecorder;
  readonly request: MicroFreezeRequest;
  mayHaveReached: boolean;
  userPaying: boolean;
  cts: number | undefined;
  result: DepositResult | undefined;
}
const failed = (amount: Fen, reason: 'caller_error' | 'storage' | 'refused', description: string, no?: string): DepositEvent => ({
  type: 'taken',
  result: { outcome: 'failed', outFreezeNo: no, amount, reason, description },
});

/** Takes one deposit. Never errors; ends with exactly one `taken` event. */
export function takeDeposit(amount: Fen, code: string, deps: DepositDeps): Observable<DepositEvent> {
  return defer(() => {
    const check = checkCustomerCode(code);
    if (!check.ok) return of(failed(amount, 'caller_error', `code refused: ${check.error.kind}`));
    if (check.hint === 'other') return of(failed(amount, 'refused', 'deposits take WeChat Pay or Alipay codes only'));
    const unusable = terminalProblem(deps);
    if (unusable !== undefined) return of(failed(amount, 'caller_error', unusable));
    const platform: DepositPlatformName = check.hint;
    return from(deps.orderNumbers.next(deps.terminal().cloudCashierId)).pipe(
      switchMap((no) => newRecorder(no, amount, platform, check.code, deps)),
      map((recorder) => ({ recorder, error: undefined })),
      catchError((error: unknown) => of({ recorder: undefined, error })),
      switchMap(({ recorder, error }) =>
        recorder
          ? runToResult(newRun(amount, platform, check.code, recorder, deps), deps)
          : of(failed(amount, 'storage', `nothing was sent: ${describeError(error)}`)),
      ),
    );
  });
}

function newRecorder(no: string, amount: Fen, platform: DepositPlatformName, code: string, deps: DepositDeps): Observable<DepositRecorder> {
  return journalNewDeposit(no, deps.clock.serverNow(), { amount, platform, maskedCode: maskCustomerCode(code) }, 'deposit created', deps);
}

function newRun(amount: Fen, platform: DepositPlatformName, code: string, recorder: DepositRecorder, deps: DepositDeps): Run {
  const t = deps.terminal();
  const request: MicroFreezeRequest = {
    outFreezeNo: recorder.current.outFreezeNo,
    authorCode: code,
    freezeFee: amount,
    body: t.body,
    ext: { platform },
    mchKey: { ...depositMchKey(t, platform), ext: { platform } },
    client: depositClient(t),
    nonce: deps.nonce(),
  };
  return { amount, platform, recorder, request, mayHaveReached: false, userPaying: false, cts: undefined, result: undefined };
}

function runToResult(run: Run, deps: DepositDeps): Observable<DepositEvent> {
  const no = run.recorder.current.outFreezeNo;
  const body$ = concat(
    of<DepositEvent>({ type: 'submitting', outFreezeNo: no, amount: run.amount }),
    send(run, deps, { unknown: 0, retry_later: 0, not_sent: 0 }),
  ).pipe(
    takeUntil(timer(PAY_TIMING.giveUpAfterMs, deps.scheduler)),
    catchError((err: unknown) => {
      deps.warn(`deposit ${no} hit a defect; left unknown for reconciliation`, err);
      return EMPTY;
    }),
  );
  return concat(
    body$,
    defer(() => settle(run, deps, run.result ?? { outcome: 'unknown', outFreezeNo: no, amount: run.amount, description: UNKNOWN_RESULT_TEXT })),
  );
}

function send(run: Run, deps: DepositDeps, resends: Resends): Observable<DepositEvent> {
  return guardedCall(() => deps.cpay.call('micro_freeze', run.request)).pipe(
    switchMap((outcome) => {
      const decision = decideFreeze(outcome, run.mayHaveReached);
      if (outcome.kind !== 'not_sent') run.mayHaveReached = true;
      if (outcome.kind === 'reply') run.cts = outcome.reply.body?.freeze.state?.cts ?? run.cts;
      return follow(run, deps, decision, resends);
    }),
  );
}

function follow(run: Run, deps: DepositDeps, d: PayDecision, resends: Resends): Observable<DepositEvent> {
  const no = run.recorder.current.outFreezeNo;
  if (d.kind === 'success') {
    run.result = { outcome: 'frozen', outFreezeNo: no, amount: run.amount, platform: run.platform };
    return EMPTY;
  }
  if (d.kind === 'fail') {
    run.result = { outcome: 'failed', outFreezeNo: no, amount: run.amount, reason: d.reason, description: d.description };
    return EMPTY;
  }
  if (d.kind === 'poll') return poll(run, deps, d.userPaying);
  if (mayResend(d.reason, resends[d.reason])) {
    return run.recorder.record$({}, { phase: 'submitting', cause: `micro_freeze resend (${d.reason})` }).pipe(
      switchMap(() => timer(resendDelay(d.reason, resends[d.reason], deps.random()), deps.scheduler)),
      switchMap(() => send(run, deps, { ...resends, [d.reason]: resends[d.reason] + 1 })),
    );
  }
  if (d.reason === 'not_sent' && !run.mayHaveReached)
    return follow(run, deps, { kind: 'fail', reason: 'not_sent', description: 'micro_freeze could not be sent' }, resends);
  return poll(run, deps, false);
}

function poll(run: Run, deps: DepositDeps, userPaying: boolean): Observable<DepositEvent> {
  const no = run.recorder.current.outFreezeNo;
  const enter = (paying: boolean): Observable<DepositEvent> => {
    if (paying && !run.userPaying) deps.announcer.say({ kind: 'waiting_password' });
    run.userPaying = paying;
    return run.recorder
      .record$({ status: 'pending', lastCts: run.cts }, { phase: paying ? 'polling:user_paying' : 'polling', cause: 'query_freeze_order', cts: run.cts })
      .pipe(map(() => ({ type: 'polling', outFreezeNo: no, amount: run.amount, userPaying: paying })));
  };
  return concat(
    enter(userPaying),
    pollUntilFinal(freezeProbe(deps, no, run.platform), PAY_TIMING.pollIntervalMs, deps.scheduler).pipe(
      concatMap((p) => {
        run.cts = p.state?.cts ?? run.cts;
        if (p.decision.kind === 'final') return follow(run, deps, p.decision.decision, { unknown: 0, retry_later: 0, not_sent: 0 });
        const paying = p.decision.userPaying;
        return paying !== undefined && paying !== run.userPaying ? enter(paying) : EMPTY;
      }),
    ),
  );
}

function settle(run: Run, deps: DepositDeps, result: DepositResult): Observable<DepositEvent> {
  return journalTaken(run.recorder, result, run.cts, deps);
}
