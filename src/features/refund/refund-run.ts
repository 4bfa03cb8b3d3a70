/**
 * One refund from a checked amount to its result (spec §7.6, §7.7, §9, §10.4 steps 5-8): take a
 * refund number and write it to the ledger BEFORE the request leaves; send `refund` (full
 * envelope); then follow it with query_refund_order until the platform settles it or the watch
 * ends. Status rules (refund-decide.ts): 0 accepted, 102 a new refund number, 103 the same
 * request after 3 s, 104/101 refused with cpay's description, 3 or no answer → query the refund.
 */
import { EMPTY, catchError, concat, defer, from, map, of, switchMap, takeUntil, timer, type Observable } from 'rxjs';
import type { Fen, RefundRequest } from '@cpay/protocol';
import { describeError } from '../../kernel/errors.js';
import type { RefundEvent, RefundOrderView, RefundResult } from './refund-events.js';
import type { RefundRecord, RefundStatus } from './refund.js';
import { REFUND_TIMING, type RefundDeps } from './refund-deps.js';
import { UNKNOWN_REFUND_TEXT, attemptRefund } from './refund-decide.js';
import { envelopeParts, recordRefund, type RefundRun } from './refund-record.js';

/** Ledger status for each outcome: data, not branches. */
const STATUS_OF: { readonly [O in RefundResult['outcome']]: RefundStatus } = {
  refunded: 'success',
  accepted: 'processing',
  manual: 'manual',
  failed: 'failed',
  unknown: 'unknown',
};

/** Runs one refund of `amount` (already checked against the refundable amount). Never errors. */
export function refundRun(view: RefundOrderView, amount: Fen, deps: RefundDeps, newNumbers = 0): Observable<RefundEvent> {
  return defer(() => {
    const t = deps.terminal();
    let outRefundNo: string | undefined;
    return from(deps.orderNumbers.next(t.cloudCashierId)).pipe(
      switchMap((no) => {
        outRefundNo = no;
        const at = deps.clock.serverNow();
        const record: RefundRecord = {
          outRefundNo: no,
          outTradeNo: view.outTradeNo,
          platform: view.platform,
          totalFee: view.total,
          amount,
          status: 'created',
          ...(t.staffId === undefined ? {} : { staffId: t.staffId }),
          ...(t.authorizationStaffId === undefined ? {} : { authorizationStaffId: t.authorizationStaffId }),
          createdAt: at,
          updatedAt: at,
        };
        return from(deps.ledger.put(record)).pipe(map(() => newRun(view, amount, record, deps)));
      }),
      switchMap((run) => runToResult(run, deps, newNumbers)),
      catchError((error: unknown) =>
        of<RefundEvent>({
          type: 'settled',
          result: {
            outcome: 'failed',
            outTradeNo: view.outTradeNo,
            outRefundNo,
            amount,
            reason: 'storage',
            description: `nothing was sent: ${describeError(error)}`,
          },
        }),
      ),
    );
  });
}

function newRun(view: RefundOrderView, amount: Fen, record: RefundRecord, deps: RefundDeps): RefundRun {
  const request: RefundRequest = {
    outTradeNo: view.outTradeNo,
    outRefundNo: record.outRefundNo,
    totalFee: view.total,
    refundFee: amount,
    ...(view.outFreezeNo === undefined ? {} : { outFreezeNo: view.outFreezeNo }),
    ...envelopeParts(deps.terminal(), view.platform),
    nonce: deps.nonce(),
  };
  return { view, amount, request, record, accepted: false, resends: { not_sent: 0, retry_later: 0, unknown: 0 }, result: undefined };
}

/** The body under the watch deadline, then exactly one settlement (or a retry with a new number). */
function runToResult(run: RefundRun, deps: RefundDeps, newNumbers: number): Observable<RefundEvent> {
  const body$ = concat(
    of<RefundEvent>({ type: 'submitting', outTradeNo: run.view.outTradeNo, outRefundNo: run.record.outRefundNo, amount: run.amount, attempt: newNumbers }),
    attemptRefund(run, deps),
  ).pipe(
    takeUntil(timer(REFUND_TIMING.settleWatchMs, deps.scheduler)),
    catchError((err: unknown) => {
      deps.warn(`refund ${run.record.outRefundNo} hit a defect; it stays unknown for a later query`, err);
      return EMPTY;
    }),
  );
  return concat(
    body$,
    defer(() => settle(run, deps, newNumbers)),
  );
}

function settle(run: RefundRun, deps: RefundDeps, newNumbers: number): Observable<RefundEvent> {
  const base = { outTradeNo: run.view.outTradeNo, outRefundNo: run.record.outRefundNo, amount: run.amount };
  const result: RefundResult =
    run.result ??
    (run.accepted ? { outcome: 'accepted', ...base, platform: run.view.platform } : { outcome: 'unknown', ...base, description: UNKNOWN_REFUND_TEXT });
  const description = 'description' in result ? result.description : undefined;
  const retry = result.outcome === 'failed' && result.reason === 'new_number' && newNumbers < REFUND_TIMING.maxNewNumbers;
  return recordRefund(run, deps, STATUS_OF[result.outcome], description).pipe(
    switchMap((): Observable<RefundEvent> => {
      if (retry) return refundRun(run.view, run.amount, deps, newNumbers + 1);
      // A final failure is always said, also after 「退款」 was announced on acceptance (spec §12: the result the user needs).
      if (result.outcome === 'failed') deps.announce({ kind: 'refund_failed', amount: run.amount });
      if (result.outcome === 'refunded' && !run.accepted) deps.announce({ kind: 'refund_success', platform: run.view.platform, amount: run.amount });
      return of({ type: 'settled', result });
    }),
  );
}
