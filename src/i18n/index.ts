import { BehaviorSubject, type Observable } from 'rxjs';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { MessageKey } from './zh-CN.js';

/** Supported locales; zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];
/** Each locale's name in its own language (a language picker's labels: the same in every UI language). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { 'zh-CN': '简体中文', en: 'English' };

/** zh-CN ships with the first screen; English loads on demand (it is not needed to start). */
const catalogs: Partial<Record<Locale, Record<MessageKey, string>>> = { 'zh-CN': zhCN };
const loaders: Record<Locale, () => Promise<Record<MessageKey, string>>> = {
  'zh-CN': async () => zhCN,
  en: async () => (await import('./en.js')).en,
};
const current = new BehaviorSubject<Locale>('zh-CN');

/** Parameters substituted into `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Narrows an arbitrary string (a stored setting, `navigator.language`) to a supported locale. */
export function toLocale(value: string | undefined): Locale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Fills `{name}` placeholders from `params`; unknown names are left as written. */
export function fill(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** Translates `key` in the current locale, filling `{name}` placeholders from `params`. */
export function t(key: MessageKey, params?: MessageParams): string {
  return fill((catalogs[current.value] ?? zhCN)[key], params);
}

/**
 * A translator over a feature's own catalogs (payment, refund, deposit, devices) that follows the
 * app's locale, so each feature's strings live with its code and load with its chunk.
 */
export function translator<K extends string>(
  featureCatalogs: Readonly<Record<Locale, Readonly<Record<K, string>>>>,
): (key: K, params?: MessageParams) => string {
  return (key, params) => fill(featureCatalogs[current.value][key], params);
}

/** Loads a locale's catalog (resolves at once when it is already loaded). */
export async function loadLocale(locale: Locale): Promise<void> {
  catalogs[locale] ??= await loaders[locale]();
}

/**
 * Switches the locale (synchronously, so other catalogs keyed on `getLocale()` follow at once) and
 * updates `<html lang>`. Until this module's catalog for it has loaded, `t()` answers in zh-CN;
 * `locale$` emits again when it arrives, so views re-render. Await {@link loadLocale} first to avoid that.
 */
export function setLocale(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  current.next(locale);
  if (!catalogs[locale]) {
    loadLocale(locale)
      .then(() => {
        if (current.value === locale) current.next(locale);
      })
      .catch((err: unknown) => console.warn(`locale ${locale} could not be loaded; showing zh-CN`, err));
  }
}

/** The current locale, replayed to late subscribers. */
export const locale$: Observable<Locale> = current.asObservable();

/** The current locale, synchronously. */
export function getLocale(): Locale {
  return current.value;
}
