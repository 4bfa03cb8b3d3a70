/**
 * Deposit strings in their own catalogs (deposit.zh-CN.ts, deposit.en.ts), following the app's
 * locale like the refund catalogs; refusal and voice texts built from the flows' values.
 */
import type { Fen } from '@cpay/protocol';
import type { SettleRefused } from '../features/deposit/deposit-events.js';
import { formatFen } from '../kernel/money.js';
import type { DepositSentence } from '../features/deposit/deposit-deps.js';
import { getLocale, translator, type Locale, type MessageParams } from './index.js';
import { depositEn } from './deposit.en.js';
import { depositZhCN, type DepositMessageKey } from './deposit.zh-CN.js';

export type { DepositMessageKey } from './deposit.zh-CN.js';

const catalogs: Record<Locale, Record<DepositMessageKey, string>> = { 'zh-CN': depositZhCN, en: depositEn };
const PLATFORM: Record<Locale, Record<string, string>> = {
  'zh-CN': { wechat: '微信', alipay: '支付宝', unknown: '' },
  en: { wechat: 'WeChat Pay', alipay: 'Alipay', unknown: '' },
};

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

/** What to say for a deposit sentence. */
export function depositSentenceText(s: DepositSentence): string {
  const y = (n: number) => formatFen(n as Fen);
  switch (s.kind) {
    case 'deposit_frozen':
      return td('deposit.voice.frozen', { platform: PLATFORM[getLocale()][s.platform] ?? '', amount: y(s.amount) }).trim();
    case 'deposit_failed':
      return td('deposit.voice.failed', { amount: y(s.amount) });
    case 'deposit_unknown':
      return td('deposit.voice.unknown');
    case 'deposit_settled':
      return td('deposit.voice.settled', { consumed: y(s.consumed), released: y(s.released) });
  }
}
