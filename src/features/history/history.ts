/**
 * The transaction list (spec §6.9, §10.6): server rows from brief_query_order_list merged with
 * the local journal and refund ledger, so orders the server has not (yet) settled or does not
 * know — unknown payments, refunds still processing — are visible too. Newest first.
 */
import { classifyOrderState, type Fen, type ListedOrder, type ListedRefund, type PayPlatformName } from '@cpay/protocol';
import { cstDateStart, cstDateText } from '../../kernel/china-time.js';
import { statusOfServerRefund, type RefundRecord, type RefundStatus, isDepositConsumption } from '../refund/refund.js';

/** Which rows the cashier asked for (brief `ot`: 1 payments, 2 refunds, 3 all; deposits are local rows only). */
export type HistoryKind = 'payments' | 'refunds' | 'deposits' | 'all';
/** `ot` per filter ('deposits' asks cpay nothing: the list has no freezes). */
export const ORDER_TYPE: { readonly [K in HistoryKind]: 1 | 2 | 3 } = { payments: 1, refunds: 2, deposits: 3, all: 3 };
/** SubPayPlatform codes of the list API. */
export const SUB_PAY: { readonly [P in 'wechat' | 'alipay' | 'card']: number } = { wechat: 100, alipay: 200, card: 300 };

/** A cpay platform of the list filter (its SubPayPlatform in `SUB_PAY`). */
export type CpayFilterPlatform = keyof typeof SUB_PAY;
/**
 * A payment method of the history filter: cpay's platforms, and the till's own books: 现金 `cash`
 * (SubPayPlatform 402) and 银行卡 `bank_card` (a card on the shop's card machine, 401).
 */
export type HistoryPlatform = CpayFilterPlatform | 'cash' | 'bank_card';
/** Every filter method, in the filter's order. */
export const HISTORY_PLATFORMS: readonly HistoryPlatform[] = ['wechat', 'alipay', 'card', 'cash', 'bank_card'];
/** The bookkeeping SubPayPlatform of a book method of the filter. */
const BOOK_SUB: { readonly [M in 'cash' | 'bank_card']: 401 | 402 } = { cash: 402, bank_card: 401 };

/** One page request. Times are server ms; the window is [fromMs, toMs]. */
export interface HistoryQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly kind: HistoryKind;
  /** Empty = every platform. */
  readonly platforms: readonly HistoryPlatform[];
  readonly page: number;
  readonly pageSize: number;
}

/** A row's status in words the UI translates. */
export type HistoryStatus = 'success' | 'pending' | 'failed' | 'refunded' | 'unknown' | 'processing' | 'manual' | 'frozen' | 'settled';

/** One row of the list. */
export interface HistoryRow {
  /** out_trade_no for payments, out_refund_no for refunds. */
  readonly key: string;
  readonly kind: 'payment' | 'refund' | 'deposit';
  /** Deposits: the freeze, its consumption or its release (domain/history-deposits.ts). */
  readonly depositStep?: 'freeze' | 'consume' | 'unfreeze';
  /** out_freeze_no for deposit rows. */
  readonly outTradeNo: string;
  readonly outRefundNo?: string;
  readonly platform?: PayPlatformName;
  readonly amount: Fen;
  /** Server time, ms. */
  readonly at: number;
  readonly status: HistoryStatus;
  /** 'local': only this terminal knows it so far (unknown payment, refund not yet listed), or ever (cash / card bookkeeping). */
  readonly source: 'server' | 'local';
  /** Bookkeeping rows (platform `bookkeeping`): cash (现金) or a card on the shop's card machine (银行卡). */
  readonly method?: 'cash' | 'card';
}

const isCpayPlatform = (p: HistoryPlatform): p is CpayFilterPlatform => p in SUB_PAY;

/** The cpay platforms the query filters on (empty with no filter at all, or with book methods only). */
export function cpayPlatformsOf(q: HistoryQuery): CpayFilterPlatform[] {
  return q.platforms.filter(isCpayPlatform);
}

/** Whether the query wants cpay's orders (its list, this terminal's sent orders): not for deposits or 现金/银行卡 only. */
export function wantsCpay(q: HistoryQuery): boolean {
  return q.kind !== 'deposits' && (q.platforms.length === 0 || cpayPlatformsOf(q).length > 0);
}

/**
 * The bookkeeping sales the query wants: `all`, none (`[]`), or the SubPayPlatform of its ONE
 * method (402 现金 or 401 银行卡).
 */
export function bookSalesOf(q: HistoryQuery): 'all' | readonly (401 | 402)[] {
  if (q.kind !== 'all' && q.kind !== 'payments') return [];
  if (q.platforms.length === 0) return 'all';
  const subs = q.platforms.filter((p): p is 'cash' | 'bank_card' => p === 'cash' || p === 'bank_card').map((m) => BOOK_SUB[m]);
  return subs.length === 2 ? 'all' : subs;
}

const PLATFORM_OF_SUB: Readonly<Record<number, PayPlatformName>> = { 100: 'wechat', 200: 'alipay', 300: 'card' };
const ORDER_STATUS = { success: 'success', pending: 'pending', user_paying: 'pending', failed: 'failed', refunded: 'refunded', deposit: 'pending' } as const;

/** A refund status in list words: a refund only created locally is not known to the server yet. */
export function historyStatusOfRefund(s: RefundStatus): HistoryStatus {
  return s === 'created' ? 'unknown' : s;
}

/** A server list entry as a row. */
export function rowOfListed(item: ListedOrder | ListedRefund): HistoryRow {
  const platform = item.kind === 'refund' ? item.refundState?.platform : item.state?.platform;
  const base = {
    outTradeNo: item.outTradeNo,
    at: item.createTime * 1000,
    source: 'server' as const,
    platform: platform ?? PLATFORM_OF_SUB[item.subPayPlatform ?? 0],
  };
  if (item.kind === 'refund')
    return {
      ...base,
      key: item.outRefundNo,
      kind: 'refund',
      outRefundNo: item.outRefundNo,
      amount: item.refundFee,
      status: historyStatusOfRefund(statusOfServerRefund(item)),
    };
  // A deposit consumption (WeChat 14, 003 L506) is a charged order, not a pending one.
  const status: HistoryStatus = item.state ? (isDepositConsumption(item.state) ? 'success' : ORDER_STATUS[classifyOrderState(item.state)]) : 'pending';
  return { ...base, key: item.outTradeNo, kind: 'payment', amount: item.totalFee ?? (0 as Fen), status };
}

/** The journal facts a local payment row needs (structurally a JournalEntry). */
export interface LocalPayment {
  readonly outTradeNo: string;
  readonly amount: Fen;
  readonly status: string;
  readonly platform?: PayPlatformName;
  readonly createdAt: number;
  /** Journal kind and phases: a micropay whose code was never recorded was never sent. */
  readonly kind?: string;
  readonly history?: readonly { readonly phase: string }[];
  /** Bookkeeping sales: SubPayPlatform (401 card, 402 cash) and RecordOrderState (3 = refunded). */
  readonly subPayPlatform?: number;
  readonly recordState?: number;
}

/** The bookkeeping method of a SubPayPlatform code (401 card, 402 cash). */
const METHOD_OF_SUB: Readonly<Record<number, 'cash' | 'card'>> = { 401: 'card', 402: 'cash' };
const methodPart = (sub: number | undefined): { method?: 'cash' | 'card' } => {
  const m = sub === undefined ? undefined : METHOD_OF_SUB[sub];
  return m ? { method: m } : {};
};

/**
 * A sale abandoned before its code (amount confirmed, then the page went away): the terminal never
 * sent it, so it is no payment to list (no 处理中 row, no refund button). If it had left after all,
 * cpay's own list shows it.
 */
function neverSent(p: LocalPayment): boolean {
  return p.status === 'cancelled' || (p.kind === 'micropay' && p.history !== undefined && !p.history.some((h) => h.phase === 'submitting'));
}

const LOCAL_STATUS: Readonly<Record<string, HistoryStatus>> = {
  pending: 'pending',
  unknown: 'unknown',
  success: 'success',
  failed: 'failed',
  cancelled: 'failed',
  closed: 'failed',
};

function wanted(q: HistoryQuery, kind: HistoryRow['kind'], at: number, platform: PayPlatformName | undefined, sub?: number): boolean {
  if (q.kind === 'payments' && kind !== 'payment') return false;
  if (q.kind === 'refunds' && kind !== 'refund') return false;
  if (q.kind === 'deposits' && kind !== 'deposit') return false;
  if (at < q.fromMs || at > q.toMs) return false;
  if (q.platforms.length === 0) return true;
  // A bookkeeping row is wanted by its method (现金 / 银行卡), never by a cpay platform.
  const method = methodPart(sub).method;
  if (method !== undefined || platform === 'bookkeeping') return method !== undefined && q.platforms.includes(method === 'cash' ? 'cash' : 'bank_card');
  // A cpay order (its platform perhaps not known yet: an unknown outcome) only under a filter naming cpay platforms.
  const cpay = cpayPlatformsOf(q);
  return cpay.length > 0 && (platform === undefined || (cpay as readonly string[]).includes(platform));
}

/**
 * The page's rows: server rows, plus (on page 1 only, so they do not repeat) local payments and
 * refunds the server did not list, and the deposit rows (history-deposits.ts). Newest first.
 */
export function mergeHistory(
  q: HistoryQuery,
  listed: readonly HistoryRow[],
  allPayments: readonly LocalPayment[],
  allRefunds: readonly RefundRecord[],
  deposits: readonly HistoryRow[] = [],
  sent: readonly LocalPayment[] = [],
): HistoryRow[] {
  const server = markRefunded(listed);
  const known = new Set(server.map((r) => r.key));
  // This page's orders sent from here that cpay has not listed (yet, or at all: offline): local rows.
  const sentRows = sent
    .filter((p) => !neverSent(p) && !known.has(p.outTradeNo) && wanted(q, 'payment', p.createdAt, p.platform, p.subPayPlatform))
    .map(localPaymentRow);
  for (const r of sentRows) known.add(r.key);
  // Deposit and bookkeeping-sale rows come paged with the query (history-flow.ts); open orders and refunds on page 1 only.
  if (q.page !== 1) return [...server, ...sentRows, ...deposits.filter((d) => !known.has(d.key))].sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : -1));
  // One row per order or refund: a bookkeeping sale is read both as an open payment (never) and a window row.
  const payments = dedupe(allPayments, (p) => p.outTradeNo);
  const refunds = dedupe(allRefunds, (r) => r.outRefundNo);
  const local: HistoryRow[] = [
    // A sale cancelled before its code never reached cpay: not a payment to list.
    ...payments
      .filter((p) => !neverSent(p) && !known.has(p.outTradeNo) && wanted(q, 'payment', p.createdAt, p.platform, p.subPayPlatform))
      .map(localPaymentRow),
    ...refunds
      .filter((r) => !known.has(r.outRefundNo) && wanted(q, 'refund', r.createdAt, r.platform, r.subPayPlatform))
      .map((r): HistoryRow => ({
        key: r.outRefundNo,
        kind: 'refund',
        outTradeNo: r.outTradeNo,
        outRefundNo: r.outRefundNo,
        platform: r.platform,
        amount: r.amount,
        at: r.createdAt,
        status: historyStatusOfRefund(r.status),
        source: 'local',
        ...methodPart(r.subPayPlatform),
      })),
  ];
  return [...server, ...sentRows, ...local, ...deposits.filter((d) => !known.has(d.key))].sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : -1));
}

/**
 * This terminal's sent orders of a page (the journal's, shown before cpay answers) that stay once
 * cpay's page is in: cpay's own row replaces each one it lists, and of the others only those inside
 * the span cpay's page covers stay (a full page 1 of cpay ends at its oldest row: older local ones
 * belong to a later page of cpay's list; they would show twice otherwise). Open orders are not
 * dropped here: they come with page 1 whatever cpay says (`mergeHistory`'s `allPayments`).
 * Unanswered (offline, an error): all of them, as this terminal's records.
 */
export function sentBesideCpay(q: HistoryQuery, listed: readonly HistoryRow[] | undefined, sent: readonly LocalPayment[]): LocalPayment[] {
  if (listed === undefined) return [...sent];
  const listedPayments = listed.filter((r) => r.kind === 'payment');
  const known = new Set(listedPayments.map((r) => r.key));
  const ats = listedPayments.map((r) => r.at);
  if (ats.length === 0) return q.page === 1 ? sent.filter((p) => !known.has(p.outTradeNo)) : [];
  const full = listed.length >= q.pageSize;
  // cpay's times are whole seconds: an order of the page's first or last second may be on the next or previous page of cpay's list.
  const oldest = full ? Math.min(...ats) + 1000 : q.fromMs;
  const newest = q.page === 1 ? q.toMs + 1 : Math.max(...ats);
  return sent.filter((p) => !known.has(p.outTradeNo) && p.createdAt >= oldest && p.createdAt < newest);
}

/** A payment of the journal as a history row. */
function localPaymentRow(p: LocalPayment): HistoryRow {
  return {
    key: p.outTradeNo,
    kind: 'payment',
    outTradeNo: p.outTradeNo,
    amount: p.amount,
    at: p.createdAt,
    status: p.recordState === 3 ? 'refunded' : (LOCAL_STATUS[p.status] ?? 'unknown'),
    source: 'local',
    ...(p.platform ? { platform: p.platform } : {}),
    ...methodPart(p.subPayPlatform),
  };
}

/**
 * The rows of one page of bookkeeping sales (cash / card, paged with the query like the deposits:
 * a month of a stall's cash sales is hundreds of rows, never all on page 1) that the query wants.
 */
export function bookkeepingHistoryRows(q: HistoryQuery, sales: readonly LocalPayment[]): HistoryRow[] {
  if (q.kind !== 'all' && q.kind !== 'payments') return [];
  return sales.filter((p) => !neverSent(p) && wanted(q, 'payment', p.createdAt, p.platform, p.subPayPlatform)).map(localPaymentRow);
}

/** The first of each key, in order. */
function dedupe<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Alipay reports a fully refunded order as 5 ("closed or refunded"): a payment the listed
 * successful refunds cover completely is shown as refunded, not failed.
 */
export function markRefunded(rows: readonly HistoryRow[]): HistoryRow[] {
  const refunded = new Map<string, number>();
  for (const r of rows) if (r.kind === 'refund' && r.status === 'success') refunded.set(r.outTradeNo, (refunded.get(r.outTradeNo) ?? 0) + r.amount);
  return rows.map((r) =>
    r.kind === 'payment' && r.status === 'failed' && (refunded.get(r.outTradeNo) ?? 0) >= r.amount && r.amount > 0 ? { ...r, status: 'refunded' } : r,
  );
}

/** Number of pages for a total count (at least 1). */
export function pageCount(totalCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalCount / Math.max(1, pageSize)));
}

/**
 * The query for whole CST days [fromText, toText] (inclusive, either order); an unreadable date
 * falls back to `nowMs`'s day.
 */
export function dayQuery(fromText: string, toText: string, nowMs: number, base: Omit<HistoryQuery, 'fromMs' | 'toMs'>): HistoryQuery {
  const today = cstDateStart(cstDateText(nowMs)) ?? nowMs;
  const from = cstDateStart(fromText) ?? today;
  const to = cstDateStart(toText) ?? today;
  return { ...base, fromMs: Math.min(from, to), toMs: Math.max(from, to) + 86_400_000 - 1 };
}
