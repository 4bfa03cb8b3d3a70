/**
 * What the refund flow tells the UI, and how a refund ends. "Accepted" (cpay took the
 * application, money not yet back) and "refunded" (the platform reports success) are different
 * outcomes and the screen says which (spec §7.6, §10.4 step 7).
 */
import type { Fen, PayPlatformName } from '@cpay/protocol';
import type { RefundAmountError } from './refund-amount.js';
import type { KnownRefund, OrderDisplay, RefundTotals } from './refund.js';

/** An order as the refund screen shows it. */
export interface RefundOrderView {
  readonly outTradeNo: string;
  readonly platform: PayPlatformName;
  readonly total: Fen;
  /** Order state class as cpay reports it now. */
  readonly cts: number | undefined;
  readonly display: OrderDisplay;
  readonly refunds: readonly KnownRefund[];
  readonly totals: RefundTotals;
  /** False when the server refund list could not be read (the ledger alone was used). */
  readonly serverChecked: boolean;
  /** True when a refund may be started now (paid, something left, not a final Alipay 6). */
  readonly refundable: boolean;
  /** A deposit consumption's deposit: every refund of it must carry it (003 L3915). */
  readonly outFreezeNo?: string;
  /**
   * Painted from this terminal's journal and refund ledger before cpay answered (issue 21): state
   * and refundable amount not confirmed, so never `refundable`; cpay's answer replaces it.
   */
  readonly provisional?: true;
  /** A bookkeeping sale's method (401 card on an external terminal, 402 cash): refunded locally, never through cpay. */
  readonly subPayPlatform?: 401 | 402;
}

/** Why a refund was refused on the terminal, before anything was sent. */
export type RefundRefusal =
  | { readonly kind: 'pin_required' }
  | { readonly kind: 'pin_wrong' }
  | { readonly kind: 'not_refundable'; readonly display: OrderDisplay }
  | { readonly kind: 'amount'; readonly error: RefundAmountError };

/** Why a sent (or prepared) refund failed. */
export type RefundFailReason =
  /** Status 104: cpay refused; `description` says why (e.g. balance, exceeds refundable). */
  | 'refused'
  /** Status 101: configuration or signature problem on our side. */
  | 'caller_error'
  /** Status 102 again after a fresh refund number. */
  | 'new_number'
  /** The platform reports the refund failed. */
  | 'declined'
  /** Certainly never reached cpay (offline): nothing was refunded. */
  | 'not_sent'
  /** The refund number or ledger could not be written: nothing was sent. */
  | 'storage';

/** How a refund ended, as far as the server told us. */
export type RefundResult =
  | { readonly outcome: 'refunded'; readonly outTradeNo: string; readonly outRefundNo: string; readonly amount: Fen; readonly platform: PayPlatformName }
  | { readonly outcome: 'accepted'; readonly outTradeNo: string; readonly outRefundNo: string; readonly amount: Fen; readonly platform: PayPlatformName }
  | { readonly outcome: 'manual'; readonly outTradeNo: string; readonly outRefundNo: string; readonly amount: Fen; readonly description: string }
  | {
      readonly outcome: 'failed';
      readonly outTradeNo: string;
      readonly outRefundNo: string | undefined;
      readonly amount: Fen;
      readonly reason: RefundFailReason;
      readonly description: string;
    }
  | { readonly outcome: 'unknown'; readonly outTradeNo: string; readonly outRefundNo: string; readonly amount: Fen; readonly description: string };

/** The refund flow's events, in order. Expected outcomes are values, never errors. */
export type RefundEvent =
  | { readonly type: 'looking_up'; readonly outTradeNo: string }
  | { readonly type: 'order'; readonly order: RefundOrderView }
  | { readonly type: 'lookup_failed'; readonly outTradeNo: string; readonly reason: 'not_found' | 'refused' | 'unreachable'; readonly description: string }
  | { readonly type: 'refused'; readonly outTradeNo: string; readonly refusal: RefundRefusal }
  | { readonly type: 'submitting'; readonly outTradeNo: string; readonly outRefundNo: string; readonly amount: Fen; readonly attempt: number }
  | { readonly type: 'accepted'; readonly outTradeNo: string; readonly outRefundNo: string; readonly amount: Fen }
  | { readonly type: 'settled'; readonly result: RefundResult };

/** The refund screen's state, folded from events. */
export interface RefundState {
  readonly order?: RefundOrderView;
  readonly busy: boolean;
  readonly lookingUp?: string;
  readonly lookupError?: string;
  /** Why the last lookup showed no order (the screen words `not_found` itself; the others show `lookupError`). */
  readonly lookupReason?: 'not_found' | 'refused' | 'unreachable';
  readonly refusal?: RefundRefusal;
  readonly progress?: Extract<RefundEvent, { type: 'submitting' | 'accepted' }>;
  readonly result?: RefundResult;
}

/** Nothing loaded. */
export const REFUND_IDLE: RefundState = { busy: false };

/** Folds one event into the screen state. Pure. */
export function reduceRefund(s: RefundState, e: RefundEvent): RefundState {
  switch (e.type) {
    // A message belongs to the moment it was said: a new lookup, another order, a lookup failure or a
    // refusal clears an older result, so an old 退款成功 never stands under a new error.
    case 'looking_up':
      return {
        ...s,
        lookingUp: e.outTradeNo,
        lookupError: undefined,
        lookupReason: undefined,
        refusal: undefined,
        ...(e.outTradeNo === s.order?.outTradeNo ? {} : { result: undefined }),
      };
    case 'order':
      return {
        ...s,
        order: e.order,
        // A provisional card (local journal) leaves the lookup running until cpay's answer.
        lookingUp: e.order.provisional ? s.lookingUp : undefined,
        lookupError: undefined,
        lookupReason: undefined,
        ...(e.order.outTradeNo === s.order?.outTradeNo ? {} : { result: undefined, refusal: undefined }),
      };
    case 'lookup_failed':
      return {
        ...s,
        // The local card of the order cpay could not confirm goes: only cpay's answer is shown as the order.
        ...(s.order?.provisional ? { order: undefined } : {}),
        lookingUp: undefined,
        lookupError: e.description,
        lookupReason: e.reason,
        busy: false,
        result: undefined,
        refusal: undefined,
      };
    case 'refused':
      return { ...s, refusal: e.refusal, busy: false, result: undefined };
    case 'submitting':
      return { ...s, busy: true, refusal: undefined, result: undefined, progress: e };
    case 'accepted':
      return { ...s, busy: true, progress: e };
    case 'settled':
      return { ...s, busy: false, progress: undefined, result: e.result };
  }
}
