/**
 * Bookkeeping sales (记账): cash (现金) and a bank card taken on an external card terminal (银行卡),
 * recorded by this terminal alone. cpay's enumerations know them (PayPlatform 4 记账模式,
 * SubPayPlatform 401 银行卡记账 / 402 现金记账, RecordOrderState, RecordRefundOrderState: 003
 * L443-455, L524-532, L566-572), but the documents give a terminal no endpoint to create them, so
 * they are journal rows and local refund records only, never sent to cpay (decision
 * docs/decisions/0031-bookkeeping-sales.md). Pure: money in integer fen.
 */
import type { Fen } from '@cpay/protocol';
import { parseYuan, type MoneyError } from '../../kernel/money.js';
import type { RefundRecord } from '../refund/refund.js';
import { BOOKKEEPING_PAY_PLATFORM } from '../../kernel/bookkeeping-platform.js';

/** How the customer paid: cash in the drawer, or a card on the shop's own card terminal. */
export type BookkeepingMethod = 'cash' | 'card';

/** SubPayPlatform per method (003 L449-455): 401 银行卡记账, 402 现金记账. */
export const SUB_PAY_PLATFORM: { readonly [M in BookkeepingMethod]: 401 | 402 } = { card: 401, cash: 402 };
/** RecordOrderState (003 L524-532). */
export const RECORD_ORDER_STATE = { initial: 1, success: 2, refunded: 3 } as const;
/** RecordRefundOrderState (003 L566-572). */
export const RECORD_REFUND_STATE = { initial: 1, success: 2 } as const;

/**
 * The journal facts this model reads and writes (structurally a JournalEntry of
 * src/kernel/flow/ports.ts; the domain does not import the flow ports).
 */
export interface JournalFacts {
  readonly outTradeNo: string;
  readonly kind: string;
  readonly amount: Fen;
  readonly status: string;
  readonly subPayPlatform?: 401 | 402;
  readonly recordState?: 1 | 2 | 3;
  readonly lastState?: { readonly platform: 'bookkeeping' | 'wechat' | 'alipay' | 'card'; readonly cts: number };
  readonly updatedAt: number;
  readonly history: readonly { readonly at: number; readonly phase: string; readonly cause: string; readonly cts?: number }[];
}

/** A bookkeeping sale's journal row as this model builds it (a JournalEntry of kind `bookkeeping`). */
export interface SaleRow extends JournalFacts {
  readonly kind: 'bookkeeping';
  readonly body: string;
  readonly status: 'success';
  readonly platform: 'bookkeeping';
  readonly payPlatform: 4;
  readonly subPayPlatform: 401 | 402;
  readonly recordState: 1 | 2 | 3;
  readonly lastState: { readonly platform: 'bookkeeping'; readonly cts: number };
  readonly tenderedFen?: Fen;
  readonly changeFen?: Fen;
  readonly staffId?: string;
  readonly staffName?: string;
  readonly createdAt: number;
}

/** The method of a SubPayPlatform code, if it is a bookkeeping one. */
export function methodOf(subPayPlatform: number | undefined): BookkeepingMethod | undefined {
  if (subPayPlatform === 401) return 'card';
  if (subPayPlatform === 402) return 'cash';
  return undefined;
}

/** True for a journal entry that is a bookkeeping sale. */
export function isBookkeepingEntry(e: { readonly kind: string }): boolean {
  return e.kind === 'bookkeeping';
}

/** Why the tendered cash was refused. */
export type TenderError = { readonly kind: 'amount'; readonly error: MoneyError } | { readonly kind: 'short'; readonly amount: Fen; readonly tendered: Fen };

/** A tendered amount checked against the sale: what was handed over and the change. */
export type TenderCheck = { readonly ok: true; readonly tendered: Fen; readonly change: Fen } | { readonly ok: false; readonly error: TenderError };

/** Largest cash amount accepted as tendered (¥100,000): a typo guard, far above any note count. */
export const MAX_TENDERED_FEN = 10_000_000 as Fen;

/**
 * Checks the cash handed over. Empty means "exact amount" (the cashier pressed Enter without
 * typing). Less than the amount is refused: nothing is recorded.
 */
export function checkTendered(amount: Fen, text: string): TenderCheck {
  if (text.trim() === '') return { ok: true, tendered: amount, change: 0 as Fen };
  const parsed = parseYuan(text, MAX_TENDERED_FEN);
  if (!parsed.ok) return { ok: false, error: { kind: 'amount', error: parsed.error } };
  if (parsed.fen < amount) return { ok: false, error: { kind: 'short', amount, tendered: parsed.fen } };
  return { ok: true, tendered: parsed.fen, change: (parsed.fen - amount) as Fen };
}

/** What recording a sale needs. */
export interface SaleInput {
  readonly outTradeNo: string;
  readonly method: BookkeepingMethod;
  readonly amount: Fen;
  /** Cash only. */
  readonly tendered?: Fen;
  readonly change?: Fen;
  /** Server time, ms. */
  readonly at: number;
  readonly staffId?: string;
  readonly staffName?: string;
}

/** The journal entry of a recorded sale: final at once (RecordOrderState 2), never open. */
export function saleEntry(s: SaleInput): SaleRow {
  return {
    outTradeNo: s.outTradeNo,
    kind: 'bookkeeping',
    amount: s.amount,
    body: s.method === 'cash' ? '现金收款' : '银行卡收款',
    status: 'success',
    platform: 'bookkeeping',
    payPlatform: BOOKKEEPING_PAY_PLATFORM,
    subPayPlatform: SUB_PAY_PLATFORM[s.method],
    recordState: RECORD_ORDER_STATE.success,
    lastState: { platform: 'bookkeeping', cts: RECORD_ORDER_STATE.success },
    ...(s.method === 'cash' ? { tenderedFen: s.tendered ?? s.amount, changeFen: s.change ?? (0 as Fen) } : {}),
    ...(s.staffId === undefined ? {} : { staffId: s.staffId }),
    ...(s.staffName === undefined ? {} : { staffName: s.staffName }),
    createdAt: s.at,
    updatedAt: s.at,
    history: [{ at: s.at, phase: 'success', cause: `recorded:${s.method}` }],
  };
}

/** The local refunds that count against a sale (only successful ones exist: they move no money through cpay). */
export function refundedOf(outTradeNo: string, refunds: readonly RefundRecord[]): Fen {
  return refunds.filter((r) => r.outTradeNo === outTradeNo && r.status === 'success').reduce((s, r) => s + r.amount, 0) as Fen;
}

/** Why a local refund is refused. */
export type LocalRefundError = { readonly kind: 'not_bookkeeping' } | { readonly kind: 'too_much'; readonly refundable: Fen } | { readonly kind: 'zero' };

/** Checks a local refund of `amount` against what remains of the sale. */
export function checkLocalRefund(sale: JournalFacts, refunds: readonly RefundRecord[], amount: Fen): { ok: true } | { ok: false; error: LocalRefundError } {
  if (!isBookkeepingEntry(sale) || sale.status !== 'success') return { ok: false, error: { kind: 'not_bookkeeping' } };
  if (amount <= 0) return { ok: false, error: { kind: 'zero' } };
  const refundable = (sale.amount - refundedOf(sale.outTradeNo, refunds)) as Fen;
  if (amount > refundable) return { ok: false, error: { kind: 'too_much', refundable: Math.max(0, refundable) as Fen } };
  return { ok: true };
}

/**
 * A local refund record: settled at once (RecordRefundOrderState 2), platform `bookkeeping`,
 * numbered from the same allocator as every order and refund. Never sent to cpay.
 */
export function localRefundRecord(sale: JournalFacts, outRefundNo: string, amount: Fen, at: number, staff: RefundStaff = {}): RefundRecord {
  return {
    ...(staff.staffId === undefined ? {} : { staffId: staff.staffId }),
    ...(staff.authorizationStaffId === undefined ? {} : { authorizationStaffId: staff.authorizationStaffId }),
    outRefundNo,
    outTradeNo: sale.outTradeNo,
    platform: 'bookkeeping',
    totalFee: sale.amount,
    amount,
    status: 'success',
    description: `local ${sale.subPayPlatform === 401 ? 'card' : 'cash'} refund`,
    ...(sale.subPayPlatform === undefined ? {} : { subPayPlatform: sale.subPayPlatform }),
    recordRefundState: RECORD_REFUND_STATE.success,
    createdAt: at,
    updatedAt: at,
  };
}

/** Who made a local refund (the signed-in staff member) and who authorised it above the cashier limit. */
export interface RefundStaff {
  readonly staffId?: string;
  readonly authorizationStaffId?: string;
}

/** The sale after a refund: RecordOrderState 3 once refunds cover the whole amount (status stays success: it was paid). */
export function afterRefund<E extends JournalFacts>(sale: E, refundedTotal: Fen, at: number): E {
  const full = refundedTotal >= sale.amount;
  if (!full) return sale;
  return {
    ...sale,
    recordState: RECORD_ORDER_STATE.refunded,
    lastState: { platform: 'bookkeeping', cts: RECORD_ORDER_STATE.refunded },
    updatedAt: at,
    history: [...sale.history, { at, phase: 'refunded', cause: 'local_refund', cts: RECORD_ORDER_STATE.refunded }],
  };
}

/** Per-method totals of bookkeeping sales and their refunds over a window. */
export interface MethodTotals {
  readonly method: BookkeepingMethod;
  readonly count: number;
  readonly amount: Fen;
  readonly refundCount: number;
  readonly refundAmount: Fen;
}

/** Totals per method: sales created in the window and local refunds created in it. */
export function methodTotals(sales: readonly JournalFacts[], refunds: readonly RefundRecord[]): MethodTotals[] {
  const methods: BookkeepingMethod[] = ['cash', 'card'];
  const methodOfSale = new Map<string, BookkeepingMethod>();
  for (const s of sales) {
    const m = methodOf(s.subPayPlatform);
    if (m && isBookkeepingEntry(s)) methodOfSale.set(s.outTradeNo, m);
  }
  return methods.map((method) => {
    const mine = sales.filter((s) => isBookkeepingEntry(s) && s.status === 'success' && methodOf(s.subPayPlatform) === method);
    const refs = refunds.filter(
      (r) => r.platform === 'bookkeeping' && r.status === 'success' && (methodOf(r.subPayPlatform) ?? methodOfSale.get(r.outTradeNo)) === method,
    );
    return {
      method,
      count: mine.length,
      amount: mine.reduce((s, e) => s + e.amount, 0) as Fen,
      refundCount: refs.length,
      refundAmount: refs.reduce((s, r) => s + r.amount, 0) as Fen,
    };
  });
}
