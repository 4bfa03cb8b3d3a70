/**
 * The transaction list flow (spec §6.9, §10.6) as `(query$, deps) => Observable<HistoryEvent>`:
 * one brief_query_order_list page per query, merged with the journal's open orders and the
 * refund ledger's open refunds, and the deposit journal's freezes, consumptions and releases
 * (cpay's list has no freezes). `switchMap`: a new filter or page replaces a page still loading.
 * When the server cannot be reached the local rows are still shown, with the reason.
 */
import { catchError, concat, defer, forkJoin, from, map, of, switchMap, type Observable } from 'rxjs';
import {
  ORDER_TYPE,
  SUB_PAY,
  bookkeepingHistoryRows,
  mergeHistory,
  pageCount,
  rowOfListed,
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
  ) => Promise<{ readonly sales: readonly LocalPayment[]; readonly refunds: readonly RefundRecord[]; readonly total: number }>;
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
    };

const sec = (ms: number) => Math.floor(ms / 1000);

/** The history flow. Never errors. */
export function historyFlow(query$: Observable<HistoryQuery>, deps: HistoryDeps): Observable<HistoryEvent> {
  return query$.pipe(switchMap((q) => concat(of<HistoryEvent>({ type: 'loading', query: q }), loadPage(q, deps))));
}

/** Loads one page and merges local rows. */
export function loadPage(q: HistoryQuery, deps: HistoryDeps): Observable<HistoryEvent> {
  const server$ =
    q.kind === 'deposits'
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
            ...(q.platforms.length > 0 ? { subPayPlatforms: q.platforms.map((p) => SUB_PAY[p]) } : {}),
          });
        });
  const wantsDeposits = q.kind === 'all' || q.kind === 'deposits';
  const noDeposits = { records: [] as readonly DepositRecord[], total: 0 };
  const noBooks = { sales: [] as readonly LocalPayment[], refunds: [] as readonly RefundRecord[], total: 0 };
  const wantsSales = q.kind === 'all' || q.kind === 'payments';
  const local$ = defer(() =>
    forkJoin([
      // Open orders and refunds are few and listed on page 1 only; deposits and bookkeeping sales come a page at a time.
      from(q.page === 1 ? deps.openPayments() : Promise.resolve([])),
      from(q.page === 1 ? deps.openRefunds() : Promise.resolve([])),
      from((wantsDeposits && deps.deposits?.(q.fromMs, q.toMs + 1, (q.page - 1) * q.pageSize, q.pageSize)) || Promise.resolve(noDeposits)),
      from(deps.bookkeeping?.(q.fromMs, q.toMs + 1, wantsSales ? (q.page - 1) * q.pageSize : 0, wantsSales ? q.pageSize : 0) ?? Promise.resolve(noBooks)),
    ]),
  ).pipe(
    map(([open, openRefunds, deposits, bk]): [readonly LocalPayment[], readonly RefundRecord[], typeof noDeposits, typeof noBooks] => [
      open,
      q.page === 1 ? [...openRefunds, ...bk.refunds] : [],
      deposits,
      bk,
    ]),
    catchError(() => of<[readonly LocalPayment[], readonly RefundRecord[], typeof noDeposits, typeof noBooks]>([[], [], noDeposits, noBooks])),
  );
  return forkJoin([server$, local$]).pipe(
    map(([o, [payments, refunds, deposits, bk]]): HistoryEvent => {
      const ok = o === undefined || (o.kind === 'reply' && o.reply.status === 0 && o.reply.body !== undefined);
      const body = o?.kind === 'reply' && ok ? o.reply.body : undefined;
      const server = body ? body.items.map(rowOfListed) : [];
      const totalCount = body?.totalCount ?? 0;
      const paged = [...depositHistoryRows(q, deposits.records), ...bookkeepingHistoryRows(q, bk.sales)];
      const rows = mergeHistory(q, server, payments, refunds, paged);
      return {
        type: 'page',
        query: q,
        rows,
        totalCount,
        // As many pages as the longest of the server's list, the deposits and the bookkeeping sales of the window.
        pages: Math.max(pageCount(totalCount, q.pageSize), pageCount(deposits.total, q.pageSize), wantsSales ? pageCount(bk.total, q.pageSize) : 0),
        ...(ok || o === undefined ? {} : { serverError: describeOutcome(o) }),
      };
    }),
  );
}
