/**
 * The handover's figures for a shift window (issue 20): cpay's overview (the summary's call) for
 * WeChat, Alipay and member card, fees and the amount credited; the deposit summary (held and
 * released); the local books for cash and card bookkeeping and their refunds; the drawer log.
 * Each part that cannot be read leaves its figures out and says why; the cash arithmetic never
 * waits for cpay (a stall closes its shift with the network down). Never errors.
 */
import { catchError, defer, forkJoin, from, map, of, type Observable } from 'rxjs';
import type { DepositSummary } from '../deposit/deposit-summary.js';
import { loadSummary, type SummaryDeps } from '../history/summary-flow.js';
import type { Summary } from '../history/summary.js';
import type { LocalBooks } from './shift-deps.js';
import {
  bookkeepingRefundOf,
  bookkeepingSaleOf,
  shiftFigures,
  type BookkeepingRefund,
  type BookkeepingSale,
  type ShiftDeposits,
  type ShiftFigures,
} from './shift.js';

/** Ports of the figures. */
export interface ShiftFiguresDeps extends SummaryDeps {
  readonly books: LocalBooks;
  /** The window's deposit summary (absent: the shell has no deposits). */
  readonly deposits?: (w: { readonly fromMs: number; readonly toMs: number }) => Observable<DepositSummary>;
}

/** The window of a handover and its float. */
export interface FiguresRequest {
  readonly fromMs: number;
  readonly toMs: number;
  readonly floatFen: number;
}

interface Books {
  readonly sales: readonly BookkeepingSale[];
  readonly refunds: readonly BookkeepingRefund[];
  readonly drawerOpens?: number;
}

/** The window's bookkeeping sales and refunds (a refund's sale is looked up when the refund row does not name its method). */
export async function readBooks(books: LocalBooks, fromMs: number, toMs: number): Promise<Books> {
  const [entries, refundRows, drawerOpens] = await Promise.all([
    books.journal(fromMs, toMs),
    books.refunds(fromMs, toMs),
    books.drawerOpens ? books.drawerOpens(fromMs, toMs).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  const sales = entries.flatMap((e) => {
    const s = bookkeepingSaleOf(e);
    return s ? [s] : [];
  });
  const methods = new Map<string, 'cash' | 'card'>(sales.map((s) => [s.outTradeNo, s.method]));
  const rows = [...refundRows, ...entries];
  // Refunds of sales from an earlier window: their method comes from the sale.
  for (const r of rows) {
    const no = typeof r === 'object' && r !== null && 'outTradeNo' in r && 'outRefundNo' in r ? (r as { outTradeNo: unknown }).outTradeNo : undefined;
    if (typeof no === 'string' && !methods.has(no)) {
      const sale = bookkeepingSaleOf(await books.entry(no).catch(() => undefined));
      if (sale) methods.set(no, sale.method);
    }
  }
  const refunds = rows.flatMap((r) => {
    const x = bookkeepingRefundOf(r, (no) => methods.get(no));
    return x ? [x] : [];
  });
  return { sales, refunds, ...(drawerOpens !== undefined ? { drawerOpens } : {}) };
}

const depositsOf = (d: DepositSummary): ShiftDeposits => ({
  count: d.total.count,
  frozen: d.total.frozen,
  consumed: d.total.consumed,
  released: d.total.released,
  held: d.total.held,
});

/** The handover's figures for [fromMs, toMs). */
export function loadShiftFigures(r: FiguresRequest, deps: ShiftFiguresDeps): Observable<ShiftFigures> {
  const w = { fromMs: r.fromMs, toMs: r.toMs };
  const cpay$ = loadSummary(w, deps).pipe(
    map((e): { summary?: Summary; error?: string } =>
      e.type === 'summary' ? { summary: e.summary } : { error: e.type === 'failed' ? e.description : 'no answer' },
    ),
  );
  const books$ = defer(() => from(readBooks(deps.books, r.fromMs, r.toMs))).pipe(
    catchError((e: unknown) => {
      console.warn('[shift] the local books could not be read', e);
      return of<Books>({ sales: [], refunds: [] });
    }),
  );
  const deposits$ = deps.deposits ? deps.deposits(w).pipe(map(depositsOf)) : of(undefined);
  return forkJoin([cpay$, books$, deposits$]).pipe(
    map(([c, b, d]) =>
      shiftFigures({
        ...r,
        ...(c.summary ? { summary: c.summary } : {}),
        ...(c.error !== undefined ? { cpayError: c.error } : {}),
        sales: b.sales,
        refunds: b.refunds,
        ...(d ? { deposits: d } : {}),
        ...(b.drawerOpens !== undefined ? { drawerOpens: b.drawerOpens } : {}),
      }),
    ),
  );
}
