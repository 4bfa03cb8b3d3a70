/**
 * Deposit strings in their own catalogs (deposit.zh-CN.ts, deposit.en.ts), following the app's
 * locale like the refund catalogs; refusal texts built from the flows' values (the voice sentences'
 * texts are platform/devices/voice/sentences.ts).
 */
import type { SettleRefused } from '../features/deposit/deposit-events.js';
import { formatFen } from '../kernel/money.js';
import { translator, type Locale, type MessageParams } from './index.js';
import { depositEn } from './deposit.en.js';
import { depositZhCN, type DepositMessageKey } from './deposit.zh-CN.js';

export type { DepositMessageKey } from './deposit.zh-CN.js';

const catalogs: Record<Locale, Record<DepositMessageKey, string>> = { 'zh-CN': depositZhCN, en: depositEn };

/** Translates a deposit key in the current locale, filling `{name}` placeholders. */
export const td: (key: DepositMessageKey, params?: MessageParams) => string = translator(catalogs);

/** The specific message for a settlement refused on the terminal or by cpay. */
export function settleRefusalText(r: SettleRefused): string {
  switch (r.kind) {
    case 'over_consumption':
      return td('deposit.refusal.over_consumption', { requested: formatFen(r.requested), available: formatFen(r.available) });
    case 'already_settled':
      return td('deposit.refusal.already_settled');
    case 'not_frozen':
      return td('deposit.refusal.not_frozen', { status: td(`deposit.status.${r.status}`) });
    case 'not_found':
      return td('deposit.refusal.not_found', { no: r.outFreezeNo });
    case 'server':
      return td('deposit.refusal.server', { detail: r.description });
  }
}
