/**
 * Looking an order up for a refund (spec §10.4 steps 2-3, §10.5): brief_query_order for total,
 * platform and state; then cpay's own truth about the order's refunds: the merchant-level
 * `query_order_list` (no device filter, so refunds made by another till or in the merchant
 * console are seen; its Order carries `refunded_fee`, the partial-refund figure query_order lacks,
 * 003 L10726-10736) over a window that starts when the order was created, read page by page;
 * merged with the local ledger. When that list cannot be read, the device list
 * (brief_query_order_list) is used, and when neither can, the ledger alone decides and the view
 * says the server was not checked (cpay still refuses an over-refund with 104, so nothing can be
 * paid twice). Decision: docs/decisions/0017-refundable-amount.md.
 */
import { EMPTY, Observable, catchError, defer, expand, forkJoin, from, map, of, reduce, switchMap } from 'rxjs';
import {
  isOrderNotFoundState,
  type Fen,
  type ListedRefund,
  type MerchantListedOrder,
  type MerchantListedRefund,
  type QueryOrderResponse,
} from '@cpay/protocol';
import type { RefundOrderView } from './refund-events.js';
import { acceptsRefunds, mergeRefunds, orderDisplay, refundTotals, type RefundTotals } from './refund.js';
import { describeOutcome } from '../../kernel/flow/flow-support.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';
import { REFUND_TIMING, type RefundDeps } from './refund-deps.js';
import { envelopeParts } from './refund-record.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { isBookkeepingEntry } from '../bookkeeping/bookkeeping.js';

/** Why an order could not be shown. */
/** Why a lookup shows no order: cpay's documented not-found state (WeChat 11 / Alipay 7), another refusal, or no answer. */
export type LookupFailure = 'not_found' | 'refused' | 'unreachable';

/** The lookup's answer. */
export type LookupResult =
  | { readonly kind: 'order'; readonly order: RefundOrderView }
  | { readonly kind: 'failed'; readonly outTradeNo: string; readonly reason: LookupFailure; readonly description: string };

const sec = (ms: number) => Math.floor(ms / 1000);

/**
 * Queries the order, its server refunds and the ledger, and builds the view. Never errors. A
 * bookkeeping sale (cash / card on an external terminal) is this terminal's own: it is shown from
 * the journal and the ledger alone, and cpay is never asked (it has no such order).
 */
export function lookupOrder(outTradeNo: string, deps: RefundDeps): Observable<LookupResult> {
  return defer(() => from(deps.journal.get(outTradeNo).catch(() => undefined))).pipe(
    switchMap((entry) => (entry && isBookkeepingEntry(entry) ? bookkeepingLookup(entry, deps) : cpayLookup(outTradeNo, entry, deps))),
  );
}

/**
 * The lookup as the refund screen shows it (issue 21, the cheap tablet's scan → order card): a
 * paid order of this terminal's own journal (an indexed get by order number, no scan) paints at
 * once from the journal and the local refund ledger, marked `provisional` (cpay has not confirmed
 * its state nor its refundable amount: never refundable), then cpay's answer (`lookupOrder`)
 * replaces it. cpay is asked as soon as the journal row is read, never after the local card; when
 * cpay answers first, no local card is shown. An order not in the journal, a bookkeeping sale, or
 * one this terminal did not see paid waits for the one answer as before.
 */
export function lookupOrderLocalFirst(outTradeNo: string, deps: RefundDeps): Observable<LookupResult> {
  return defer(() => from(deps.journal.get(outTradeNo).catch(() => undefined))).pipe(
    switchMap((entry) => {
      if (entry && isBookkeepingEntry(entry)) return bookkeepingLookup(entry, deps);
      const final$ = cpayLookup(outTradeNo, entry, deps);
      const platform = entry?.platform;
      if (!entry || entry.status !== 'success' || platform === undefined) return final$;
      return paintFirst(entry, platform, final$, deps);
    }),
  );
}

/**
 * The local card of `entry`, unless cpay's answer (`final$`, subscribed at once) came first, then
 * that answer. Plain Observable plumbing, as cpayLookup: no new rxjs operators in the shared chunk.
 */
function paintFirst(entry: JournalEntry, platform: RefundOrderView['platform'], final$: Observable<LookupResult>, deps: RefundDeps): Observable<LookupResult> {
  return new Observable<LookupResult>((subscriber) => {
    let answered = false;
    const sub = final$.subscribe({
      next: (r) => {
        answered = true;
        subscriber.next(r);
      },
      error: (e: unknown) => subscriber.error(e),
      complete: () => subscriber.complete(),
    });
    deps.ledger.forOrder(entry.outTradeNo).then(
      (local) => {
        if (!answered && !subscriber.closed) subscriber.next({ kind: 'order', order: provisionalView(entry, platform, local) });
      },
      () => undefined, // no local card: cpay's answer is shown when it comes
    );
    return () => sub.unsubscribe();
  });
}

/** This terminal's own record of a paid order, before cpay confirmed it: shown, never refundable. */
function provisionalView(entry: JournalEntry, platform: RefundOrderView['platform'], local: Parameters<typeof mergeRefunds>[1]): RefundOrderView {
  const refunds = mergeRefunds(entry.outTradeNo, local, []);
  const totals = refundTotals(entry.amount, refunds);
  return {
    outTradeNo: entry.outTradeNo,
    platform,
    total: entry.amount,
    cts: entry.lastState?.cts,
    // The journal says paid (its last state from cpay when it has one).
    display: orderDisplay(entry.lastState ?? { platform, cts: 2 }, entry.amount, totals),
    refunds,
    totals,
    serverChecked: false,
    refundable: false,
    provisional: true,
  };
}

/** A bookkeeping sale as the refund screen shows it: the ledger's local refunds are the whole truth. */
function bookkeepingLookup(entry: JournalEntry, deps: RefundDeps): Observable<LookupResult> {
  return from(deps.ledger.forOrder(entry.outTradeNo)).pipe(
    map((local): LookupResult => {
      const refunds = mergeRefunds(entry.outTradeNo, local, []);
      const totals = refundTotals(entry.amount, refunds);
      const state = { platform: 'bookkeeping' as const, cts: entry.recordState ?? 2 };
      const display = orderDisplay(state, entry.amount, totals);
      return {
        kind: 'order',
        order: {
          outTradeNo: entry.outTradeNo,
          platform: 'bookkeeping',
          total: entry.amount,
          cts: state.cts,
          display,
          refunds,
          totals,
          serverChecked: true,
          refundable: entry.status === 'success' && display !== 'fully_refunded' && totals.refundable > 0,
          ...(entry.subPayPlatform === undefined ? {} : { subPayPlatform: entry.subPayPlatform }),
        },
      };
    }),
    catchError((err: unknown) =>
      of<LookupResult>({ kind: 'failed', outTradeNo: entry.outTradeNo, reason: 'unreachable', description: `refund ledger: ${String(err)}` }),
    ),
  );
}

/**
 * brief_query_order and the refund list are asked at once (issue 21: the list does not depend on
 * the order's answer, and one round trip after the other was most of a scan's wait on a cheap
 * tablet); when the order cannot be shown, the list still in flight is dropped. `entry` is the
 * journal's row of the order (read once by `lookupOrder`), undefined when this terminal did not take it.
 */
function cpayLookup(outTradeNo: string, entry: JournalEntry | undefined, deps: RefundDeps): Observable<LookupResult> {
  // Plain Observable/Promise plumbing, no new rxjs operators: they would land in the shared chunk of the first screen.
  return new Observable<LookupResult>((subscriber) => {
    let settle: (t: ServerTruth | undefined) => void = () => undefined;
    const truth = new Promise<ServerTruth | undefined>((resolve) => (settle = resolve));
    const asking = serverTruth(outTradeNo, entry, deps).subscribe({
      next: (t) => settle(t),
      error: () => settle(undefined),
      complete: () => settle(undefined),
    });
    const showing = queryOrder(outTradeNo, deps)
      .pipe(switchMap((q) => lookupView(outTradeNo, q, entry, from(truth), deps)))
      .subscribe(subscriber);
    return () => {
      showing.unsubscribe();
      asking.unsubscribe();
    };
  });
}

function lookupView(
  outTradeNo: string,
  q: OrderAnswer,
  entry: JournalEntry | undefined,
  truth$: Observable<ServerTruth | undefined>,
  deps: RefundDeps,
): Observable<LookupResult> {
  if (q.kind === 'failed') return of(q);
  return forkJoin([truth$, from(deps.ledger.forOrder(outTradeNo)), freezeNoOf(outTradeNo, q.order, entry, deps)]).pipe(
    map(([truth, local, freeze]): LookupResult => {
      // No answer about the deposit: a refund sent without it would be refused (issue 15 run #182), so nothing is offered.
      if (freeze.kind === 'unknown') return { kind: 'failed', outTradeNo, reason: 'unreachable', description: freeze.description };
      const outFreezeNo = freeze.outFreezeNo;
      const server = truth?.refunds;
      const refunds = mergeRefunds(outTradeNo, local, server ?? [], { read: server !== undefined, nowMs: deps.clock.serverNow() });
      const totals = withRefundedFee(q.order.totalFee, refundTotals(q.order.totalFee, refunds), truth?.refundedFee);
      const display = orderDisplay(q.order.state, q.order.totalFee, totals);
      return {
        kind: 'order',
        order: {
          outTradeNo,
          platform: q.order.platform,
          total: q.order.totalFee,
          cts: q.order.state?.cts,
          display,
          refunds,
          totals,
          serverChecked: server !== undefined,
          refundable: acceptsRefunds(q.order.state) && display !== 'fully_refunded' && totals.refundable > 0,
          ...(outFreezeNo === undefined ? {} : { outFreezeNo }),
        },
      };
    }),
    catchError((err: unknown) => of<LookupResult>({ kind: 'failed', outTradeNo, reason: 'unreachable', description: `refund ledger: ${String(err)}` })),
  );
}

/** What query_order said about an order's deposit: known (a number, or none), or no answer. */
type FreezeAnswer = { readonly kind: 'known'; readonly outFreezeNo?: string } | { readonly kind: 'unknown'; readonly description: string };

/**
 * The deposit of a deposit consumption (OrderContent.out_freeze_no, 003 L722), which its refunds
 * must carry (003 L3915). brief_query_order does not return it (and an Alipay consumption reads
 * state 2 like any payment), so an order this terminal did not take itself (not in the payment
 * journal: a consumption, or another device's order) is read once with query_order. None for our
 * own payments and when cpay answers without one (or refuses the query). When query_order gets no
 * answer at all (timeout, relay 504, offline, status 3/103), the deposit is unknown and the lookup
 * fails: a consumption's refund sent without it is refused by cpay (104 押金模式退款单必填), which
 * under load left a confirmed refund with a refund number burnt and no refund at cpay (issue 15 run
 * #182); the cashier is told the lookup failed instead, and nothing is sent.
 */
function freezeNoOf(outTradeNo: string, order: QueryOrderResponse, entry: JournalEntry | undefined, deps: RefundDeps): Observable<FreezeAnswer> {
  if (entry) return of({ kind: 'known' });
  return defer((): Observable<FreezeAnswer> => {
    return guardedCall(() => {
      const t = deps.terminal();
      const { mchKey, client } = envelopeParts(t, order.platform);
      return deps.cpay.call('query_order', {
        mchKey: { payPlatform: mchKey.payPlatform, outMchId: mchKey.outMchId, outSubMchId: mchKey.outSubMchId, outShopId: mchKey.outShopId },
        client,
        outTradeNo,
        nonce: deps.nonce(),
      });
    }).pipe(
      map((o): FreezeAnswer => {
        if (o.kind === 'reply' && o.reply.status === 0) {
          const ofn = o.reply.body?.order.outFreezeNo;
          return ofn === undefined ? { kind: 'known' } : { kind: 'known', outFreezeNo: ofn };
        }
        if (o.kind === 'reply' && o.reply.status !== 3 && o.reply.status !== 103) return { kind: 'known' };
        return { kind: 'unknown', description: `the order's deposit (query_order) could not be read: ${describeOutcome(o)}` };
      }),
    );
  });
}

type OrderAnswer = { readonly kind: 'ok'; readonly order: QueryOrderResponse } | Extract<LookupResult, { kind: 'failed' }>;

function queryOrder(outTradeNo: string, deps: RefundDeps): Observable<OrderAnswer> {
  return guardedCall(() => {
    const t = deps.terminal();
    return deps.cpay.call('brief_query_order', { outShopId: t.outShopId, nonce: deps.nonce(), outTradeNo, deviceId: t.deviceId, snCode: t.snCode });
  }).pipe(
    map((o): OrderAnswer => {
      // cpay's documented "no such order" state (decision 0016) is an answer, not an order to refund.
      if (o.kind === 'reply' && o.reply.status === 0 && o.reply.body && isOrderNotFoundState(o.reply.body.state))
        return {
          kind: 'failed',
          outTradeNo,
          reason: 'not_found',
          description: `order state ${o.reply.body.state?.platform ?? ''} ${o.reply.body.state?.cts ?? ''}`,
        };
      if (o.kind === 'reply' && o.reply.status === 0 && o.reply.body) return { kind: 'ok', order: o.reply.body };
      const refused = o.kind === 'reply' && o.reply.status !== 3 && o.reply.status !== 103;
      return { kind: 'failed', outTradeNo, reason: refused ? 'refused' : 'unreachable', description: describeOutcome(o) };
    }),
  );
}

/** What cpay says about the order's refunds: every refund it lists, and its refunded_fee when known. */
interface ServerTruth {
  readonly refunds: readonly ListedRefund[];
  readonly refundedFee?: Fen;
}

/**
 * cpay's refunds of the order: the merchant-level list (every device, the merchant console,
 * refunded_fee), else this device's list, else undefined (not read).
 */
function serverTruth(outTradeNo: string, entry: JournalEntry | undefined, deps: RefundDeps): Observable<ServerTruth | undefined> {
  return defer(() => {
    const now = deps.clock.serverNow();
    const start = sec(entry ? entry.createdAt - 60_000 : now - REFUND_TIMING.lookBackMs);
    const end = sec(now) + 60;
    return paged((n) => merchantPage(deps, start, end, n)).pipe(
      switchMap((items) => {
        if (items) return of(merchantTruth(outTradeNo, items));
        return paged((n) => listPage(deps, start, end, n)).pipe(map((list) => list && { refunds: list.filter((r) => r.outTradeNo === outTradeNo) }));
      }),
    );
  });
}

/** Every page of a list (bounded), or undefined when a page could not be read. */
function paged<T>(page: (pageNum: number) => Observable<Page<T> | undefined>): Observable<T[] | undefined> {
  return page(1).pipe(
    expand((p) => (p && p.more && p.pageNum < REFUND_TIMING.maxPages ? page(p.pageNum + 1) : EMPTY)),
    reduce<Page<T> | undefined, T[] | undefined>((acc, p) => (acc && p ? [...acc, ...p.items] : undefined), []),
  );
}

/** The order's refunds from the merchant list (as ListedRefund) and its refunded_fee. */
function merchantTruth(outTradeNo: string, items: readonly (MerchantListedOrder | MerchantListedRefund)[]): ServerTruth {
  const order = items.find((i): i is MerchantListedOrder => i.kind === 'order' && i.outTradeNo === outTradeNo);
  const refunds = items
    .filter((i): i is MerchantListedRefund => i.kind === 'refund' && i.outTradeNo === outTradeNo)
    .map((r): ListedRefund => ({
      kind: 'refund',
      outTradeNo: r.outTradeNo,
      outRefundNo: r.outRefundNo,
      totalFee: r.totalFee,
      refundFee: r.refundFee,
      createTime: r.createTime ?? 0,
      ...(r.refundState ? { refundState: r.refundState } : {}),
    }));
  return order?.refundedFee === undefined ? { refunds } : { refunds, refundedFee: order.refundedFee };
}

/**
 * Totals corrected by cpay's refunded_fee: when cpay says more was refunded than the refunds we
 * know add up to (a refund we cannot see), that figure counts as refunded. Never lowers them.
 */
function withRefundedFee(total: Fen, t: RefundTotals, refundedFee: Fen | undefined): RefundTotals {
  if (refundedFee === undefined || refundedFee <= t.refunded) return t;
  return { refunded: refundedFee, inFlight: t.inFlight, refundable: Math.max(0, total - refundedFee - t.inFlight) as Fen };
}

interface Page<T> {
  readonly pageNum: number;
  readonly items: readonly T[];
  readonly more: boolean;
}

/** One page of query_order_list for the whole shop (no device): payments and refunds in every state, by creation time. */
function merchantPage(
  deps: RefundDeps,
  startTime: number,
  endTime: number,
  pageNum: number,
): Observable<Page<MerchantListedOrder | MerchantListedRefund> | undefined> {
  const size = REFUND_TIMING.pageSize;
  return guardedCall(() => {
    const t = deps.terminal();
    return deps.cpay.call('query_order_list', {
      outSubMchId: t.outSubMchId,
      outShopId: t.outShopId,
      orderType: 3,
      startTime,
      endTime,
      pageNum,
      pageSize: size,
      payTimeType: 1,
      refundTimeType: 1,
      timeFilter: 1,
      status: 1,
      nonce: deps.nonce(),
    });
  }).pipe(
    map((o) => {
      if (o.kind !== 'reply' || o.reply.status !== 0 || !o.reply.body) return undefined;
      const { items, totalCount } = o.reply.body;
      return { pageNum, items, more: items.length === size && (totalCount === undefined || pageNum * size < totalCount) };
    }),
  );
}

function listPage(deps: RefundDeps, startTime: number, endTime: number, pageNum: number): Observable<Page<ListedRefund> | undefined> {
  const size = REFUND_TIMING.pageSize;
  return guardedCall(() => {
    const t = deps.terminal();
    return deps.cpay.call('brief_query_order_list', {
      outSubMchId: t.outSubMchId,
      outShopId: t.outShopId,
      deviceId: t.deviceId,
      orderType: 2,
      startTime,
      endTime,
      pageNum,
      pageSize: size,
      nonce: deps.nonce(),
    });
  }).pipe(
    map((o) => {
      if (o.kind !== 'reply' || o.reply.status !== 0 || !o.reply.body) return undefined;
      const items = o.reply.body.items.filter((i): i is ListedRefund => i.kind === 'refund');
      const more = o.reply.body.items.length === size && pageNum * size < o.reply.body.totalCount;
      return { pageNum, items, more };
    }),
  );
}
