/**
 * Shift handover (交接班, issue 20) as data: a shift opens with a float (备用金) and closes with a
 * cash count by denomination against the expected cash; per payment method the counts, amounts
 * and refunds; the cashiers on shift. Pure.
 *
 * Where the figures come from: WeChat, Alipay and member card from cpay's overview
 * (brief_query_order_list_overview, the summary's lines); cash and card from the local journal's
 * bookkeeping rows (PayPlatform 4 记账模式, SubPayPlatform 402 现金记账 / 401 银行卡记账, 003
 * L443-455) and their local refunds. cpay has no endpoint for bookkeeping orders, so they never
 * reach the overview and are never counted twice.
 *
 * Expected cash = float + cash sales − cash refunds (only cash moves the drawer); difference =
 * counted − expected: positive is over (长款), negative is short (短款).
 */
import type { Summary, SummaryLine } from '../history/summary.js';
import { BOOKKEEPING_PAY_PLATFORM } from '../../kernel/bookkeeping-platform.js';

/** Notes and coins counted at the close, in fen, largest first (¥100 … ¥0.1). */
export const DENOMINATIONS = [10000, 5000, 2000, 1000, 500, 100, 50, 10] as const;
/** One of {@link DENOMINATIONS}. */
export type Denomination = (typeof DENOMINATIONS)[number];
/** Pieces counted per denomination (a missing denomination counts 0). */
export type CashCount = Readonly<Partial<Record<Denomination, number>>>;

/** The most pieces of one denomination a count accepts (a typo guard, not a business rule). */
export const MAX_PIECES = 99_999;

/** Why a piece count was refused. */
export type PiecesError = 'malformed' | 'too_many';

/** A piece count typed by the cashier: empty is 0; otherwise whole, non-negative, at most {@link MAX_PIECES}. */
export function parsePieces(text: string): { readonly ok: true; readonly pieces: number } | { readonly ok: false; readonly error: PiecesError } {
  const t = text.trim();
  if (t === '') return { ok: true, pieces: 0 };
  if (!/^\d+$/.test(t)) return { ok: false, error: 'malformed' };
  const n = Number(t);
  return n > MAX_PIECES ? { ok: false, error: 'too_many' } : { ok: true, pieces: n };
}

/** The counted cash in fen. */
export function countedFen(count: CashCount): number {
  return DENOMINATIONS.reduce((sum, d) => sum + d * (count[d] ?? 0), 0);
}

/** Payment methods of the handover, in print order. `other`: cpay platforms the terminal does not name. */
export const SHIFT_METHODS = ['wechat', 'alipay', 'member', 'cash', 'card', 'other'] as const;
/** One of {@link SHIFT_METHODS}. `member` is cpay's member card (SubPayPlatform 300), `card` a bank card on an external terminal (401). */
export type ShiftMethod = (typeof SHIFT_METHODS)[number];

/** One method's line (fen). */
export interface MethodLine {
  readonly method: ShiftMethod | 'total';
  readonly count: number;
  readonly amount: number;
  readonly refundCount: number;
  readonly refundAmount: number;
}

/** Net of a line: amount taken − refunds. */
export const netOf = (l: Pick<MethodLine, 'amount' | 'refundAmount'>): number => l.amount - l.refundAmount;

const emptyLine = (method: ShiftMethod | 'total'): MethodLine => ({ method, count: 0, amount: 0, refundCount: 0, refundAmount: 0 });

// ── Bookkeeping rows (written by the bookkeeping sales feature; read here by their shape) ──

/** SubPayPlatform → method: 401 银行卡记账, 402 现金记账 (003 L453-455). */
const BOOKKEEPING_SUB: Readonly<Record<number, 'cash' | 'card'>> = { 401: 'card', 402: 'cash' };

/** A bookkeeping sale as the handover counts it. */
export interface BookkeepingSale {
  readonly outTradeNo: string;
  readonly method: 'cash' | 'card';
  readonly amount: number;
  /** Server ms. */
  readonly at: number;
}

/** A local refund of a bookkeeping sale. */
export interface BookkeepingRefund {
  readonly outRefundNo: string;
  readonly outTradeNo: string;
  readonly method: 'cash' | 'card';
  readonly amount: number;
  readonly at: number;
}

type Loose = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The row itself or the entry inside a journal row (`{ outTradeNo, open, entry }`). */
const unwrap = (row: unknown): Loose | undefined => {
  if (!isObject(row)) return undefined;
  return isObject(row.entry) ? row.entry : row;
};

/** The method of a row that names PayPlatform 4 / SubPayPlatform 401|402 (either field may carry it). */
function methodOf(r: Loose): 'cash' | 'card' | undefined {
  const sub = num(r.subPayPlatform);
  const method = sub === undefined ? undefined : BOOKKEEPING_SUB[sub];
  if (method === undefined) return undefined;
  const pay = num(r.payPlatform);
  return pay === undefined || pay === BOOKKEEPING_PAY_PLATFORM ? method : undefined;
}

/** A state number as RecordOrderState / RecordRefundOrderState (003 L524-572), from whichever field the row uses. */
const stateOf = (r: Loose): number | undefined => num(r.recordState) ?? num(r.state) ?? num(r.orderState) ?? num(r.refundState) ?? num(r.cts);

/**
 * A journal row (or entry) that is a bookkeeping sale which took the money: RecordOrderState 2 成功
 * or 3 退款 (it was paid, then refunded: the refund is counted on its own), or journal status
 * `success`/`refunded`. Anything else (initial state, a card sale the external terminal declined,
 * a cpay order) is not a sale here.
 */
export function bookkeepingSaleOf(row: unknown): BookkeepingSale | undefined {
  const r = unwrap(row);
  if (!r || str(r.outRefundNo)) return undefined;
  const method = methodOf(r);
  const outTradeNo = str(r.outTradeNo);
  const amount = num(r.amount) ?? num(r.totalFee);
  const at = num(r.createdAt) ?? num(r.at);
  if (!method || !outTradeNo || amount === undefined || amount <= 0 || at === undefined) return undefined;
  const state = stateOf(r);
  const paid = state === 2 || state === 3 || r.status === 'success' || r.status === 'refunded';
  return paid ? { outTradeNo, method, amount, at } : undefined;
}

/**
 * A refund of a bookkeeping sale that gave the money back: RecordRefundOrderState 2 成功 or
 * status `success`. Its method is its own SubPayPlatform, or else the sale's (`saleMethod`).
 */
export function bookkeepingRefundOf(
  row: unknown,
  saleMethod: (outTradeNo: string) => 'cash' | 'card' | undefined = () => undefined,
): BookkeepingRefund | undefined {
  const r = unwrap(row);
  if (!r) return undefined;
  const outRefundNo = str(r.outRefundNo);
  const outTradeNo = str(r.outTradeNo);
  const amount = num(r.amount) ?? num(r.refundFee);
  const at = num(r.createdAt) ?? num(r.at);
  if (!outRefundNo || !outTradeNo || amount === undefined || amount <= 0 || at === undefined) return undefined;
  const method = methodOf(r) ?? (num(r.subPayPlatform) === undefined ? saleMethod(outTradeNo) : undefined);
  if (!method) return undefined;
  const done = stateOf(r) === 2 || r.status === 'success';
  return done ? { outRefundNo, outTradeNo, method, amount, at } : undefined;
}

/** Cash and card lines from the window's bookkeeping sales and refunds (each counted once, by its number). */
export function bookkeepingLines(
  sales: readonly BookkeepingSale[],
  refunds: readonly BookkeepingRefund[],
): { readonly cash: MethodLine; readonly card: MethodLine } {
  const lines = { cash: emptyLine('cash'), card: emptyLine('card') };
  const seen = new Set<string>();
  for (const s of sales) {
    if (seen.has(`s:${s.outTradeNo}`)) continue;
    seen.add(`s:${s.outTradeNo}`);
    const l = lines[s.method];
    lines[s.method] = { ...l, count: l.count + 1, amount: l.amount + s.amount };
  }
  for (const r of refunds) {
    if (seen.has(`r:${r.outRefundNo}`)) continue;
    seen.add(`r:${r.outRefundNo}`);
    const l = lines[r.method];
    lines[r.method] = { ...l, refundCount: l.refundCount + 1, refundAmount: l.refundAmount + r.amount };
  }
  return lines;
}

/** cpay's lines by method; the summary's own cash / bank-card lines are skipped (the handover counts the local books itself). */
const CPAY_METHOD: { readonly [P in Exclude<SummaryLine['platform'], 'total'>]: ShiftMethod | undefined } = {
  wechat: 'wechat',
  alipay: 'alipay',
  card: 'member',
  other: 'other',
  cash: undefined,
  bank_card: undefined,
};

/**
 * Every method's line, in {@link SHIFT_METHODS} order, with the total: cpay's lines from the
 * summary (absent when cpay could not be reached) and the bookkeeping lines. WeChat, Alipay, cash
 * and card always appear (a zero line says "none", not "unknown"); member card and other only
 * with activity.
 */
export function methodLines(
  summary: Summary | undefined,
  books: { readonly cash: MethodLine; readonly card: MethodLine },
): { readonly lines: readonly MethodLine[]; readonly total: MethodLine } {
  const by = new Map<ShiftMethod, MethodLine>([
    ['cash', books.cash],
    ['card', books.card],
  ]);
  for (const l of summary?.lines ?? []) {
    if (l.platform === 'total') continue;
    const m = CPAY_METHOD[l.platform];
    if (m === undefined) continue;
    by.set(m, { method: m, count: l.count, amount: l.amount, refundCount: l.refundCount, refundAmount: l.refundAmount });
  }
  const always: readonly ShiftMethod[] = ['wechat', 'alipay', 'cash', 'card'];
  const lines = SHIFT_METHODS.flatMap((m) => {
    const l = by.get(m);
    return l ? [l] : always.includes(m) ? [emptyLine(m)] : [];
  });
  const total = lines.reduce(
    (t, l) => ({
      ...t,
      count: t.count + l.count,
      amount: t.amount + l.amount,
      refundCount: t.refundCount + l.refundCount,
      refundAmount: t.refundAmount + l.refundAmount,
    }),
    emptyLine('total'),
  );
  return { lines, total };
}

/** The cash the drawer should hold: float + cash sales − cash refunds. */
export function expectedCashFen(floatFen: number, cash: Pick<MethodLine, 'amount' | 'refundAmount'>): number {
  return floatFen + cash.amount - cash.refundAmount;
}

/** Counted − expected: > 0 over (长款), < 0 short (短款), 0 balanced. */
export function cashDifferenceFen(counted: number, expected: number): number {
  return counted - expected;
}

/** How a difference reads. */
export const differenceKind = (d: number): 'over' | 'short' | 'even' => (d > 0 ? 'over' : d < 0 ? 'short' : 'even');

// ── Shifts as kept ──

/** A cashier on shift (staff: the signed-in staff member once staff sign-in exists). */
export interface Cashier {
  readonly staffId?: string;
  readonly staffName: string;
}

/** Deposits of the shift (fen): frozen, charged, returned and still held, per cpay or the deposit journal. */
export interface ShiftDeposits {
  readonly count: number;
  readonly frozen: number;
  readonly consumed: number;
  readonly released: number;
  readonly held: number;
}

/** Everything a handover states, computed at the close (or for the preview of an open shift). */
export interface ShiftFigures {
  readonly fromMs: number;
  readonly toMs: number;
  readonly floatFen: number;
  readonly lines: readonly MethodLine[];
  readonly total: MethodLine;
  readonly expectedCashFen: number;
  /** cpay's fees (pdg) and amount credited (ia) over the window; absent when cpay was not reached. */
  readonly feesFen?: number;
  readonly creditedFen?: number;
  /** Why cpay's part is missing (WeChat, Alipay and member card lines are then zero). */
  readonly cpayError?: string;
  readonly deposits?: ShiftDeposits;
  /** Times the cash drawer was opened in the window, when the terminal keeps a drawer log. */
  readonly drawerOpens?: number;
}

/** The close: the count, what it was held against, and the figures. */
export interface ShiftClose extends ShiftFigures {
  readonly counts: CashCount;
  readonly countedFen: number;
  readonly differenceFen: number;
}

/** A shift as kept (one record per shift, keyed by its start). Times are server ms. */
export interface ShiftRecord {
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly floatFen: number;
  readonly cashiers: readonly Cashier[];
  /** Present once closed with a count (shifts kept before issue 20 were closed without one). */
  readonly close?: ShiftClose;
}

/** The inputs of a handover's figures. */
export interface FiguresInput {
  readonly fromMs: number;
  readonly toMs: number;
  readonly floatFen: number;
  readonly summary?: Summary;
  readonly cpayError?: string;
  readonly sales: readonly BookkeepingSale[];
  readonly refunds: readonly BookkeepingRefund[];
  readonly deposits?: ShiftDeposits;
  readonly drawerOpens?: number;
}

/** The handover's figures. Bookkeeping rows outside [fromMs, toMs) are left out. */
export function shiftFigures(i: FiguresInput): ShiftFigures {
  const inWindow = (at: number) => at >= i.fromMs && at < i.toMs;
  const books = bookkeepingLines(
    i.sales.filter((s) => inWindow(s.at)),
    i.refunds.filter((r) => inWindow(r.at)),
  );
  const { lines, total } = methodLines(i.summary, books);
  return {
    fromMs: i.fromMs,
    toMs: i.toMs,
    floatFen: i.floatFen,
    lines,
    total,
    expectedCashFen: expectedCashFen(i.floatFen, books.cash),
    ...(i.summary ? { feesFen: i.summary.total.fees, creditedFen: i.summary.total.income } : {}),
    ...(i.cpayError !== undefined ? { cpayError: i.cpayError } : {}),
    ...(i.deposits ? { deposits: i.deposits } : {}),
    ...(i.drawerOpens !== undefined ? { drawerOpens: i.drawerOpens } : {}),
  };
}

/** Closes with a count: the counted total and the difference against the expected cash. */
export function closeWith(f: ShiftFigures, counts: CashCount): ShiftClose {
  const counted = countedFen(counts);
  const clean = Object.fromEntries(DENOMINATIONS.flatMap((d) => ((counts[d] ?? 0) > 0 ? [[d, counts[d]]] : []))) as CashCount;
  return { ...f, counts: clean, countedFen: counted, differenceFen: cashDifferenceFen(counted, f.expectedCashFen) };
}

/** Adds a cashier to a shift's list unless already on it (by staffId, else by name). */
export function withCashier(list: readonly Cashier[], c: Cashier | undefined): readonly Cashier[] {
  if (!c || c.staffName === '') return list;
  const same = (x: Cashier) => (c.staffId !== undefined && x.staffId !== undefined ? x.staffId === c.staffId : x.staffName === c.staffName);
  return list.some(same) ? list : [...list, c];
}

/** True for a record of this shape (records kept by older versions are read leniently). */
export function isShiftRecord(v: unknown): v is ShiftRecord {
  if (!isObject(v)) return false;
  const ok = num(v.startedAt) !== undefined && (v.endedAt === undefined || num(v.endedAt) !== undefined);
  return ok && num(v.floatFen) !== undefined && Array.isArray(v.cashiers);
}
