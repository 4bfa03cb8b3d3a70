/** Strings of the 待确认 tray's "手动确认" step (resolve.zh-CN.ts, resolve.en.ts), following the app's locale. */
import { translator, type Locale, type MessageParams } from './index.js';
import { resolveEn } from './resolve.en.js';
import { resolveZhCN, type ResolveMessageKey } from './resolve.zh-CN.js';

const catalogs: Record<Locale, Record<ResolveMessageKey, string>> = { 'zh-CN': resolveZhCN, en: resolveEn };

/** Translates a resolve-step key in the current locale. */
export const tres: (key: ResolveMessageKey, params?: MessageParams) => string = translator(catalogs);
