/**
 * Customer display strings in their own catalogs (customer.zh-CN.ts, customer.en.ts): the
 * customer's wording ("支付成功，谢谢惠顾"), never the cashier's ("微信收款成功").
 */
import { translator, type Locale, type MessageParams } from './index.js';
import { customerEn } from './customer.en.js';
import { customerZhCN, type CustomerMessageKey } from './customer.zh-CN.js';

export type { CustomerMessageKey } from './customer.zh-CN.js';

const catalogs: Record<Locale, Record<CustomerMessageKey, string>> = { 'zh-CN': customerZhCN, en: customerEn };

/** Translates a customer display key in the current locale. */
export const tc: (key: CustomerMessageKey, params?: MessageParams) => string = translator(catalogs);
