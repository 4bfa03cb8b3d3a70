/**
 * The shift/day summary flow (spec §6.10, §10.6) as `(request$, deps) => Observable<SummaryEvent>`:
 * brief_query_order_list_overview for the window (all order types, every platform), folded into
 * per-platform lines. `switchMap`: a new window replaces a summary still loading. Also the shift
 * receipt's data for the printer (src/kernel/receipt.ts `shiftReceipt`).
 */
import { catchError, concat, defer, forkJoin, from, map, of, switchMap, type Observable } from 'rxjs';
import type { ShiftReceipt } from '../../kernel/receipt.js';
import { summarise, type LocalMethodTotals, type Summary, type SummaryPlatform } from './summary.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { describeOutcome } from '../../kernel/flow/flow-support.js';
import type { ListTerminal } from './history-flow.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';

/** Which window to summarise (server ms). */
export interface SummaryRequest {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Ports of the summary flow. */
export interface SummaryDeps {
  readonly cpay: CpayPort;
  /** This terminal's cash / card bookkeeping totals per method for a window (journal and ledger); absent = none. */
  readonly bookkeeping?: (fromMs: number, toMs: number) => Promise<readonly LocalMethodTotals[]>;
  readonly terminal: () => ListTerminal;
  readonly nonce: () => string;
}

/** What the summary screen shows. */
export type SummaryEvent =
  | { readonly type: 'loading'; readonly request: SummaryRequest }
  | { readonly type: 'summary'; readonly summary: Summary }
  | { readonly type: 'failed'; readonly request: SummaryRequest; readonly description: string };

const sec = (ms: number) => Math.floor(ms / 1000);

/** The summary flow. Never errors. */
export function summaryFlow(request$: Observable<SummaryRequest>, deps: SummaryDeps): Observable<SummaryEvent> {
  return request$.pipe(switchMap((r) => concat(of<SummaryEvent>({ type: 'loading', request: r }), loadSummary(r, deps))));
}

/**
 * One overview call plus this terminal's cash / card totals → the summary. When cpay cannot be
 * reached, a window with cash / card sales still shows them (with the reason cpay's part is
 * missing); one without fails as before.
 */
export function loadSummary(r: SummaryRequest, deps: SummaryDeps): Observable<SummaryEvent> {
  const local$ = defer(() => from(deps.bookkeeping?.(r.fromMs, r.toMs + 1) ?? Promise.resolve([]))).pipe(
    catchError(() => of<readonly LocalMethodTotals[]>([])),
  );
  return forkJoin([cpaySummary(r, deps), local$]).pipe(
    map(([o, local]): SummaryEvent => {
      if (o.kind === 'reply' && o.reply.status === 0 && o.reply.body)
        return { type: 'summary', summary: summarise(o.reply.body.rows, r.fromMs, r.toMs, local) };
      const description = describeOutcome(o);
      if (local.some((t) => t.count !== 0 || t.refundCount !== 0))
        return { type: 'summary', summary: { ...summarise([], r.fromMs, r.toMs, local), serverError: description } };
      return { type: 'failed', request: r, description };
    }),
  );
}

function cpaySummary(r: SummaryRequest, deps: SummaryDeps) {
  return guardedCall(() => {
    const t = deps.terminal();
    return deps.cpay.call('brief_query_order_list_overview', {
      outSubMchId: t.outSubMchId,
      outShopId: t.outShopId,
      deviceId: t.deviceId,
      orderType: 3,
      startTime: sec(r.fromMs),
      endTime: sec(r.toMs),
      nonce: deps.nonce(),
    });
  });
}

const RECEIPT_PLATFORM: { readonly [P in SummaryPlatform]: ShiftReceipt['rows'][number]['platform'] } = {
  wechat: 'wechat',
  alipay: 'alipay',
  card: 'card',
  cash: 'cash',
  bank_card: 'bank_card',
  other: 'unknown',
};

/** The shift receipt's data for a summary. */
export function shiftReceiptOf(s: Summary, header: Pick<ShiftReceipt, 'shopName' | 'deviceName' | 'cashier' | 'lang'>, printedAt: number): ShiftReceipt {
  return {
    ...header,
    at: printedAt,
    from: s.fromMs,
    to: s.toMs,
    rows: s.lines.flatMap((l) => (l.platform === 'total' ? [] : [{ platform: RECEIPT_PLATFORM[l.platform], count: l.count, amountFen: l.amount }])),
    refunds: { count: s.total.refundCount, amountFen: s.total.refundAmount },
    fees: { feesFen: s.total.fees, creditedFen: s.total.income }, // the on-screen summary's 手续费 and 入账金额 columns, printed too
  };
}
