/**
 * The transaction list flow (spec §6.9, §10.6) as `(query$, deps) => Observable<HistoryEvent>`:
 * one brief_query_order_list page per query, merged with the journal's open orders and the
 * refund ledger's open refunds, and the deposit journal's freezes, consumptions and releases
 * (cpay's list has no freezes). `switchMap`: a new filter or page replaces a page still loading.
 *
 * Local first (issue 21): the page's local rows (this terminal's sent orders from the journal's
 * `createdAt` index, its cash / card books, deposits, open orders and refunds) are shown as soon as
 * IndexedDB has them, marked `waiting`, while cpay's list is still on its way; cpay's answer then
 * replaces them by its own rows (confirmed) and adds those this terminal does not know (other
 * devices' sales), one row per order. When the server cannot be reached the local rows stay, with
 * the reason.
 */
import { catchError, combineLatest, concat, defer, filter, forkJoin, from, map, of, switchMap, type Observable } from 'rxjs';
import {
  ORDER_TYPE,
  SUB_PAY,
  bookSalesOf,
  bookkeepingHistoryRows,
  cpayPlatformsOf,
  mergeHistory,
  pageCount,
  rowOfListed,
  sentBesideCpay,
  wantsCpay,
  type HistoryQuery,
  type HistoryRow,
  type LocalPayment,
} from './history.js';
import type { RefundRecord } from '../refund/refund.js';
import type { DepositRecord } from '../deposit/deposit.js';
import { depositHistoryRows } from './history-deposits.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { describeOutcome } from '../../kernel/flow/flow-support.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';

/** The terminal fields the list API filters on. */
export interface ListTerminal {
  readonly outSubMchId: string;
  readonly outShopId: string;
  readonly deviceId: string;
}

/** Ports of the history flow. */
export interface HistoryDeps {
  readonly cpay: CpayPort;
  /** Journal entries still open (pending/unknown): JournalPort.listOpen. */
  readonly openPayments: () => Promise<readonly LocalPayment[]>;
  /** Refunds still open in the ledger (created/unknown/processing). */
  readonly openRefunds: () => Promise<readonly RefundRecord[]>;
  readonly terminal: () => ListTerminal;
  readonly nonce: () => string;
  /**
   * Cash / card bookkeeping sales created in [fromMs, toMs + 1): one page of them, newest first, and
   * their number (like the deposits: a month of a stall's cash sales is hundreds); and, with the
   * first page (offset 0), the window's local refunds (journal and ledger; cpay never lists them);
   * absent = none.
   */
  readonly bookkeeping?: (
    fromMs: number,
    toMs: number,
    offset: number,
    limit: number,
    /** One method only (402 现金 / 401 银行卡): `total` is then "this page, and more while it is full". */
    subPayPlatform?: number,
  ) => Promise<{ readonly sales: readonly LocalPayment[]; readonly refunds: readonly RefundRecord[]; readonly total: number }>;
  /**
   * One page of the orders this terminal sent to cpay created in [fromMs, toMs + 1) (the journal,
   * not the bookkeeping sales), newest first, that `accept` keeps; `more` while the page is full.
   * Shown before cpay's list answers; absent = only cpay's list.
   */
  readonly sent?: (
    fromMs: number,
    toMs: number,
    offset: number,
    limit: number,
    accept: (p: LocalPayment) => boolean,
  ) => Promise<{ readonly records: readonly LocalPayment[]; readonly more: boolean }>;
  /**
   * A page of the deposits created in [fromMs, toMs + 1), newest first, and their number (deposit
   * journal); absent = no deposit rows. Each history page shows its own page of deposits (a month
   * of a busy stall holds hundreds: never all of them at once).
   */
  readonly deposits?: (
    fromMs: number,
    toMs: number,
    offset: number,
    limit: number,
  ) => Promise<{ readonly records: readonly DepositRecord[]; readonly total: number }>;
}

/** What the history screen shows. */
export type HistoryEvent =
  | { readonly type: 'loading'; readonly query: HistoryQuery }
  | {
      readonly type: 'page';
      readonly query: HistoryQuery;
      readonly rows: readonly HistoryRow[];
      readonly totalCount: number;
      readonly pages: number;
      readonly serverError?: string;
      /** Local rows only: cpay's list has not answered yet (its rows are not confirmed). */
      readonly waiting?: true;
    };

const sec = (ms: number) => Math.floor(ms / 1000);

/** The history flow. Never errors. */
export function historyFlow(query$: Observable<HistoryQuery>, deps: HistoryDeps): Observable<HistoryEvent> {
  return query$.pipe(switchMap((q) => concat(of<HistoryEvent>({ type: 'loading', query: q }), pageEvents(q, deps))));
}

/** Loads one page and merges local rows: only the page with cpay's answer (or its failure) in. */
export function loadPage(q: HistoryQuery, deps: HistoryDeps): Observable<HistoryEvent> {
  return pageEvents(q, deps).pipe(filter((e) => e.type !== 'page' || e.waiting !== true));
}

type Local = readonly [
  open: readonly LocalPayment[],
  refunds: readonly RefundRecord[],
  deposits: { readonly records: readonly DepositRecord[]; readonly total: number },
  books: { readonly sales: readonly LocalPayment[]; readonly refunds: readonly RefundRecord[]; readonly total: number },
  sent: { readonly records: readonly LocalPayment[]; readonly more: boolean },
];

const WAITING = Symbol('waiting for cpay');

/**
 * One page as it arrives: the local rows first (`waiting`) when IndexedDB answers before cpay, then
 * the page with cpay's answer merged in (or its failure). Never errors.
 */
export function pageEvents(q: HistoryQuery, deps: HistoryDeps): Observable<HistoryEvent> {
  const cpayPlatforms = cpayPlatformsOf(q);
  const asksCpay = wantsCpay(q);
  const server$ = !asksCpay
    ? of(undefined)
    : guardedCall(() => {
        const t = deps.terminal();
        return deps.cpay.call('brief_query_order_list', {
          outSubMchId: t.outSubMchId,
          outShopId: t.outShopId,
          deviceId: t.deviceId,
          orderType: ORDER_TYPE[q.kind],
          startTime: sec(q.fromMs),
          endTime: sec(q.toMs),
          pageNum: q.page,
          pageSize: q.pageSize,
          nonce: deps.nonce(),
          ...(cpayPlatforms.length > 0 ? { subPayPlatforms: cpayPlatforms.map((p) => SUB_PAY[p]) } : {}),
        });
      });
  const wantsDeposits = q.kind === 'all' || q.kind === 'deposits';
  const noDeposits = { records: [] as readonly DepositRecord[], total: 0 };
  const noBooks = { sales: [] as readonly LocalPayment[], refunds: [] as readonly RefundRecord[], total: 0 };
  const noSent = { records: [] as readonly LocalPayment[], more: false };
  const books = bookSalesOf(q);
  const wantsSales = books === 'all' || books.length > 0;
  // This terminal's orders to cpay: payments only, of the filter's cpay platforms (an order whose platform is not known yet stays).
  const wantsSent = asksCpay && q.kind !== 'refunds';
  const acceptSent = (p: LocalPayment) => cpayPlatforms.length === 0 || p.platform === undefined || (cpayPlatforms as readonly string[]).includes(p.platform);
  const offset = (q.page - 1) * q.pageSize;
  const local$ = defer(() =>
    forkJoin([
      // Open orders and refunds are few and listed on page 1 only; deposits, bookkeeping sales and sent orders come a page at a time.
      from(q.page === 1 ? deps.openPayments() : Promise.resolve([])),
      from(q.page === 1 ? deps.openRefunds() : Promise.resolve([])),
      from((wantsDeposits && deps.deposits?.(q.fromMs, q.toMs + 1, offset, q.pageSize)) || Promise.resolve(noDeposits)),
      from(
        deps.bookkeeping?.(q.fromMs, q.toMs + 1, wantsSales ? offset : 0, wantsSales ? q.pageSize : 0, books === 'all' ? undefined : books[0]) ??
          Promise.resolve(noBooks),
      ),
      from((wantsSent && deps.sent?.(q.fromMs, q.toMs + 1, offset, q.pageSize, acceptSent)) || Promise.resolve(noSent)),
    ]),
  ).pipe(
    map(([open, openRefunds, deposits, bk, sent]): Local => [open, q.page === 1 ? [...openRefunds, ...bk.refunds] : [], deposits, bk, sent]),
    catchError(() => of<Local>([[], [], noDeposits, noBooks, noSent])),
  );
  const localPages = ([, , deposits, bk, sent]: Local) =>
    Math.max(pageCount(deposits.total, q.pageSize), wantsSales ? pageCount(bk.total, q.pageSize) : 0, sent.more ? q.page + 1 : 1);
  return combineLatest([local$, concat(of<typeof WAITING>(WAITING), server$)]).pipe(
    map(([local, o]): HistoryEvent => {
      const [payments, refunds, deposits, bk, sent] = local;
      const paged = [...depositHistoryRows(q, deposits.records), ...bookkeepingHistoryRows(q, bk.sales)];
      if (o === WAITING)
        return {
          type: 'page',
          query: q,
          rows: mergeHistory(q, [], payments, refunds, paged, sent.records),
          totalCount: 0,
          pages: localPages(local),
          waiting: true,
        };
      const ok = o === undefined || (o.kind === 'reply' && o.reply.status === 0 && o.reply.body !== undefined);
      const body = o?.kind === 'reply' && ok ? o.reply.body : undefined;
      const server = body ? body.items.map(rowOfListed) : [];
      const totalCount = body?.totalCount ?? 0;
      const rows = mergeHistory(q, server, payments, refunds, paged, sentBesideCpay(q, body ? server : undefined, sent.records));
      return {
        type: 'page',
        query: q,
        rows,
        totalCount,
        // As many pages as the longest of the server's list, the deposits and the bookkeeping sales of the window (and, unanswered, the sent orders).
        pages: Math.max(
          pageCount(totalCount, q.pageSize),
          body ? 1 : localPages(local),
          pageCount(deposits.total, q.pageSize),
          wantsSales ? pageCount(bk.total, q.pageSize) : 0,
        ),
        ...(ok || o === undefined ? {} : { serverError: describeOutcome(o) }),
      };
    }),
  );
}
