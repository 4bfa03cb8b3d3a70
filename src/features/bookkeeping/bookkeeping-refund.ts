/**
 * The refund screen's path for a bookkeeping sale (cash, or a card on an external terminal): after
 * the same manager-PIN check and amount check as every refund (refund-flow.ts), the refund is
 * recorded locally (bookkeeping-flow.ts `refundLocally`) and settled at once — the cashier hands
 * the money back. No request goes to cpay: it has no such order.
 */
import { catchError, defer, from, map, of, type Observable } from 'rxjs';
import type { Fen } from '@cpay/protocol';
import { describeError } from '../../kernel/errors.js';
import type { RefundEvent, RefundOrderView } from '../refund/refund-events.js';
import type { RefundDeps } from '../refund/refund-deps.js';
import { refundLocally } from './bookkeeping-flow.js';
import type { LocalRefundError } from './bookkeeping.js';

/**
 * A refund the books refused as a refusal the cashier reads in shop language ("超过可退金额…"):
 * another window refunded the same sale first, between this screen's check and the write.
 */
function refusedOf(view: RefundOrderView, amount: Fen, e: LocalRefundError): RefundEvent | undefined {
  if (e.kind === 'too_much')
    return {
      type: 'refused',
      outTradeNo: view.outTradeNo,
      refusal: {
        kind: 'amount',
        error: e.refundable > 0 ? { kind: 'over_refundable', requested: amount, refundable: e.refundable } : { kind: 'nothing_refundable' },
      },
    };
  if (e.kind === 'zero') return { type: 'refused', outTradeNo: view.outTradeNo, refusal: { kind: 'amount', error: { kind: 'zero' } } };
  return undefined;
}

/**
 * Runs one local refund of `amount` (already checked against the refundable amount; checked again
 * atomically with the write, so a refund made meanwhile in another window is a refusal). Never errors.
 */
export function bookkeepingRefundRun(view: RefundOrderView, amount: Fen, deps: RefundDeps): Observable<RefundEvent> {
  const failed = (description: string): RefundEvent => ({
    type: 'settled',
    result: { outcome: 'failed', outTradeNo: view.outTradeNo, outRefundNo: undefined, amount, reason: 'storage', description },
  });
  return defer(() =>
    from(
      refundLocally(view.outTradeNo, amount, {
        orderNumbers: deps.orderNumbers,
        journal: deps.journal,
        ledger: deps.ledger,
        books: deps.localBooks,
        clock: deps.clock,
        prefix: () => deps.terminal().cloudCashierId,
        refundStaff: () => {
          const t = deps.terminal();
          return {
            ...(t.staffId === undefined ? {} : { staffId: t.staffId }),
            ...(t.authorizationStaffId === undefined ? {} : { authorizationStaffId: t.authorizationStaffId }),
          };
        },
      }),
    ),
  ).pipe(
    map((r): RefundEvent => {
      if (!r.ok) return refusedOf(view, amount, r.error) ?? failed(`nothing was refunded: ${r.error.kind}`);
      deps.announce({ kind: 'refund_success', platform: 'bookkeeping', amount });
      return {
        type: 'settled',
        result: { outcome: 'refunded', outTradeNo: view.outTradeNo, outRefundNo: r.record.outRefundNo, amount, platform: 'bookkeeping' },
      };
    }),
    catchError((error: unknown) => of(failed(`nothing was refunded: ${describeError(error)}`))),
  );
}
