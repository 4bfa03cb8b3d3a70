import { BehaviorSubject, type Observable } from 'rxjs';
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { MessageKey } from './zh-CN.js';

/** Supported locales; zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const current = new BehaviorSubject<Locale>('zh-CN');

/** Parameters substituted into `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Narrows an arbitrary string (a stored setting, `navigator.language`) to a supported locale. */
export function toLocale(value: string | undefined): Locale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Translates `key` in the current locale, filling `{name}` placeholders from `params`. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = catalogs[current.value][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Switches the locale and updates `<html lang>` so screen readers pick the right voice. */
export function setLocale(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  current.next(locale);
}

/** The current locale, replayed to late subscribers. */
export const locale$: Observable<Locale> = current.asObservable();

/** The current locale, synchronously. */
export function getLocale(): Locale {
  return current.value;
}
