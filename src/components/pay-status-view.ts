/**
 * What the cashier sees for each payment state (spec §10.2, §12): a pure mapping from the
 * domain state to texts, tone and the actions offered, so every message is table-tested.
 */
import type { PayPlatformName } from '@cpay/protocol';
import type { CodeError } from '../domain/customer-code.js';
import { formatFen, type MoneyError } from '../domain/money.js';
import type { PaymentResult, PaymentState } from '../domain/payment.js';
import { tp, type PayMessageKey } from '../i18n/pay.js';

/** How the status panel looks. */
export type PayTone = 'info' | 'busy' | 'ok' | 'bad' | 'warn';
/** Buttons the status panel offers; each becomes a `pay-action` event. */
export type PayAction = 'cancel' | 'query_again' | 'new_sale';

/** Everything the status panel renders. */
export interface PayStatusView {
  readonly tone: PayTone;
  readonly headline: string;
  readonly detail?: string;
  readonly orderNo?: string;
  /** QR content to show large (scan-code pay). */
  readonly qr?: string;
  readonly actions: readonly PayAction[];
}

/** The platform's display name ('' when unknown). */
export function platformName(platform: PayPlatformName | 'unknown' | undefined): string {
  return tp(`pay.platform.${platform ?? 'unknown'}`);
}

/** The message for a refused amount. */
export function amountErrorText(error: MoneyError): string {
  const params = { input: 'input' in error ? error.input : '', max: 'max' in error ? formatFen(error.max) : '' };
  return tp(`pay.amount.${error.kind}` as PayMessageKey, params);
}

/** The message for a refused customer code. */
export function codeErrorText(error: CodeError): string {
  return tp(`pay.code.${error.kind}` as PayMessageKey, { length: 'length' in error ? error.length : 0 });
}

/** The view for a state; `undefined` for the amount-entry phases (the keypad speaks for itself). */
export function payStatusView(state: PaymentState): PayStatusView | undefined {
  switch (state.phase) {
    case 'idle':
    case 'amount':
      return undefined;
    case 'awaiting_code':
      return { tone: 'info', headline: tp('pay.code.prompt'), actions: ['cancel'], ...(state.codeError ? { detail: codeErrorText(state.codeError) } : {}) };
    case 'submitting':
      return { tone: 'busy', headline: tp(state.attempt === 0 ? 'pay.submitting' : 'pay.resending', { attempt: state.attempt }), orderNo: state.outTradeNo, actions: [] };
    case 'polling':
      return pollingView(state);
    case 'success':
      return { tone: 'ok', headline: tp('pay.success', { platform: platformName(state.platform), amount: formatFen(state.amount) }), orderNo: state.outTradeNo, actions: ['new_sale'] };
    case 'failed':
      return {
        tone: 'bad', headline: tp('pay.failed', { amount: formatFen(state.amount) }), actions: ['new_sale'],
        detail: tp(`pay.fail.${state.reason}` as PayMessageKey, { description: state.description || '—' }),
        ...(state.outTradeNo ? { orderNo: state.outTradeNo } : {}),
      };
    case 'unknown':
      return { tone: 'warn', headline: tp('pay.unknown'), detail: tp('pay.unknownBackground'), orderNo: state.outTradeNo, actions: ['query_again', 'new_sale'] };
    case 'cancelled':
      return { tone: 'info', headline: tp('pay.cancelled'), actions: ['new_sale'] };
  }
}

function pollingView(state: Extract<PaymentState, { phase: 'polling' }>): PayStatusView {
  if (state.codeUrl) {
    return { tone: 'info', headline: tp('pay.showQr'), qr: state.codeUrl, orderNo: state.outTradeNo, actions: ['cancel'] };
  }
  return { tone: 'busy', headline: tp(state.userPaying ? 'pay.waitingPassword' : 'pay.waiting'), orderNo: state.outTradeNo, actions: [] };
}

/** One line about an order settled in the background (recovery / reconciliation). */
export function reconciledText(result: PaymentResult): string {
  const amount = formatFen(result.amount);
  const text = result.outcome === 'success' ? tp('pay.success', { platform: platformName(result.platform), amount }) : tp('pay.failed', { amount });
  return tp('pay.reconciled', { no: result.outTradeNo ?? '', result: text });
}
