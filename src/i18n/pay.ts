/**
 * Payment strings in their own catalogs (pay.zh-CN.ts, pay.en.ts), following the app's locale
 * (`getLocale()`; hosts re-render through LocaleController). Kept apart from the shell's
 * catalog so the payment screen's strings live with the payment code.
 */
import { getLocale, type Locale, type MessageParams } from './index.js';
import { payEn } from './pay.en.js';
import { payZhCN, type PayMessageKey } from './pay.zh-CN.js';

export type { PayMessageKey } from './pay.zh-CN.js';

const catalogs: Record<Locale, Record<PayMessageKey, string>> = { 'zh-CN': payZhCN, en: payEn };

/** Translates a payment key in the current locale, filling `{name}` placeholders. */
export function tp(key: PayMessageKey, params?: MessageParams): string {
  const text = catalogs[getLocale()][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
