/**
 * "Customer scans to leave a deposit" (scancode_freeze, 003 L5918-6274; Alipay only, 003 L5921):
 * the number is taken and journaled BEFORE the request leaves, with the QR's expiry the terminal
 * asks for (`time_expire`, PAY_TIMING.giveUpAfterMs from now); scancode_freeze → `code_url`
 * (emitted in a `polling` event for the QR) → query_freeze_order 2 s after each answer until
 * AlipayFreezeOrderState is final (003 L592-602: 2 held; 3 closed; 4 no such order).
 *
 * The documents have no close for a freeze (close_order takes an out_trade_no of a unified
 * order), so the only documented way to end a QR nobody pays is its `time_expire`: after the
 * expiry (plus a grace for the platform to close it) one last query decides; a deposit still
 * open then stays *unknown* and recovery keeps asking (deposit-recovery.ts). 3 / 103 / unsent
 * resend the identical request (bounded); 104 + 407 is never treated as a refusal (the deposit
 * may exist): the number is polled. A reply whose signature fails is an `unknown` outcome of
 * the cpay port, never a QR.
 */
import { EMPTY, catchError, concat, defer, from, ignoreElements, map, of, switchMap, takeUntil, tap, timer, type Observable } from 'rxjs';
import { classifyStatus, type Fen, type ScanCodeFreezeRequest, type ScanCodeFreezeResponse, type StatusOutcome } from '@cpay/protocol';
import type { DepositEvent, DepositResult } from './deposit-events.js';
import { describeError } from '../../kernel/errors.js';
import type { CallOutcome } from '../../platform/net/ports.js';
import { depositMchKey, freezeProbe, type DepositDeps } from './deposit-deps.js';
import { journalNewDeposit, journalTaken, type DepositRecorder } from './deposit-recorder.js';
import { UNKNOWN_RESULT_TEXT, type PayDecision } from '../../kernel/flow/pay-classify.js';
import { terminalProblem } from '../pay/pay-deps.js';
import { guardedCall, pollUntilFinal, type Probe } from '../../kernel/flow/poll-order.js';
import { PAY_TIMING, mayResend, resendDelay, type ResendReason } from '../../kernel/flow/policy.js';

/** The QR is payable this long (`time_expire`), the same window as a scan-code sale. */
export const QR_DEPOSIT_TTL_MS = PAY_TIMING.giveUpAfterMs;
/** After the expiry, the platform is given this long to close the deposit before the last query. */
export const QR_DEPOSIT_GRACE_MS = 10_000;
/** The description of a QR deposit nobody paid before it expired (AlipayFreezeOrderState 3). */
export const QR_EXPIRED = 'qr_expired';

type Resends = Readonly<Record<ResendReason, number>>;
interface Run {
  readonly amount: Fen;
  readonly recorder: DepositRecorder;
  readonly request: ScanCodeFreezeRequest;
  mayHaveReached: boolean;
  codeUrl: string | undefined;
  cts: number | undefined;
  result: DepositResult | undefined;
}

/** What one scancode_freeze outcome calls for. */
type Step =
  | { readonly kind: 'qr'; readonly codeUrl: string }
  | { readonly kind: 'resend'; readonly reason: ResendReason }
  | { readonly kind: 'poll' }
  | { readonly kind: 'fail' };
const ON_STATUS: { readonly [O in StatusOutcome]: Step } = {
  success: { kind: 'resend', reason: 'unknown' }, // status 0 without code_url: ask again
  unknown: { kind: 'resend', reason: 'unknown' },
  retry_later: { kind: 'resend', reason: 'retry_later' },
  never_cancel: { kind: 'poll' }, // 104 + 407: the deposit may exist; never a refusal
  new_number: { kind: 'fail' },
  final: { kind: 'fail' },
  caller_error: { kind: 'fail' },
};

function stepOf(outcome: CallOutcome<ScanCodeFreezeResponse>): Step {
  if (outcome.kind !== 'reply') return { kind: 'resend', reason: outcome.kind === 'unknown' ? 'unknown' : 'not_sent' };
  const status = classifyStatus(outcome.reply.status, outcome.reply.internalStatus);
  const codeUrl = outcome.reply.body?.codeUrl;
  if (status === 'success' && codeUrl) return { kind: 'qr', codeUrl };
  return ON_STATUS[status];
}

const failed = (amount: Fen, reason: 'caller_error' | 'storage', description: string): DepositEvent => ({
  type: 'taken',
  result: { outcome: 'failed', outFreezeNo: undefined, amount, reason, description },
});

/** Takes one deposit by QR. Never errors; ends with exactly one `taken` event. */
export function takeQrDeposit(amount: Fen, deps: DepositDeps): Observable<DepositEvent> {
  return defer(() => {
    const unusable = terminalProblem(deps);
    if (unusable !== undefined) return of(failed(amount, 'caller_error', unusable));
    return from(deps.orderNumbers.next(deps.terminal().cloudCashierId)).pipe(
      switchMap((no) => newRecorder(no, amount, deps)),
      map((recorder) => ({ recorder, error: undefined })),
      catchError((error: unknown) => of({ recorder: undefined, error })),
      switchMap(({ recorder, error }) =>
        recorder ? runToResult(newRun(amount, recorder, deps), deps) : of(failed(amount, 'storage', `nothing was sent: ${describeError(error)}`)),
      ),
    );
  });
}

function newRecorder(no: string, amount: Fen, deps: DepositDeps): Observable<DepositRecorder> {
  const at = deps.clock.serverNow();
  // Whole seconds on the wire (time_expire): the journal keeps the same instant.
  const qrExpiresAt = Math.floor((at + QR_DEPOSIT_TTL_MS) / 1000) * 1000;
  return journalNewDeposit(no, at, { amount, platform: 'alipay', via: 'qr', qrExpiresAt }, 'qr deposit created', deps);
}

function newRun(amount: Fen, recorder: DepositRecorder, deps: DepositDeps): Run {
  const t = deps.terminal();
  const request: ScanCodeFreezeRequest = {
    outFreezeNo: recorder.current.outFreezeNo,
    freezeFee: amount,
    body: t.body,
    timeExpire: Math.floor((recorder.current.qrExpiresAt ?? 0) / 1000),
    ext: { platform: 'alipay' },
    mchKey: { ...depositMchKey(t, 'alipay'), ext: { platform: 'alipay' } },
    client: t.client,
    nonce: deps.nonce(),
  };
  return { amount, recorder, request, mayHaveReached: false, codeUrl: undefined, cts: undefined, result: undefined };
}

function runToResult(run: Run, deps: DepositDeps): Observable<DepositEvent> {
  const no = run.recorder.current.outFreezeNo;
  const expiresIn = Math.max(0, (run.recorder.current.qrExpiresAt ?? 0) - deps.clock.serverNow());
  const body$ = concat(
    of<DepositEvent>({ type: 'submitting', outFreezeNo: no, amount: run.amount }),
    send(run, deps, { unknown: 0, retry_later: 0, not_sent: 0 }),
  ).pipe(
    takeUntil(timer(expiresIn + QR_DEPOSIT_GRACE_MS, deps.scheduler)),
    catchError((err: unknown) => {
      deps.warn(`qr deposit ${no} hit a defect; left unknown for reconciliation`, err);
      return EMPTY;
    }),
  );
  // The window is over: one last query decides; a deposit still open stays unknown.
  const last$ = defer(() =>
    run.result
      ? EMPTY
      : freezeProbe(deps, no, 'alipay')().pipe(
          tap((p) => decideFinal(run, p)),
          ignoreElements(),
          catchError(() => EMPTY),
        ),
  );
  return concat(
    body$,
    last$,
    defer(() => settle(run, deps, run.result ?? { outcome: 'unknown', outFreezeNo: no, amount: run.amount, description: UNKNOWN_RESULT_TEXT })),
  );
}

function send(run: Run, deps: DepositDeps, resends: Resends): Observable<DepositEvent> {
  return guardedCall(() => deps.cpay.call('scancode_freeze', run.request)).pipe(
    switchMap((outcome): Observable<DepositEvent> => {
      const step = stepOf(outcome);
      const reachedBefore = run.mayHaveReached;
      if (outcome.kind !== 'not_sent') run.mayHaveReached = true;
      if (step.kind === 'qr') {
        run.codeUrl = step.codeUrl;
        return concat(
          run.recorder.record$({ codeUrl: step.codeUrl }, { phase: 'polling', cause: 'scancode_freeze' }).pipe(
            map((): DepositEvent => ({
              type: 'polling',
              outFreezeNo: run.recorder.current.outFreezeNo,
              amount: run.amount,
              userPaying: false,
              codeUrl: step.codeUrl,
            })),
          ),
          poll(run, deps),
        );
      }
      if (step.kind === 'poll') return poll(run, deps);
      const description = outcome.kind === 'reply' ? outcome.reply.description : `${outcome.reason}: ${outcome.detail}`;
      if (step.kind === 'fail') {
        // A refusal after an earlier send may have created the deposit: ask instead of failing.
        if (reachedBefore) return poll(run, deps);
        run.result = { outcome: 'failed', outFreezeNo: run.recorder.current.outFreezeNo, amount: run.amount, reason: 'refused', description };
        return EMPTY;
      }
      const done = resends[step.reason];
      if (mayResend(step.reason, done)) {
        return run.recorder.record$({}, { phase: 'submitting', cause: `scancode_freeze resend (${step.reason})` }).pipe(
          switchMap(() => timer(resendDelay(step.reason, done, deps.random()), deps.scheduler)),
          switchMap(() => send(run, deps, { ...resends, [step.reason]: done + 1 })),
        );
      }
      if (!run.mayHaveReached) {
        run.result = { outcome: 'failed', outFreezeNo: run.recorder.current.outFreezeNo, amount: run.amount, reason: 'not_sent', description };
        return EMPTY;
      }
      return poll(run, deps);
    }),
  );
}

/** A final query answer → the run's result (AlipayFreezeOrderState 3 before it ever held money: the QR expired unpaid). */
function decideFinal(run: Run, p: Probe): void {
  run.cts = p.state?.cts ?? run.cts;
  if (p.decision.kind !== 'final') return;
  const no = run.recorder.current.outFreezeNo;
  const d: PayDecision = p.decision.decision;
  if (d.kind === 'success') run.result = { outcome: 'frozen', outFreezeNo: no, amount: run.amount, platform: 'alipay' };
  else if (d.kind === 'fail')
    run.result = { outcome: 'failed', outFreezeNo: no, amount: run.amount, reason: 'declined', description: p.state?.cts === 3 ? QR_EXPIRED : d.description };
}

function poll(run: Run, deps: DepositDeps): Observable<DepositEvent> {
  const no = run.recorder.current.outFreezeNo;
  return pollUntilFinal(freezeProbe(deps, no, 'alipay'), PAY_TIMING.pollIntervalMs, deps.scheduler).pipe(
    tap((p) => decideFinal(run, p)),
    ignoreElements(),
  );
}

function settle(run: Run, deps: DepositDeps, result: DepositResult): Observable<DepositEvent> {
  return journalTaken(run.recorder, result, run.cts, deps);
}
