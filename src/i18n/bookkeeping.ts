/** Bookkeeping strings (bookkeeping.zh-CN.ts, bookkeeping.en.ts), following the app's locale. */
import { translator, type Locale, type MessageParams } from './index.js';
import { bookkeepingEn } from './bookkeeping.en.js';
import { bookkeepingZhCN, type BookkeepingMessageKey } from './bookkeeping.zh-CN.js';

export type { BookkeepingMessageKey } from './bookkeeping.zh-CN.js';

const catalogs: Record<Locale, Record<BookkeepingMessageKey, string>> = { 'zh-CN': bookkeepingZhCN, en: bookkeepingEn };

/** Translates a bookkeeping key in the current locale. */
export const tb: (key: BookkeepingMessageKey, params?: MessageParams) => string = translator(catalogs);
