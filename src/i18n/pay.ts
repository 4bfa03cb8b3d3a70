/**
 * Payment strings in their own catalogs (pay.zh-CN.ts, pay.en.ts), following the app's locale
 * (`getLocale()`; hosts re-render through LocaleController). Kept apart from the shell's
 * catalog so the payment screen's strings live with the payment code.
 */
import { translator, type Locale, type MessageParams } from './index.js';
import { payEn } from './pay.en.js';
import { payZhCN, type PayMessageKey } from './pay.zh-CN.js';

export type { PayMessageKey } from './pay.zh-CN.js';

const catalogs: Record<Locale, Record<PayMessageKey, string>> = { 'zh-CN': payZhCN, en: payEn };

/** Translates a payment key in the current locale, filling `{name}` placeholders. */
export const tp: (key: PayMessageKey, params?: MessageParams) => string = translator(catalogs);
