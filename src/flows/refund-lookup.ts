/**
 * Looking an order up for a refund (spec §10.4 steps 2-3, §10.5): brief_query_order for total,
 * platform and state; the order's refunds from brief_query_order_list (ot = 2) over a window
 * that starts when the order was created, read page by page; merged with the local ledger.
 * When the list cannot be read, the ledger alone decides and the view says the server was not
 * checked (cpay still refuses an over-refund with 104, so nothing can be paid twice).
 */
import { EMPTY, catchError, defer, expand, forkJoin, from, map, of, reduce, switchMap, type Observable } from 'rxjs';
import type { ListedRefund, QueryOrderResponse } from '@cpay/protocol';
import type { RefundOrderView } from '../domain/refund-events.js';
import { acceptsRefunds, mergeRefunds, orderDisplay, refundTotals } from '../domain/refund.js';
import { describeOutcome } from './flow-support.js';
import { guardedCall } from './poll-order.js';
import { REFUND_TIMING, type RefundDeps } from './refund-deps.js';
import { envelopeParts } from './refund-record.js';

/** Why an order could not be shown. */
export type LookupFailure = 'refused' | 'unreachable';

/** The lookup's answer. */
export type LookupResult =
  | { readonly kind: 'order'; readonly order: RefundOrderView }
  | { readonly kind: 'failed'; readonly outTradeNo: string; readonly reason: LookupFailure; readonly description: string };

const sec = (ms: number) => Math.floor(ms / 1000);

/** Queries the order, its server refunds and the ledger, and builds the view. Never errors. */
export function lookupOrder(outTradeNo: string, deps: RefundDeps): Observable<LookupResult> {
  return queryOrder(outTradeNo, deps).pipe(switchMap((q): Observable<LookupResult> => {
    if (q.kind === 'failed') return of(q);
    return forkJoin([serverRefunds(outTradeNo, deps), from(deps.ledger.forOrder(outTradeNo)), freezeNoOf(outTradeNo, q.order, deps)]).pipe(
      map(([server, local, outFreezeNo]): LookupResult => {
        const refunds = mergeRefunds(outTradeNo, local, server ?? [], { read: server !== undefined, nowMs: deps.clock.serverNow() });
        const totals = refundTotals(q.order.totalFee, refunds);
        const display = orderDisplay(q.order.state, q.order.totalFee, totals);
        return { kind: 'order', order: {
          outTradeNo, platform: q.order.platform, total: q.order.totalFee, cts: q.order.state?.cts, display, refunds, totals,
          serverChecked: server !== undefined,
          refundable: acceptsRefunds(q.order.state) && display !== 'fully_refunded' && totals.refundable > 0,
          ...(outFreezeNo === undefined ? {} : { outFreezeNo }),
        } };
      }),
      catchError((err: unknown) => of<LookupResult>({ kind: 'failed', outTradeNo, reason: 'unreachable', description: `refund ledger: ${String(err)}` })),
    );
  }));
}

/**
 * The deposit of a deposit consumption (OrderContent.out_freeze_no, 003 L722), which its refunds
 * must carry (003 L3915). brief_query_order does not return it (and an Alipay consumption reads
 * state 2 like any payment), so an order this terminal did not take itself (not in the payment
 * journal: a consumption, or another device's order) is read once with query_order. Undefined
 * for our own payments and when query_order gives no answer (cpay then refuses a deposit-mode
 * refund with its own description: nothing is lost).
 */
function freezeNoOf(outTradeNo: string, order: QueryOrderResponse, deps: RefundDeps): Observable<string | undefined> {
  return defer(() => from(deps.journal.get(outTradeNo).catch(() => undefined))).pipe(switchMap((entry) => {
    if (entry) return of(undefined);
    return guardedCall(() => {
      const t = deps.terminal();
      const { mchKey, client } = envelopeParts(t, order.platform);
      return deps.cpay.call('query_order', {
        mchKey: { payPlatform: mchKey.payPlatform, outMchId: mchKey.outMchId, outSubMchId: mchKey.outSubMchId, outShopId: mchKey.outShopId },
        client, outTradeNo, nonce: deps.nonce(),
      });
    }).pipe(map((o) => (o.kind === 'reply' && o.reply.status === 0 ? o.reply.body?.order.outFreezeNo : undefined)));
  }));
}

type OrderAnswer = { readonly kind: 'ok'; readonly order: QueryOrderResponse } | Extract<LookupResult, { kind: 'failed' }>;

function queryOrder(outTradeNo: string, deps: RefundDeps): Observable<OrderAnswer> {
  return guardedCall(() => {
    const t = deps.terminal();
    return deps.cpay.call('brief_query_order', { outShopId: t.outShopId, nonce: deps.nonce(), outTradeNo, deviceId: t.deviceId, snCode: t.snCode });
  }).pipe(map((o): OrderAnswer => {
    if (o.kind === 'reply' && o.reply.status === 0 && o.reply.body) return { kind: 'ok', order: o.reply.body };
    const refused = o.kind === 'reply' && o.reply.status !== 3 && o.reply.status !== 103;
    return { kind: 'failed', outTradeNo, reason: refused ? 'refused' : 'unreachable', description: describeOutcome(o) };
  }));
}

/** All server refunds of the order (every page), or undefined when the list could not be read. */
function serverRefunds(outTradeNo: string, deps: RefundDeps): Observable<ListedRefund[] | undefined> {
  return defer(() => from(deps.journal.get(outTradeNo).catch(() => undefined))).pipe(
    switchMap((entry) => {
      const now = deps.clock.serverNow();
      const start = entry ? entry.createdAt - 60_000 : now - REFUND_TIMING.lookBackMs;
      const page = (pageNum: number) => listPage(deps, sec(start), sec(now) + 60, pageNum);
      return page(1).pipe(
        expand((p) => (p && p.more && p.pageNum < REFUND_TIMING.maxPages ? page(p.pageNum + 1) : EMPTY)),
        reduce<Page | undefined, ListedRefund[] | undefined>((acc, p) => (acc && p ? [...acc, ...p.items] : undefined), []),
      );
    }),
    map((all) => all?.filter((r) => r.outTradeNo === outTradeNo)),
  );
}

interface Page { readonly pageNum: number; readonly items: readonly ListedRefund[]; readonly more: boolean }

function listPage(deps: RefundDeps, startTime: number, endTime: number, pageNum: number): Observable<Page | undefined> {
  const size = REFUND_TIMING.pageSize;
  return guardedCall(() => {
    const t = deps.terminal();
    return deps.cpay.call('brief_query_order_list', {
      outSubMchId: t.outSubMchId, outShopId: t.outShopId, deviceId: t.deviceId, orderType: 2, startTime, endTime, pageNum, pageSize: size, nonce: deps.nonce(),
    });
  }).pipe(map((o) => {
    if (o.kind !== 'reply' || o.reply.status !== 0 || !o.reply.body) return undefined;
    const items = o.reply.body.items.filter((i): i is ListedRefund => i.kind === 'refund');
    const more = o.reply.body.items.length === size && pageNum * size < o.reply.body.totalCount;
    return { pageNum, items, more };
  }));
}
