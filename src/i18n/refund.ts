/**
 * Refund, history and summary strings in their own catalogs (refund.zh-CN.ts, refund.en.ts),
 * following the app's locale like the payment catalogs (i18n/pay.ts).
 */
import type { RefundAmountError } from '../features/refund/refund-amount.js';
import type { RefundRefusal } from '../features/refund/refund-events.js';
import { formatFen } from '../kernel/money.js';
import { translator, type Locale, type MessageParams } from './index.js';
import { refundEn } from './refund.en.js';
import { refundZhCN, type RefundMessageKey } from './refund.zh-CN.js';

export type { RefundMessageKey } from './refund.zh-CN.js';

const catalogs: Record<Locale, Record<RefundMessageKey, string>> = { 'zh-CN': refundZhCN, en: refundEn };

/** Translates a refund/history/summary key in the current locale, filling `{name}` placeholders. */
export const tr: (key: RefundMessageKey, params?: MessageParams) => string = translator(catalogs);

/** The message for an amount refusal. */
function amountText(e: RefundAmountError): string {
  switch (e.kind) {
    case 'over_refundable':
      return tr('refund.refusal.over_refundable', { refundable: formatFen(e.refundable) });
    case 'nothing_refundable':
      return tr('refund.refusal.nothing_refundable');
    case 'zero':
    case 'rounds_to_zero':
    case 'empty':
      return tr('refund.refusal.zero');
    default:
      return tr('refund.refusal.malformed');
  }
}

/** The message for any refusal before sending. */
export function refusalText(r: RefundRefusal): string {
  if (r.kind === 'amount') return amountText(r.error);
  if (r.kind === 'not_refundable') return tr('refund.refusal.not_refundable', { display: tr(`refund.display.${r.display}`) });
  return tr(`refund.refusal.${r.kind}`);
}
