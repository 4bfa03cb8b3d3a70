/**
 * The refund flow (spec §10.4, §10.5) as `(intent$, deps) => Observable<RefundEvent>`.
 *
 * - `lookup` (a scanned receipt barcode, a typed order number, a history entry): query the order
 *   and its refunds and show it. `switchMap`: a new scan replaces a lookup still in flight.
 * - `refund`: manager PIN (when configured) → fresh lookup (server refunds may have changed) →
 *   amount checked against what is refundable → refund-run.ts → the order shown again.
 *   `exhaustMap`: while a refund runs a second confirmation is ignored, so one tap can never
 *   send two refunds.
 */
import { concat, connect, defer, filter, from, map, merge, of, switchMap, exhaustMap, catchError, tap, type Observable } from 'rxjs';
import { checkRefundAmount } from './refund-amount.js';
import type { RefundEvent } from './refund-events.js';
import type { RefundDeps } from './refund-deps.js';
import { lookupOrder, lookupOrderLocalFirst, type LookupResult } from './refund-lookup.js';
import { refundRun } from './refund-run.js';
import { bookkeepingRefundRun } from '../bookkeeping/bookkeeping-refund.js';

export type { RefundDeps, RefundTerminal, RefundLedgerPort, PinGate, RefundSentence } from './refund-deps.js';

/** What the refund screen sends the flow. */
export type RefundIntent =
  | { readonly type: 'lookup'; readonly outTradeNo: string }
  /** Refund `amountText` yuan of the order; `pin` is the manager PIN typed for this refund. */
  | { readonly type: 'refund'; readonly outTradeNo: string; readonly amountText: string; readonly pin?: string };

type Lookup = Extract<RefundIntent, { type: 'lookup' }>;
type Refund = Extract<RefundIntent, { type: 'refund' }>;

/** The refund flow. Never errors, never subscribes. */
export function refundFlow(intent$: Observable<RefundIntent>, deps: RefundDeps): Observable<RefundEvent> {
  return intent$.pipe(
    connect((shared) =>
      merge(
        shared.pipe(
          filter((i): i is Lookup => i.type === 'lookup'),
          switchMap((i) => show(i.outTradeNo.trim(), deps, true)),
        ),
        shared.pipe(
          filter((i): i is Refund => i.type === 'refund'),
          exhaustMap((i) => refund(i, deps)),
        ),
      ),
    ),
  );
}

/**
 * Looks an order up and emits it (or why not). `localFirst` (a scan, a typed number, a history
 * entry): this terminal's own paid order paints first from its journal, marked provisional, then
 * cpay's answer. A refund never starts from a provisional view: `refund` asks cpay (`lookupOrder`).
 */
export function show(outTradeNo: string, deps: RefundDeps, localFirst = false): Observable<RefundEvent> {
  const lookup$ = localFirst ? lookupOrderLocalFirst(outTradeNo, deps) : lookupOrder(outTradeNo, deps);
  return concat(of<RefundEvent>({ type: 'looking_up', outTradeNo }), lookup$.pipe(map(toEvent)));
}

function toEvent(r: LookupResult): RefundEvent {
  return r.kind === 'order'
    ? { type: 'order', order: r.order }
    : { type: 'lookup_failed', outTradeNo: r.outTradeNo, reason: r.reason, description: r.description };
}

function refund(intent: Refund, deps: RefundDeps): Observable<RefundEvent> {
  const outTradeNo = intent.outTradeNo.trim();
  return pinVerdict(intent.pin, deps).pipe(
    switchMap((verdict): Observable<RefundEvent> => {
      if (verdict !== 'ok') return of({ type: 'refused', outTradeNo, refusal: { kind: verdict } });
      return lookupOrder(outTradeNo, deps).pipe(
        switchMap((r): Observable<RefundEvent> => {
          if (r.kind === 'failed') return of(toEvent(r));
          const view = r.order;
          if (!view.refundable && view.totals.refundable > 0) {
            const events: RefundEvent[] = [
              { type: 'order', order: view },
              { type: 'refused', outTradeNo, refusal: { kind: 'not_refundable', display: view.display } },
            ];
            return from(events);
          }
          const check = checkRefundAmount(intent.amountText, view.refundable ? view.totals.refundable : (0 as typeof view.total));
          if (!check.ok)
            return from<RefundEvent[]>([
              { type: 'order', order: view },
              { type: 'refused', outTradeNo, refusal: { kind: 'amount', error: check.error } },
            ]);
          // A bookkeeping sale (cash / card on an external terminal) is refunded locally; cpay has no such order.
          const run$ = view.platform === 'bookkeeping' ? bookkeepingRefundRun(view, check.amount, deps) : refundRun(view, check.amount, deps);
          // The order shown again afterwards; after a refusal (another window refunded it first)
          // without the lookup step, which would clear the refusal the cashier must read.
          let refused = false;
          return concat(
            of<RefundEvent>({ type: 'order', order: view }),
            run$.pipe(tap((e) => (refused ||= e.type === 'refused'))),
            defer(() => (refused ? lookupOrder(outTradeNo, deps).pipe(map(toEvent)) : show(outTradeNo, deps))),
          );
        }),
      );
    }),
  );
}

type PinVerdict = 'ok' | 'pin_required' | 'pin_wrong';

/** Checks the manager PIN when one is configured; a failing PIN store refuses (fail closed). */
function pinVerdict(pin: string | undefined, deps: RefundDeps): Observable<PinVerdict> {
  return defer(() => from(deps.pin.required())).pipe(
    switchMap((required): Observable<PinVerdict> => {
      if (!required) return of('ok');
      if (pin === undefined || pin === '') return of('pin_required');
      return from(deps.pin.verify(pin)).pipe(map((ok): PinVerdict => (ok ? 'ok' : 'pin_wrong')));
    }),
    catchError((err: unknown) => {
      deps.warn('the manager PIN could not be checked; refund refused', err);
      return of<PinVerdict>('pin_wrong');
    }),
  );
}
