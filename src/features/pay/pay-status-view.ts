/**
 * What the cashier sees for each payment state (spec §10.2, §12): a pure mapping from the
 * domain state to texts, tone and the actions offered, so every message is table-tested.
 */
import type { PayPlatformName } from '@cpay/protocol';
import { ORDER_STATE_RULES, type OrderStateOnWire } from '@cpay/protocol';
import type { CodeError } from '../../kernel/customer-code.js';
import { formatFen } from '../../kernel/money.js';
import type { AmountError, PaymentResult, PaymentState } from '../../kernel/payment.js';
import { tp, type PayMessageKey } from '../../i18n/pay.js';

/** How the status panel looks. */
export type PayTone = 'info' | 'busy' | 'ok' | 'bad' | 'warn';
/** Buttons the status panel offers; each becomes a `pay-action` event. */
export type PayAction = 'cancel' | 'query_again' | 'new_sale' | 'set_aside';

/** Everything the status panel renders. */
export interface PayStatusView {
  readonly tone: PayTone;
  readonly headline: string;
  readonly detail?: string;
  readonly orderNo?: string;
  /** The sale's amount in yuan ("12.30"), shown large in every phase from the code prompt on. */
  readonly amount?: string;
  /** QR content to show large (scan-code pay). */
  readonly qr?: string;
  readonly actions: readonly PayAction[];
}

/** The platform's display name ('' when unknown). */
export function platformName(platform: PayPlatformName | 'unknown' | undefined): string {
  return tp(`pay.platform.${platform ?? 'unknown'}`);
}

/** The message for a refused amount. */
export function amountErrorText(error: AmountError): string {
  const params = { input: 'input' in error ? error.input : '', max: 'max' in error ? formatFen(error.max) : '' };
  return tp(`pay.amount.${error.kind}` as PayMessageKey, params);
}

/** The message for a refused customer code. */
export function codeErrorText(error: CodeError): string {
  return tp(`pay.code.${error.kind}` as PayMessageKey, { length: 'length' in error ? error.length : 0 });
}

/**
 * Why an order failed, in shop words, from the order state that ended it (never the reply's
 * description: a query's "操作成功" is not a reason). WeChat's trade-state hint (`tsd`) is added
 * when present. Undefined when the state has no wording of its own.
 */
export function failedStateText(state: OrderStateOnWire | undefined): string | undefined {
  if (!state) return undefined;
  const key = `pay.state.${state.platform}.${state.cts}` as PayMessageKey;
  const cls = ORDER_STATE_RULES[state.platform][state.cts];
  if (cls !== 'failed' && cls !== 'refunded') return undefined;
  const text = tp(key);
  if (text === key) return undefined;
  const hint = state.tradeStateDesc?.trim();
  return hint && hint !== text ? tp('pay.state.withHint', { state: text, hint }) : text;
}

/** The detail line of a failed sale. */
export function failedDetail(result: Extract<PaymentResult, { outcome: 'failed' }>): string {
  const fromState = result.reason === 'declined' || result.reason === 'refunded' ? failedStateText(result.state) : undefined;
  return fromState ?? tp(`pay.fail.${result.reason}` as PayMessageKey, { description: result.description || '—' });
}

/** The view for a state; `undefined` for the amount-entry phases (the keypad speaks for itself). */
export function payStatusView(state: PaymentState): PayStatusView | undefined {
  switch (state.phase) {
    case 'idle':
    case 'amount':
      return undefined;
    case 'awaiting_code':
      return {
        tone: 'info',
        headline: tp('pay.code.prompt'),
        amount: formatFen(state.amount),
        actions: ['cancel'],
        ...(state.codeError ? { detail: codeErrorText(state.codeError) } : {}),
      };
    case 'submitting':
      return {
        tone: 'busy',
        headline: tp(state.attempt === 0 ? 'pay.submitting' : 'pay.resending', { attempt: state.attempt }),
        amount: formatFen(state.amount),
        orderNo: state.outTradeNo,
        actions: ['set_aside'],
      };
    case 'polling':
      return pollingView(state);
    case 'success':
      return {
        tone: 'ok',
        headline: tp('pay.success', { platform: platformName(state.platform), amount: formatFen(state.amount) }),
        amount: formatFen(state.amount),
        orderNo: state.outTradeNo,
        actions: ['new_sale'],
      };
    case 'failed':
      return {
        tone: 'bad',
        headline: tp('pay.failed', { amount: formatFen(state.amount) }),
        amount: formatFen(state.amount),
        actions: ['new_sale'],
        detail: failedDetail(state),
        ...(state.outTradeNo ? { orderNo: state.outTradeNo } : {}),
      };
    case 'unknown':
      return {
        tone: 'warn',
        headline: tp('pay.unknown'),
        detail: tp('pay.unknownBackground'),
        amount: formatFen(state.amount),
        orderNo: state.outTradeNo,
        actions: ['set_aside', 'query_again'],
      };
    case 'cancelled':
      return { tone: 'info', headline: tp('pay.cancelled'), amount: formatFen(state.amount), actions: ['new_sale'] };
  }
}

function pollingView(state: Extract<PaymentState, { phase: 'polling' }>): PayStatusView {
  const amount = formatFen(state.amount);
  if (state.codeUrl) {
    return { tone: 'info', headline: tp('pay.showQr'), amount, qr: state.codeUrl, orderNo: state.outTradeNo, actions: ['cancel'] };
  }
  return { tone: 'busy', headline: tp(state.userPaying ? 'pay.waitingPassword' : 'pay.waiting'), amount, orderNo: state.outTradeNo, actions: ['set_aside'] };
}

/** One line about an order settled in the background (recovery / reconciliation). */
export function reconciledText(result: PaymentResult): string {
  const amount = formatFen(result.amount);
  const text = result.outcome === 'success' ? tp('pay.success', { platform: platformName(result.platform), amount }) : tp('pay.failed', { amount });
  return tp('pay.reconciled', { no: result.outTradeNo ?? '', result: text });
}
