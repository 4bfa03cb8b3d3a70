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
import { EMPTY, catchError, concat, concatMap, connect, defer, exhaustMap, filter, ignoreElements, map, merge, of, shareReplay, takeWhile, type Observable } from 'rxjs';
import type { Fen } from '@cpay/protocol';
import { checkCustomerCode, type CodeCheck } from '../domain/customer-code.js';
import type { PayEvent } from '../domain/payment.js';
import { terminalProblem, type PayDeps } from './pay-deps.js';
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
  return intent$.pipe(connect((shared) => shared.pipe(
    filter((i): i is Extract<PayIntent, { type: 'amount' }> => i.type === 'amount'),
    exhaustMap(({ amount }) => sale(amount, shared, deps)),
  )));
}

/**
 * One sale: wait for a code (refusing bad ones) or a cancel, then pay. The order number is
 * allocated (and persisted by the port) as soon as the amount is confirmed, while the customer
 * gets the code ready, so the scan-to-request path holds only the journal write and signing.
 * A cancelled sale skips its number, which is harmless: numbers must be unique, not dense.
 */
function sale(amount: Fen, intent$: Observable<PayIntent>, deps: PayDeps): Observable<PayEvent> {
  return defer(() => {
    deps.cpay.warmup();
    const unusable = terminalProblem(deps);
    const orderNo$ = unusable === undefined
      ? defer(() => deps.orderNumbers.next(deps.terminal().cloudCashierId)).pipe(shareReplay({ bufferSize: 1, refCount: false }))
      : undefined;
    // Starts the allocation now. Its failure is reported where the number is used (micropayRun
    // turns it into a "storage" result); here it only must not end the sale early.
    const early$ = orderNo$ ? orderNo$.pipe(ignoreElements(), catchError(() => EMPTY)) : EMPTY;
    const decisions$ = intent$.pipe(
      filter((i) => i.type !== 'amount'),
      map((i): CodeOrCancel => (i.type === 'cancel' ? { kind: 'cancel' } : { kind: 'code', check: checkCustomerCode(i.code) })),
      // Keep listening while codes are refused; stop at the first cancel or acceptable code.
      takeWhile((d) => d.kind === 'code' && !d.check.ok, true),
    );
    const flow$ = concat(
      of<PayEvent>({ type: 'awaiting_code', amount }),
      decisions$.pipe(concatMap((d): Observable<PayEvent> => {
        if (d.kind === 'cancel') return of({ type: 'cancelled', amount });
        if (!d.check.ok) return of({ type: 'code_refused', error: d.check.error });
        if (unusable !== undefined || !orderNo$) {
          return of({ type: 'settled', result: { outcome: 'failed', outTradeNo: undefined, amount, reason: 'caller_error', description: unusable ?? 'not bound' } });
        }
        return micropayRun(amount, d.check.code, d.check.hint, deps, orderNo$);
      })),
    );
    return merge(early$, flow$);
  });
}
