/**
 * The micropay flow (spec §10.2) as `(intent$, deps) => Observable<PayEvent>`.
 *
 * A sale starts when the cashier confirms an amount: the relay is asked to warm the upstream
 * connection and the flow waits for the customer's code. Codes of an impossible shape are
 * refused (and the wait goes on); `cancel` ends the sale only while no code has been accepted.
 * The first acceptable code commits the sale: from then on cancel and further codes are ignored
 * and the order runs to a settled result (pay-run.ts).
 *
 * Flattening: `exhaustMap` over amount confirmations, so while a sale is in progress a second
 * Enter (or a second confirmation of any amount) is ignored and can never start a second payment.
 */
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
  shareReplay,
  switchMap,
  takeWhile,
  type Observable,
} from 'rxjs';
import type { Fen } from '@cpay/protocol';
import { checkCustomerCode, type CodeCheck } from '../../kernel/customer-code.js';
import type { PayEvent } from '../../kernel/payment.js';
import { terminalProblem, terminalProblemReason, type PayDeps } from './pay-deps.js';
import { OrderRecorder } from '../../kernel/flow/pay-journal.js';
import { micropayRun } from './pay-run.js';

export type { PayDeps, PayTerminal } from './pay-deps.js';

/** What the checkout screen sends the flow. */
export type PayIntent =
  /** The cashier confirmed this amount (already parsed and checked, see domain/money.ts). */
  | { readonly type: 'amount'; readonly amount: Fen }
  /** A customer code arrived: scanner (keyboard wedge, HID, camera) or typed, ending in Enter. */
  | { readonly type: 'code'; readonly code: string }
  /** The cashier cancels the sale (only effective before a code has been accepted). */
  | { readonly type: 'cancel' };

type CodeOrCancel = { readonly kind: 'cancel' } | { readonly kind: 'code'; readonly check: CodeCheck };

/** The micropay flow. Never errors, never subscribes; each sale ends in `settled` or `cancelled`. */
export function payFlow(intent$: Observable<PayIntent>, deps: PayDeps): Observable<PayEvent> {
  return intent$.pipe(
    connect((shared) =>
      shared.pipe(
        filter((i): i is Extract<PayIntent, { type: 'amount' }> => i.type === 'amount'),
        exhaustMap(({ amount }) => sale(amount, shared, deps)),
      ),
    ),
  );
}

/**
 * One sale: wait for a code (refusing bad ones) or a cancel, then pay. As soon as the amount is
 * confirmed, while the customer gets the code ready, the order number is taken (persisted by the
 * port) and the order is journaled (`awaiting_code`), so the scan-to-request path holds only the
 * signing: the journal already has the order before anything can be sent. A sale cancelled
 * before a code is journaled `cancelled` (never sent: not reported, not in history).
 */
function sale(amount: Fen, intent$: Observable<PayIntent>, deps: PayDeps): Observable<PayEvent> {
  return defer(() => {
    deps.cpay.warmup();
    const unusable = terminalProblem(deps);
    const opened$ = unusable === undefined ? openOrder(amount, deps).pipe(shareReplay({ bufferSize: 1, refCount: false })) : undefined;
    // Starts the number and the journal entry now. A failure is reported where the order is used
    // (micropayRun turns it into a "storage" result); here it only must not end the sale early.
    const early$ = opened$
      ? opened$.pipe(
          ignoreElements(),
          catchError(() => EMPTY),
        )
      : EMPTY;
    const decisions$ = intent$.pipe(
      filter((i) => i.type !== 'amount'),
      map((i): CodeOrCancel => (i.type === 'cancel' ? { kind: 'cancel' } : { kind: 'code', check: checkCustomerCode(i.code) })),
      // Keep listening while codes are refused; stop at the first cancel or acceptable code.
      takeWhile((d) => d.kind === 'code' && !d.check.ok, true),
    );
    const flow$ = concat(
      of<PayEvent>({ type: 'awaiting_code', amount }),
      decisions$.pipe(
        concatMap((d): Observable<PayEvent> => {
          if (d.kind === 'cancel') return concat(cancelOrder(opened$), of<PayEvent>({ type: 'cancelled', amount }));
          if (!d.check.ok) return of({ type: 'code_refused', error: d.check.error });
          if (unusable !== undefined || !opened$) {
            return of({
              type: 'settled',
              result: { outcome: 'failed', outTradeNo: undefined, amount, reason: terminalProblemReason(deps), description: unusable ?? 'not bound' },
            });
          }
          return micropayRun(amount, d.check.code, d.check.hint, deps, opened$);
        }),
      ),
    );
    return merge(early$, flow$);
  });
}

/** The signed-in staff member the order is opened by (order_client.staff_id), when there is one. */
const staffOf = (t: { readonly staffId?: string }) => (t.staffId ? { staffId: t.staffId } : {});

/** Takes the order number and journals the order, awaiting its code. */
function openOrder(amount: Fen, deps: PayDeps): Observable<OrderRecorder> {
  return defer(() => deps.orderNumbers.next(deps.terminal().cloudCashierId)).pipe(
    switchMap((no) => {
      const at = deps.clock.serverNow();
      const recorder = new OrderRecorder(
        deps.journal,
        deps.clock,
        {
          outTradeNo: no,
          kind: 'micropay',
          amount,
          body: deps.terminal().body,
          status: 'pending',
          ...staffOf(deps.terminal()),
          createdAt: at,
          updatedAt: at,
          history: [{ at, phase: 'awaiting_code', cause: 'order created' }],
        },
        deps.warn,
      );
      return recorder.create().pipe(map(() => recorder));
    }),
  );
}

/** Journals a sale cancelled before a code as `cancelled` (nothing was sent). Never errors. */
function cancelOrder(opened$: Observable<OrderRecorder> | undefined): Observable<never> {
  if (!opened$) return EMPTY;
  return opened$.pipe(
    switchMap((r) => r.record({ status: 'cancelled' }, { phase: 'cancelled', cause: 'cancelled before a code was scanned' })),
    ignoreElements(),
    catchError(() => EMPTY),
  );
}
