/**
 * A payment as a discriminated union and a reducer (spec §10.2):
 * idle → amount → awaiting_code → submitting → polling(userPaying) → success | failed | unknown | cancelled.
 *
 * The pay flow emits `PayEvent`s; the UI folds them (and its own keypad actions) with
 * `reducePayment` into the state it renders. The journal stores the same phases as history.
 */
import type { Fen, OrderStateOnWire, PayPlatformName } from '@cpay/protocol';
import type { CodeError } from './customer-code.js';
import type { MoneyError } from './money.js';

/** Why a payment ended without charging the customer. */
export type FailReason =
  /** cpay's order state says failed (customer cancelled, declined, reversed, closed, …). */
  | 'declined'
  /** Status 102: this order number cannot be used again; a new attempt gets a new number. */
  | 'new_number'
  /** Status 104 (not 407): final refusal, `description` says why. */
  | 'refused'
  /** Status 101: configuration or signature problem on our side. */
  | 'caller_error'
  /** The request certainly never reached cpay (offline, relay refused): nothing was charged. */
  | 'not_sent'
  /** Reconciled after a restart: cpay still has no such order well past the sale window, so the
   * request never arrived and nothing was charged. */
  | 'never_arrived'
  /** cpay never said (no documented state): the cashier checked the merchant console and marked
   * the order not paid. Recorded in the journal history and reported like any final order. */
  | 'resolved_not_paid'
  /** Live cpay, but the terminal is not configured to take money (placeholder sub_terminal_type): nothing was sent. */
  | 'not_ready'
  /** The order number or the journal could not be written: nothing was sent. */
  | 'storage'
  /** The order was paid and then fully refunded before we saw it final. */
  | 'refunded'
  /** Scan-code pay: nobody paid within the window, so the terminal closed the order (close_order). */
  | 'closed';

/** How a payment ended: the truth as far as the server told us. */
export type PaymentResult =
  | { readonly outcome: 'success'; readonly outTradeNo: string; readonly amount: Fen; readonly platform: PayPlatformName | undefined }
  | {
      readonly outcome: 'failed';
      readonly outTradeNo: string | undefined;
      readonly amount: Fen;
      readonly reason: FailReason;
      readonly description: string;
      /** The order state that ended it (declined / refunded): the screen words the failure from it, not from the reply's description. */
      readonly state?: OrderStateOnWire;
    }
  | { readonly outcome: 'unknown'; readonly outTradeNo: string; readonly amount: Fen; readonly description: string };

/** What the pay flow tells the UI, in order. Expected outcomes are values, never errors. */
export type PayEvent =
  | { readonly type: 'awaiting_code'; readonly amount: Fen }
  | { readonly type: 'code_refused'; readonly error: CodeError }
  | { readonly type: 'submitting'; readonly outTradeNo: string; readonly amount: Fen; readonly attempt: number }
  /** Waiting for the result; `codeUrl` (scan-code pay) is the QR content to show the customer. */
  | { readonly type: 'polling'; readonly outTradeNo: string; readonly amount: Fen; readonly userPaying: boolean; readonly codeUrl?: string }
  | { readonly type: 'settled'; readonly result: PaymentResult }
  | { readonly type: 'cancelled'; readonly amount: Fen };

/** The UI's own actions on the payment (keypad, new sale). */
export type PaymentUiAction =
  | { readonly type: 'amount_edited'; readonly text: string }
  | { readonly type: 'amount_refused'; readonly text: string; readonly error: AmountError }
  | { readonly type: 'reset' };

/** Everything the reducer understands. */
export type PaymentAction = PayEvent | PaymentUiAction;

/** The payment as the cashier sees it. */
export type PaymentState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'amount'; readonly text: string; readonly error?: AmountError }
  | { readonly phase: 'awaiting_code'; readonly amount: Fen; readonly codeError?: CodeError }
  | { readonly phase: 'submitting'; readonly amount: Fen; readonly outTradeNo: string; readonly attempt: number }
  | { readonly phase: 'polling'; readonly amount: Fen; readonly outTradeNo: string; readonly userPaying: boolean; readonly codeUrl?: string }
  | ({ readonly phase: 'success' } & Extract<PaymentResult, { outcome: 'success' }>)
  | ({ readonly phase: 'failed' } & Extract<PaymentResult, { outcome: 'failed' }>)
  | ({ readonly phase: 'unknown' } & Extract<PaymentResult, { outcome: 'unknown' }>)
  | { readonly phase: 'cancelled'; readonly amount: Fen };

/** Why a typed amount was refused: a parse refusal, or a character that has no place in an amount. */
export type AmountError = MoneyError | { readonly kind: 'invalid_chars'; readonly input: string };

/** Every phase name, for exhaustive tables. */
export type PaymentPhase = PaymentState['phase'];

/** The state before anything is typed. */
export const IDLE: PaymentState = { phase: 'idle' };

/** Phases in which the amount is still editable (nothing has been sent). */
const EDITABLE: ReadonlySet<PaymentPhase> = new Set(['idle', 'amount', 'success', 'failed', 'cancelled']);

/** Folds one action into the state. Pure; unknown combinations leave the state as it is. */
export function reducePayment(state: PaymentState, action: PaymentAction): PaymentState {
  switch (action.type) {
    case 'amount_edited':
      return EDITABLE.has(state.phase) ? { phase: 'amount', text: action.text } : state;
    case 'amount_refused':
      return EDITABLE.has(state.phase) ? { phase: 'amount', text: action.text, error: action.error } : state;
    case 'reset':
      return isBusy(state) ? state : IDLE;
    case 'awaiting_code':
      return { phase: 'awaiting_code', amount: action.amount };
    case 'code_refused':
      return state.phase === 'awaiting_code' ? { ...state, codeError: action.error } : state;
    case 'submitting':
      return { phase: 'submitting', amount: action.amount, outTradeNo: action.outTradeNo, attempt: action.attempt };
    case 'polling': {
      const codeUrl = action.codeUrl ?? (state.phase === 'polling' ? state.codeUrl : undefined);
      const base = { phase: 'polling', amount: action.amount, outTradeNo: action.outTradeNo, userPaying: action.userPaying } as const;
      return codeUrl === undefined ? base : { ...base, codeUrl };
    }
    case 'settled':
      return settledState(action.result);
    case 'cancelled':
      return { phase: 'cancelled', amount: action.amount };
  }
}

/** The final state for a result. */
export function settledState(result: PaymentResult): PaymentState {
  switch (result.outcome) {
    case 'success':
      return { phase: 'success', ...result };
    case 'failed':
      return { phase: 'failed', ...result };
    case 'unknown':
      return { phase: 'unknown', ...result };
  }
}

/** True while a request may be in flight: the screen must not start another sale or leave. */
export function isBusy(state: PaymentState): boolean {
  return state.phase === 'submitting' || state.phase === 'polling';
}

/** True when the cashier may still cancel: before the customer's code has been sent. */
export function isCancellable(state: PaymentState): boolean {
  return state.phase === 'awaiting_code';
}

/**
 * The amount a state is about, as every screen showing the sale renders it (the cashier's screen
 * and the customer display): while typing, the text as typed (`typing`); from the confirmation
 * on (code prompt, submitting, password wait, QR, unknown, result), the sale's amount in fen.
 * Empty text when idle.
 */
export function saleAmountOf(state: PaymentState): { readonly text: string; readonly fen?: Fen; readonly typing: boolean } {
  if (state.phase === 'idle') return { text: '', typing: true };
  if (state.phase === 'amount') return { text: state.text, typing: true };
  const fen = state.amount;
  return { text: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`, fen, typing: false };
}
