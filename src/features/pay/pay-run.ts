/**
 * One micropay order from the accepted code to its settled result: the order (numbered and
 * journaled by pay-flow.ts BEFORE brief_micro_pay can leave) gets its code recorded, the status
 * rules and polling run, give up
 * after 2 minutes as unknown (spec text), then journal, announce and emit the result.
 */
import { EMPTY, catchError, concat, defer, ignoreElements, map, merge, of, switchMap, take, takeUntil, timer, type Observable } from 'rxjs';
import type { Fen, OrderStateOnWire } from '@cpay/protocol';
import { describeError } from '../../kernel/errors.js';
import { maskCustomerCode, type CodeHint } from '../../kernel/customer-code.js';
import { CALL_CODE, buildApiCallingInfos, reportPlatformCode, sendsIn, settledApiCallingInfos } from './payment-report.js';
import type { PayEvent, PaymentResult } from '../../kernel/payment.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { terminalProblem, terminalProblemReason, type MicropayRun, type PayDeps } from './pay-deps.js';
import type { OrderRecorder } from '../../kernel/flow/pay-journal.js';
import { submit } from './pay-submit.js';
import { PAY_TIMING } from '../../kernel/flow/policy.js';
import type { JournalStatus, Sentence } from '../../kernel/flow/ports.js';

/** Journal status and voice for each outcome: data, not branches. */
const STATUS_OF: { readonly [O in PaymentResult['outcome']]: JournalStatus } = { success: 'success', failed: 'failed', unknown: 'unknown' };

function sentenceOf(result: PaymentResult): Sentence {
  if (result.outcome === 'success') return { kind: 'payment_success', platform: result.platform ?? 'unknown', amount: result.amount };
  return result.outcome === 'failed' ? { kind: 'payment_failed', amount: result.amount } : { kind: 'payment_unknown', amount: result.amount };
}

/**
 * Runs one micropay for an accepted code. Never errors: every ending is a `settled` event.
 * `opened$` yields the sale's order, numbered and journaled while the customer got the code
 * ready (pay-flow.ts `openOrder`); the code is then recorded alongside the request, not before it.
 */
export function micropayRun(amount: Fen, code: string, hint: CodeHint, deps: PayDeps, opened$: Observable<OrderRecorder>): Observable<PayEvent> {
  return defer(() => {
    const scannedAt = deps.scheduler.now();
    const maskedCode = maskCustomerCode(code);
    return opened$.pipe(
      take(1),
      map((recorder) => ({ recorder, error: undefined })),
      catchError((error: unknown) => of({ recorder: undefined, error })),
      switchMap(({ recorder, error }): Observable<PayEvent> => {
        if (!recorder) {
          const description = `nothing was sent: ${describeError(error)}`;
          return of({ type: 'settled', result: { outcome: 'failed', outTradeNo: undefined, amount, reason: 'storage', description } });
        }
        const unusable = terminalProblem(deps);
        if (unusable !== undefined) {
          // The binding went away between the amount and the code: nothing is sent.
          const description = `nothing was sent: ${unusable}`;
          return concat(
            recorder.record({ status: 'cancelled', description }, { phase: 'cancelled', cause: 'terminal not usable', description }).pipe(ignoreElements()),
            of<PayEvent>({
              type: 'settled',
              result: { outcome: 'failed', outTradeNo: recorder.current.outTradeNo, amount, reason: terminalProblemReason(deps), description },
            }),
          );
        }
        // The entry is already in the journal; the code's record goes out beside the request.
        const noted$ = recorder.record({ maskedCode }, { phase: 'submitting', cause: 'code scanned' }).pipe(ignoreElements());
        return merge(noted$, runToResult(newRun(amount, code, hint, scannedAt, recorder, deps), deps));
      }),
    );
  });
}

function newRun(amount: Fen, code: string, hint: CodeHint, scannedAt: number, recorder: OrderRecorder, deps: PayDeps): MicropayRun {
  const t = deps.terminal();
  const outTradeNo = recorder.current.outTradeNo;
  return {
    amount,
    outTradeNo,
    hint,
    scannedAt,
    recorder,
    calls: [],
    mayHaveReached: false,
    notFoundResends: 0,
    refusal: undefined,
    userPaying: false,
    platform: undefined,
    lastState: undefined,
    result: undefined,
    request: {
      snCode: t.snCode,
      outShopId: t.outShopId,
      nonce: deps.nonce(),
      outTradeNo,
      authCode: code,
      totalFee: amount,
      body: t.body,
      deviceId: t.deviceId,
      subTerminalType: t.subTerminalType,
    },
  };
}

/** A failure that an order state decided (declined, refunded) carries that state, for its wording. */
export function withFailState(result: PaymentResult, state: OrderStateOnWire | undefined): PaymentResult {
  if (result.outcome !== 'failed' || !state || (result.reason !== 'declined' && result.reason !== 'refunded')) return result;
  return { ...result, state };
}

/** The body under the 2-minute deadline, then exactly one settlement (outside the deadline). */
function runToResult(run: MicropayRun, deps: PayDeps): Observable<PayEvent> {
  const body$ = submit(run, deps, 0, { unknown: 0, retry_later: 0, not_sent: 0 }).pipe(
    takeUntil(timer(PAY_TIMING.giveUpAfterMs, deps.scheduler)),
    catchError((err: unknown) => {
      deps.warn(`micropay ${run.outTradeNo} hit a defect; the order is left unknown for reconciliation`, err);
      return EMPTY;
    }),
  );
  return concat(
    body$,
    defer(() =>
      settle(
        run,
        deps,
        run.result ?? {
          outcome: 'unknown',
          outTradeNo: run.outTradeNo,
          amount: run.amount,
          description: UNKNOWN_RESULT_TEXT,
        },
      ),
    ),
  );
}

function settle(run: MicropayRun, deps: PayDeps, settled: PaymentResult): Observable<PayEvent> {
  const result = withFailState(settled, run.lastState);
  const payPlatform = reportPlatformCode(run.platform, run.hint);
  const description = result.outcome === 'success' ? undefined : result.description;
  return run.recorder
    .record(
      {
        status: STATUS_OF[result.outcome],
        platform: run.platform,
        lastState: run.lastState,
        description,
        apiCallingInfos: settledApiCallingInfos(
          run.outTradeNo,
          buildApiCallingInfos(run.outTradeNo, run.calls, payPlatform, run.lastState),
          sendsIn(run.recorder.current.history).count,
          // A send still open when the sale stopped waiting (the 2-minute window) has no answer.
          { code: CALL_CODE.responseTimeout, description: 'no answer before the sale stopped waiting', delayMs: deps.scheduler.now() - run.scannedAt },
          payPlatform,
          run.lastState,
        ),
      },
      // A final answer's own step (pay-submit.ts) goes in this same write, before the result's.
      [...(run.answeredStep ? [run.answeredStep] : []), { phase: result.outcome, cause: 'settled', cts: run.lastState?.cts, description }],
    )
    .pipe(
      map((): PayEvent => {
        deps.announcer.say(sentenceOf(result));
        return { type: 'settled', result };
      }),
    );
}
