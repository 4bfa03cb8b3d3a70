/**
 * Bringing the refund ledger up to date (spec §7.7): every refund still open in the ledger
 * (created, unknown, processing — e.g. the page reloaded mid-refund, or the settle watch ended)
 * is asked about with query_refund_order, one at a time (`concatMap`), and what cpay says is
 * recorded. "Not found" settles a created/unknown refund as failed only once it is older than
 * LOCAL_ONLY_STALE_MS (it never reached cpay); anything unclear stays as it is for next time.
 */
import { EMPTY, catchError, concatMap, defer, from, map, of, switchMap, type Observable } from 'rxjs';
import { classifyRefundState, classifyStatus } from '@cpay/protocol';
import { LOCAL_ONLY_STALE_MS, type RefundRecord, type RefundStatus } from './refund.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';
import type { RefundDeps } from './refund-deps.js';
import { envelopeParts } from './refund-record.js';

/** The ledger with the query reconciliation needs. */
export type ReconcileDeps = RefundDeps & { readonly ledger: RefundDeps['ledger'] & { listOpen(): Promise<RefundRecord[]> } };

const BY_CLASS = { success: 'success', failed: 'failed', manual: 'manual', pending: 'processing' } as const;

/** Queries every open ledger refund; emits each record whose status changed. Never errors. */
export function reconcileRefunds(deps: ReconcileDeps): Observable<RefundRecord> {
  return defer(() => from(deps.ledger.listOpen())).pipe(
    catchError((err: unknown) => {
      deps.warn('refund ledger: open refunds could not be read', err);
      return of<RefundRecord[]>([]);
    }),
    switchMap((open) => from(open)),
    concatMap((r) => reconcileOne(r, deps)),
  );
}

function reconcileOne(r: RefundRecord, deps: ReconcileDeps): Observable<RefundRecord> {
  return guardedCall(() =>
    deps.cpay.call('query_refund_order', {
      ...envelopeParts(deps.terminal(), r.platform),
      outTradeNo: r.outTradeNo,
      outRefundNo: r.outRefundNo,
      nonce: deps.nonce(),
    }),
  ).pipe(
    map((o): RefundStatus | undefined => {
      if (o.kind !== 'reply') return undefined;
      const outcome = classifyStatus(o.reply.status, o.reply.internalStatus);
      const mine = o.reply.body?.refunds.find((x) => x.outRefundNo === r.outRefundNo);
      if (outcome === 'success' && mine?.refundState) return BY_CLASS[classifyRefundState(mine.refundState)];
      const local = r.status === 'created' || r.status === 'unknown';
      return outcome === 'final' && local && deps.clock.serverNow() - r.updatedAt > LOCAL_ONLY_STALE_MS ? 'failed' : undefined;
    }),
    switchMap((status) => {
      if (status === undefined || status === r.status) return EMPTY;
      const next: RefundRecord = { ...r, status, updatedAt: deps.clock.serverNow() };
      return from(deps.ledger.put(next)).pipe(map(() => next));
    }),
    catchError((err: unknown) => {
      deps.warn(`refund ledger: ${r.outRefundNo} could not be reconciled`, err);
      return EMPTY;
    }),
  );
}
