/**
 * Status and order-state rules as data (spec §8, §9, §10.2 step 6). Callers branch on the
 * classified outcome, never on raw codes.
 */
import type { OrderStateClass, OrderStateOnWire, PayPlatformName } from './types.js';

/** What a `status`/`s` value means for the caller. */
export type StatusOutcome = 'success' | 'unknown' | 'retry_later' | 'new_number' | 'final' | 'never_cancel' | 'caller_error';

/** One row of the Status table (§9.1). */
export interface StatusRule {
  readonly outcome: StatusOutcome;
  /** Whether the reply carries an authentication code. */
  readonly signed: boolean;
  /** Whether the identical request may be sent again. */
  readonly retrySame: boolean;
  readonly retryAfterMs?: number;
}

/** The documented status codes. */
export type KnownStatus = 0 | 3 | 101 | 102 | 103 | 104;

/** Spec §9.1, one row per documented status. */
export const STATUS_RULES: { readonly [S in KnownStatus]: StatusRule } = {
  0: { outcome: 'success', signed: true, retrySame: true },
  3: { outcome: 'unknown', signed: false, retrySame: true },
  101: { outcome: 'caller_error', signed: false, retrySame: false },
  102: { outcome: 'new_number', signed: true, retrySame: false },
  103: { outcome: 'retry_later', signed: true, retrySame: true, retryAfterMs: 3000 },
  104: { outcome: 'final', signed: true, retrySame: false },
};

/** internal_status 407 with status 104: the number was reused with other data; never cancel (§9.2). */
export const INTERNAL_STATUS_NEVER_CANCEL = 407;

/** Narrows a number to a documented status. */
export function isKnownStatus(status: number): status is KnownStatus {
  return Object.prototype.hasOwnProperty.call(STATUS_RULES, status);
}

/** True when a reply with this status must carry a signature (all but 3 and 101; unknown codes too). */
export function statusRequiresSignature(status: number): boolean {
  return isKnownStatus(status) ? STATUS_RULES[status].signed : true;
}

/**
 * Classifies a reply head. An undocumented status is 'unknown' (never success): the request may
 * or may not have taken effect, so the caller must query before trying anything else.
 */
export function classifyStatus(status: number, internalStatus: number): StatusOutcome {
  if (status === 104 && internalStatus === INTERNAL_STATUS_NEVER_CANCEL) return 'never_cancel';
  return isKnownStatus(status) ? STATUS_RULES[status].outcome : 'unknown';
}

/**
 * Order state per platform (§8 tables, §10.2 step 6). WeChat 9, Alipay 4 and card 3 mean the
 * customer is entering a password; Alipay 6 ("finished, not refundable") counts as paid;
 * bookkeeping uses RecordOrderState.
 */
export const ORDER_STATE_RULES: { readonly [P in PayPlatformName]: Readonly<Record<number, OrderStateClass>> } = {
  wechat: {
    1: 'pending',
    2: 'success',
    3: 'success',
    4: 'refunded',
    5: 'failed',
    6: 'pending',
    7: 'failed',
    8: 'failed',
    9: 'user_paying',
    10: 'failed',
    11: 'failed',
    12: 'pending',
    13: 'deposit',
    14: 'deposit',
  },
  alipay: { 1: 'pending', 2: 'success', 4: 'user_paying', 5: 'failed', 6: 'success', 7: 'failed' },
  card: { 1: 'pending', 2: 'success', 3: 'user_paying', 4: 'refunded', 5: 'failed' },
  bookkeeping: { 1: 'pending', 2: 'success', 3: 'refunded' },
};

/**
 * Classifies a wire order state. An undocumented value is 'pending': the terminal keeps polling
 * and gives up as unknown after two minutes rather than guessing success or failure.
 */
export function classifyOrderState(state: OrderStateOnWire): OrderStateClass {
  return ORDER_STATE_RULES[state.platform][state.cts] ?? 'pending';
}

/**
 * Order states the documents define as "the order does not exist" (§8; 003 L500 / L13925 and
 * L522 / L13941): WeChat 11 (作废: cpay has it, the third party does not) and Alipay 7 (订单不存在).
 * No card or bookkeeping state says so. These are the only signals on which a payment whose
 * request may have been lost may be settled "not charged"; any other refusal of a query leaves
 * the outcome unknown.
 */
export const ORDER_NOT_FOUND_STATES: { readonly [P in PayPlatformName]: readonly number[] } = {
  wechat: [11],
  alipay: [7],
  card: [],
  bookkeeping: [],
};

/** True when a wire order state is a documented "order does not exist" value. */
export function isOrderNotFoundState(state: OrderStateOnWire | undefined): boolean {
  return state !== undefined && ORDER_NOT_FOUND_STATES[state.platform].includes(state.cts);
}

/** What a refund state means (§8 Wxpay/Alipay/Card/RecordRefundOrderState). */
export type RefundStateClass = 'pending' | 'success' | 'failed' | 'manual';

/** Refund states per platform; WeChat 5 = money went back to the merchant, refund offline. */
export const REFUND_STATE_RULES: { readonly [P in PayPlatformName]: Readonly<Record<number, RefundStateClass>> } = {
  wechat: { 1: 'pending', 2: 'success', 3: 'failed', 4: 'pending', 5: 'manual', 6: 'failed' },
  alipay: { 1: 'pending', 2: 'success', 3: 'failed', 4: 'pending', 5: 'failed' },
  card: { 1: 'pending', 2: 'success', 3: 'failed' },
  bookkeeping: { 1: 'pending', 2: 'success' },
};

/** Classifies a refund state; undocumented values are 'pending' (ask again later). */
export function classifyRefundState(state: { readonly platform: PayPlatformName; readonly state: number }): RefundStateClass {
  return REFUND_STATE_RULES[state.platform][state.state] ?? 'pending';
}
