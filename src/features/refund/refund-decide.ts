/**
 * The refund's status rules (spec §9.1) as a table, and the query loop that follows a refund
 * until the platform settles it (spec §7.7). Resending is always the identical request: the
 * out_refund_no makes it idempotent at cpay, so a resend can never refund twice.
 */
import { EMPTY, concat, defer, expand, map, of, switchMap, timer, type Observable } from 'rxjs';
import { classifyRefundState, classifyStatus, type StatusOutcome } from '@cpay/protocol';
import type { RefundEvent, RefundFailReason } from './refund-events.js';
import type { CallOutcome } from '../../platform/net/ports.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';
import { PAY_TIMING, mayResend, resendDelay } from '../../kernel/flow/policy.js';
import type { RefundDeps } from './refund-deps.js';
import { recordRefund, type RefundRun } from './refund-record.js';

/** The spec-style text for a refund whose outcome could not be learnt. */
export const UNKNOWN_REFUND_TEXT = '退款结果未知，请稍后查询订单或在手机端商户管理系统确认';

/** What to do after a refund reply that is not a success. */
type Next = { readonly kind: 'resend'; readonly reason: 'retry_later' | 'unknown' } | { readonly kind: 'fail'; readonly reason: RefundFailReason };

/** Non-success status outcome → next step (§9.1; 407 cannot occur on refunds, treated as 104). */
const BY_STATUS: { readonly [O in Exclude<StatusOutcome, 'success'>]: Next } = {
  unknown: { kind: 'resend', reason: 'unknown' },
  retry_later: { kind: 'resend', reason: 'retry_later' },
  new_number: { kind: 'fail', reason: 'new_number' },
  final: { kind: 'fail', reason: 'refused' },
  never_cancel: { kind: 'fail', reason: 'refused' },
  caller_error: { kind: 'fail', reason: 'caller_error' },
};

const fail = (run: RefundRun, reason: RefundFailReason, description: string): Observable<RefundEvent> => {
  run.result = { outcome: 'failed', outTradeNo: run.view.outTradeNo, outRefundNo: run.record.outRefundNo, amount: run.amount, reason, description };
  return EMPTY;
};

/** Sends the refund (identically on every attempt) and follows it. Sets `run.result` when final. */
export function attemptRefund(run: RefundRun, deps: RefundDeps): Observable<RefundEvent> {
  return guardedCall(() => deps.cpay.call('refund', run.request)).pipe(
    switchMap((o): Observable<RefundEvent> => {
      if (o.kind === 'not_sent') {
        if (!mayResend('not_sent', run.resends.not_sent)) return fail(run, 'not_sent', `${o.reason}: ${o.detail}`);
        const delay = resendDelay('not_sent', run.resends.not_sent++, deps.random());
        return timer(delay, deps.scheduler).pipe(switchMap(() => attemptRefund(run, deps)));
      }
      if (o.kind === 'unknown') return watchRefund(run, deps);
      const outcome = classifyStatus(o.reply.status, o.reply.internalStatus);
      if (outcome === 'success') return accept(run, deps, o.reply.body?.refund?.refundState);
      const next = BY_STATUS[outcome];
      if (next.kind === 'fail') return fail(run, next.reason, o.reply.description || `status ${o.reply.status}`);
      if (next.reason === 'retry_later' && mayResend('retry_later', run.resends.retry_later++)) {
        return timer(PAY_TIMING.retryLaterMs, deps.scheduler).pipe(switchMap(() => attemptRefund(run, deps)));
      }
      return watchRefund(run, deps);
    }),
  );
}

type RefundState = { readonly platform: 'wechat' | 'alipay' | 'card' | 'bookkeeping'; readonly state: number } | undefined;

/** cpay accepted the application: ledger `processing`, say so, then watch unless already final. */
function accept(run: RefundRun, deps: RefundDeps, state: RefundState): Observable<RefundEvent> {
  return concat(
    markAccepted(run, deps),
    defer(() => (settleFromState(run, state) ? EMPTY : watchRefund(run, deps))),
  );
}

/** First acceptance only: announce platform and amount, record `processing`, emit `accepted`. */
function markAccepted(run: RefundRun, deps: RefundDeps): Observable<RefundEvent> {
  return defer(() => {
    if (run.accepted) return EMPTY;
    run.accepted = true;
    deps.announce({ kind: 'refund_accepted', platform: run.view.platform, amount: run.amount });
    const event: RefundEvent = { type: 'accepted', outTradeNo: run.view.outTradeNo, outRefundNo: run.record.outRefundNo, amount: run.amount };
    return recordRefund(run, deps, 'processing').pipe(map(() => event));
  });
}

/** Applies a final refund state to the run; false while the refund is still processing. */
function settleFromState(run: RefundRun, state: RefundState): boolean {
  if (!state) return false;
  const base = { outTradeNo: run.view.outTradeNo, outRefundNo: run.record.outRefundNo, amount: run.amount };
  const cls = classifyRefundState(state);
  if (cls === 'pending') return false;
  if (cls === 'success') run.result = { outcome: 'refunded', ...base, platform: run.view.platform };
  else if (cls === 'manual') run.result = { outcome: 'manual', ...base, description: 'manual payout' };
  else run.result = { outcome: 'failed', ...base, reason: 'declined', description: `refund state ${state.state}` };
  return true;
}

type Probe = { readonly kind: 'final' } | { readonly kind: 'again'; readonly delayMs: number } | { readonly kind: 'resend' };

/** query_refund_order every 2 s (3 s after a 103) until a final state; "not found" → resend. */
function watchRefund(run: RefundRun, deps: RefundDeps): Observable<RefundEvent> {
  const query = (delayMs: number): Observable<Probe | RefundEvent> =>
    timer(delayMs, deps.scheduler).pipe(
      switchMap(() =>
        guardedCall(() =>
          deps.cpay.call('query_refund_order', {
            mchKey: { ...run.request.mchKey },
            client: run.request.client,
            outTradeNo: run.view.outTradeNo,
            outRefundNo: run.record.outRefundNo,
            nonce: deps.nonce(),
          }),
        ),
      ),
      switchMap((o) => probe(run, deps, o)),
    );
  return query(PAY_TIMING.pollIntervalMs).pipe(
    expand((p) => ('kind' in p && p.kind === 'again' ? query(p.delayMs) : EMPTY)),
    switchMap((p): Observable<RefundEvent> => {
      if (!('kind' in p)) return of(p);
      return p.kind === 'resend' ? attemptRefund(run, deps) : EMPTY;
    }),
  );
}

function probe(
  run: RefundRun,
  deps: RefundDeps,
  o: CallOutcome<{ readonly refunds: readonly { readonly outRefundNo: string; readonly refundState?: RefundState }[] }>,
): Observable<Probe | RefundEvent> {
  const again: Probe = { kind: 'again', delayMs: PAY_TIMING.pollIntervalMs };
  if (o.kind !== 'reply') return of(again);
  const outcome = classifyStatus(o.reply.status, o.reply.internalStatus);
  if (outcome === 'retry_later') return of({ kind: 'again', delayMs: PAY_TIMING.retryLaterMs });
  if (outcome === 'final' && !run.accepted && mayResend('unknown', run.resends.unknown++)) return of<Probe>({ kind: 'resend' });
  const mine = o.reply.body?.refunds.find((r) => r.outRefundNo === run.record.outRefundNo);
  if (outcome !== 'success' || !mine) return of(again);
  const decided$ = defer(() => of<Probe>(settleFromState(run, mine.refundState) ? { kind: 'final' } : again));
  return concat(markAccepted(run, deps), decided$);
}
