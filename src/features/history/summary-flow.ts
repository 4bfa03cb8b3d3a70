/**
 * The shift/day summary flow (spec §6.10, §10.6) as `(request$, deps) => Observable<SummaryEvent>`:
 * brief_query_order_list_overview for the window (all order types, every platform), folded into
 * per-platform lines. `switchMap`: a new window replaces a summary still loading. Also the shift
 * receipt's data for the printer (src/kernel/receipt.ts `shiftReceipt`).
 */
import { concat, map, of, switchMap, type Observable } from 'rxjs';
import type { ShiftReceipt } from '../../kernel/receipt.js';
import { summarise, type Summary, type SummaryPlatform } from './summary.js';
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

/** One overview call → the summary (or why not). */
export function loadSummary(r: SummaryRequest, deps: SummaryDeps): Observable<SummaryEvent> {
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
  }).pipe(
    map((o): SummaryEvent => {
      if (o.kind === 'reply' && o.reply.status === 0 && o.reply.body) return { type: 'summary', summary: summarise(o.reply.body.rows, r.fromMs, r.toMs) };
      return { type: 'failed', request: r, description: describeOutcome(o) };
    }),
  );
}

const RECEIPT_PLATFORM: { readonly [P in SummaryPlatform]: ShiftReceipt['rows'][number]['platform'] } = {
  wechat: 'wechat',
  alipay: 'alipay',
  card: 'card',
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
