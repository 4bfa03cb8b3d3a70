/**
 * The rows of a history export (issue 20): every page of brief_query_order_list for the window
 * (the screen shows one page; the file holds them all), merged with the terminal's own rows as
 * the screen merges them, plus the bookkeeping sales and their refunds (cash, card) from the
 * local books, which cpay never lists. Pages are read one after another (the relay's queue is
 * the till's too). A page cpay does not answer stops the reading: the rows so far are kept and
 * the reason is returned, so a file never claims to be complete when it is not. Never errors.
 */
import { concatMap, defer, from, map, of, reduce, type Observable } from 'rxjs';
import { loadPage, type HistoryDeps } from './history-flow.js';
import type { HistoryQuery, HistoryRow } from './history.js';
import type { ExportRow } from './history-csv.js';
import type { LocalBooks } from '../shift/shift-deps.js';
import { readBooks } from '../shift/shift-flow.js';

/** Rows per list call (the screen's page is smaller; fewer calls for a long day). */
export const EXPORT_PAGE_SIZE = 100;
/** At most this many pages (10 000 rows) per file: a longer range is split by the cashier. */
export const EXPORT_MAX_PAGES = 100;

/** Ports of the export. */
export interface HistoryExportDeps extends HistoryDeps {
  /** The local books (bookkeeping sales and refunds); absent: none exported. */
  readonly books?: LocalBooks;
}

/** What the export read. */
export interface ExportResult {
  readonly rows: readonly ExportRow[];
  /** Why cpay's part is incomplete, when it is. */
  readonly serverError?: string;
  /** True when the range had more pages than {@link EXPORT_MAX_PAGES}. */
  readonly truncated: boolean;
}

const exportRowOf = (r: HistoryRow): ExportRow => ({
  at: r.at,
  kind: r.kind,
  ...(r.depositStep ? { depositStep: r.depositStep } : {}),
  outTradeNo: r.outTradeNo,
  ...(r.outRefundNo ? { outRefundNo: r.outRefundNo } : {}),
  // A bookkeeping row (listed on the screen from the journal) keeps its method: cash or bank card, not the bare platform.
  ...(r.method ? { method: r.method === 'cash' ? 'cash' : 'bankcard' } : r.platform ? { method: r.platform } : {}),
  status: r.status,
  amount: r.amount,
  source: r.source,
});

interface Acc {
  readonly rows: HistoryRow[];
  serverError?: string;
  pages: number;
}

/** Every row of the query's window (its kind and platform filters kept; paging ignored). */
export function exportHistory(q: HistoryQuery, deps: HistoryExportDeps, pageSize = EXPORT_PAGE_SIZE): Observable<ExportResult> {
  const base: HistoryQuery = { ...q, page: 1, pageSize };
  const server$ = loadPage(base, deps).pipe(
    concatMap((first) => {
      if (first.type !== 'page') return of<Acc>({ rows: [], pages: 0 });
      const acc: Acc = { rows: [...first.rows], pages: first.pages, ...(first.serverError ? { serverError: first.serverError } : {}) };
      const more = first.serverError ? 0 : Math.min(first.pages, EXPORT_MAX_PAGES) - 1;
      if (more <= 0) return of(acc);
      return from(Array.from({ length: more }, (_, i) => i + 2)).pipe(
        concatMap((page) => (acc.serverError ? of(undefined) : loadPage({ ...base, page }, deps))),
        reduce((a, e) => {
          if (e?.type === 'page') {
            if (e.serverError) a.serverError ??= e.serverError;
            else a.rows.push(...e.rows);
          }
          return a;
        }, acc),
      );
    }),
  );
  const books$ = defer(() => (deps.books && q.kind !== 'deposits' ? from(readBooks(deps.books, q.fromMs, q.toMs + 1)) : of({ sales: [], refunds: [] })));
  return server$.pipe(
    concatMap((acc) =>
      books$.pipe(
        map((b): ExportResult => {
          const seen = new Set(acc.rows.map((r) => r.key));
          const rows: ExportRow[] = acc.rows.map(exportRowOf);
          const method = (m: 'cash' | 'card') => (m === 'cash' ? 'cash' : 'bankcard');
          // The books' methods the filter keeps (none of them when it names cpay platforms only).
          const keeps = (m: 'cash' | 'card') => q.platforms.length === 0 || q.platforms.includes(m === 'cash' ? 'cash' : 'bank_card');
          if (q.kind !== 'refunds' && q.kind !== 'deposits')
            for (const s of b.sales.filter((x) => keeps(x.method)))
              if (!seen.has(s.outTradeNo))
                rows.push({
                  at: s.at,
                  kind: 'payment',
                  outTradeNo: s.outTradeNo,
                  method: method(s.method),
                  status: 'success',
                  amount: s.amount,
                  source: 'local',
                });
          if (q.kind !== 'payments' && q.kind !== 'deposits')
            for (const r of b.refunds.filter((x) => keeps(x.method)))
              if (!seen.has(r.outRefundNo))
                rows.push({
                  at: r.at,
                  kind: 'refund',
                  outTradeNo: r.outTradeNo,
                  outRefundNo: r.outRefundNo,
                  method: method(r.method),
                  status: 'success',
                  amount: r.amount,
                  source: 'local',
                });
          return { rows, truncated: acc.pages > EXPORT_MAX_PAGES, ...(acc.serverError ? { serverError: acc.serverError } : {}) };
        }),
      ),
    ),
  );
}
