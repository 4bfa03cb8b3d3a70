/**
 * Scan-code pay (spec §7.3, §10.3) as `(intent$, deps) => Observable<PayEvent>`: journal the
 * order, scan_code_pay → `code_url` (emitted in a `polling` event for the QR) → query_order
 * 2 s after each reply → final. Cashier cancel, or no result within 2 minutes, ends the order
 * through closeUnlessPaid (query first: the customer may have just paid). Decision recorded
 * in docs: the give-up closes the order so a late payment cannot slip in unnoticed (spec §16
 * leaves this open). `exhaustMap` over starts: one scan-code order at a time.
 */
import { withFailState } from '../pay/pay-run.js';
import {
  EMPTY,
  catchError,
  concat,
  concatMap,
  connect,
  defer,
  exhaustMap,
  filter,
  ignoreElements,
  map,
  merge,
  of,
  switchMap,
  take,
  takeUntil,
  takeWhile,
  tap,
  timer,
  type Observable,
} from 'rxjs';
import type { Fen } from '@cpay/protocol';
import type { PayEvent, PaymentResult } from '../../kernel/payment.js';
import { describeError } from '../../kernel/errors.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { terminalProblem, terminalProblemReason, type PayDeps } from '../pay/pay-deps.js';
import { OrderRecorder } from '../../kernel/flow/pay-journal.js';
import { pollUntilFinal, type Probe } from '../../kernel/flow/poll-order.js';
import { PAY_TIMING } from '../../kernel/flow/policy.js';
import { closeUnlessPaid, scanProbe, type CloseVerdict, type ScanPayTerminal } from './scan-pay-close.js';
import { createScanOrder, type ScanRun } from './scan-pay-create.js';

/** Ports of the scan-code flow: the pay ports with the general-API terminal identity. */
export type ScanPayDeps = Omit<PayDeps, 'terminal'> & { readonly terminal: () => ScanPayTerminal };

/** What the screen sends: start an order for an amount on a platform, or cancel it. */
export type ScanPayIntent = { readonly type: 'start'; readonly amount: Fen; readonly platform: 'wechat' | 'alipay' } | { readonly type: 'cancel' };

/** The scan-code flow. Never errors; each order ends in `settled` or `cancelled`. */
export function scanPayFlow(intent$: Observable<ScanPayIntent>, deps: ScanPayDeps): Observable<PayEvent> {
  return intent$.pipe(
    connect((shared) =>
      shared.pipe(
        filter((i): i is Extract<ScanPayIntent, { type: 'start' }> => i.type === 'start'),
        exhaustMap((start) => scanOrder(start, shared.pipe(filter((i) => i.type === 'cancel')), deps)),
      ),
    ),
  );
}

function scanOrder(start: Extract<ScanPayIntent, { type: 'start' }>, cancel$: Observable<unknown>, deps: ScanPayDeps): Observable<PayEvent> {
  return defer(() => {
    const unusable = terminalProblem(deps);
    if (unusable !== undefined) {
      return of<PayEvent>({
        type: 'settled',
        result: { outcome: 'failed', outTradeNo: undefined, amount: start.amount, reason: terminalProblemReason(deps), description: unusable },
      });
    }
    const t = deps.terminal();
    let cancelRequested = false;
    const watch$ = cancel$.pipe(
      tap(() => {
        cancelRequested = true;
      }),
      ignoreElements(),
    );
    const main$ = defer(() => deps.orderNumbers.next(t.cloudCashierId)).pipe(
      switchMap((outTradeNo) => {
        const at = deps.clock.serverNow();
        const recorder = new OrderRecorder(
          deps.journal,
          deps.clock,
          {
            outTradeNo,
            kind: 'scan_code',
            amount: start.amount,
            body: t.body,
            status: 'pending',
            platform: start.platform,
            ...(t.staffId ? { staffId: t.staffId } : {}),
            createdAt: at,
            updatedAt: at,
            history: [{ at, phase: 'submitting', cause: 'order created' }],
          },
          deps.warn,
        );
        const run: ScanRun = { outTradeNo, amount: start.amount, platform: start.platform, recorder, terminal: t, mayHaveReached: false };
        return recorder.create().pipe(map(() => run));
      }),
      map((run) => ({ run, error: undefined })),
      catchError((error: unknown) => of({ run: undefined, error })),
      switchMap(({ run, error }): Observable<PayEvent> =>
        run
          ? afterCreate(run, deps, cancel$, () => cancelRequested)
          : of({
              type: 'settled',
              result: {
                outcome: 'failed',
                outTradeNo: undefined,
                amount: start.amount,
                reason: 'storage',
                description: `nothing was sent: ${describeError(error)}`,
              },
            }),
      ),
    );
    return merge(main$, watch$).pipe(takeWhile((e) => e.type !== 'settled' && e.type !== 'cancelled', true));
  });
}

function afterCreate(run: ScanRun, deps: ScanPayDeps, cancel$: Observable<unknown>, cancelled: () => boolean): Observable<PayEvent> {
  const submitting: PayEvent = { type: 'submitting', outTradeNo: run.outTradeNo, amount: run.amount, attempt: 0 };
  return concat(
    of(submitting),
    createScanOrder(run, deps).pipe(
      concatMap((created): Observable<PayEvent> => {
        if (created.kind === 'fail') return settle(run, deps, failed(run, created.reason, created.description));
        if (created.kind === 'unknown') return end(run, deps, 'give_up');
        const shown$ = run.recorder
          .record({ codeUrl: created.codeUrl }, { phase: 'polling', cause: 'scan_code_pay' })
          .pipe(map((): PayEvent => ({ type: 'polling', outTradeNo: run.outTradeNo, amount: run.amount, userPaying: false, codeUrl: created.codeUrl })));
        return concat(shown$, pollOrEnd(run, deps, cancel$, cancelled));
      }),
    ),
  );
}

/** Polls until final, or until the cashier cancels / 2 minutes pass, then ends the order. */
function pollOrEnd(run: ScanRun, deps: ScanPayDeps, cancel$: Observable<unknown>, cancelled: () => boolean): Observable<PayEvent> {
  let stop: 'cancel' | 'give_up' | undefined;
  const stop$ = merge(
    defer(() => (cancelled() ? of('cancel' as const) : EMPTY)),
    cancel$.pipe(map(() => 'cancel' as const)),
    timer(PAY_TIMING.giveUpAfterMs, deps.scheduler).pipe(map(() => 'give_up' as const)),
  ).pipe(
    take(1),
    tap((reason) => {
      stop = reason;
    }),
  );
  let final: Probe | undefined;
  const poll$ = pollUntilFinal(scanProbe(deps, run.terminal, run.outTradeNo, run.platform), 0, deps.scheduler).pipe(
    takeUntil(stop$),
    tap((p) => {
      if (p.decision.kind === 'final') final = p;
    }),
    ignoreElements(),
  );
  return concat(
    poll$,
    defer(() => (final ? settleProbe(run, deps, final) : end(run, deps, stop ?? 'give_up'))),
  );
}

/** Close unless paid; a close after a cashier cancel is `cancelled`, after the give-up a failure. */
function end(run: ScanRun, deps: ScanPayDeps, why: 'cancel' | 'give_up'): Observable<PayEvent> {
  return closeUnlessPaid(deps, run.terminal, run.outTradeNo, run.platform).pipe(
    concatMap((v: CloseVerdict): Observable<PayEvent> => {
      if (v.kind === 'final') return settleProbe(run, deps, v.probe);
      if (v.kind === 'unknown')
        return settle(run, deps, { outcome: 'unknown', outTradeNo: run.outTradeNo, amount: run.amount, description: UNKNOWN_RESULT_TEXT });
      if (why === 'give_up') return settle(run, deps, failed(run, 'closed', 'close_order'), 'closed');
      return run.recorder
        .record({ status: 'closed' }, { phase: 'cancelled', cause: 'close_order' })
        .pipe(map((): PayEvent => ({ type: 'cancelled', amount: run.amount })));
    }),
  );
}

function failed(run: ScanRun, reason: Extract<PaymentResult, { outcome: 'failed' }>['reason'], description: string): PaymentResult {
  return { outcome: 'failed', outTradeNo: run.outTradeNo, amount: run.amount, reason, description };
}

function settleProbe(run: ScanRun, deps: ScanPayDeps, p: Probe): Observable<PayEvent> {
  if (p.decision.kind !== 'final') return EMPTY;
  const d = p.decision.decision;
  const result: PaymentResult =
    d.kind === 'success'
      ? { outcome: 'success', outTradeNo: run.outTradeNo, amount: run.amount, platform: p.state?.platform ?? run.platform }
      : withFailState(failed(run, d.reason, d.description), p.state);
  return settle(run, deps, result, undefined, p);
}

function settle(run: ScanRun, deps: ScanPayDeps, result: PaymentResult, status?: 'closed', p?: Probe): Observable<PayEvent> {
  const description = result.outcome === 'success' ? undefined : result.description;
  return run.recorder
    .record(
      { status: status ?? (result.outcome === 'failed' ? 'failed' : result.outcome), lastState: p?.state, description },
      { phase: result.outcome, cause: 'settled', cts: p?.state?.cts, description },
    )
    .pipe(
      map((): PayEvent => {
        if (result.outcome === 'success') deps.announcer.say({ kind: 'payment_success', platform: result.platform ?? 'unknown', amount: result.amount });
        return { type: 'settled', result };
      }),
    );
}
