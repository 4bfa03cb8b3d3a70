/**
 * The help button's target: the operator manual's page for the current screen, in the UI's
 * language. The pages are static HTML built from docs/manual (scripts/manual-pages.ts) and
 * served by the relay next to the app (and precached by the service worker).
 */
import type { Locale } from '../../i18n/index.js';
import type { Route } from '../context/services.js';

/** Manual page (docs/manual/<lang>/<page>.md) for each screen. */
export const HELP_PAGES: Readonly<Record<Route, string>> = {
  loading: 'index',
  setup: 'start',
  bind: 'start',
  checkout: 'sale',
  refund: 'refund',
  deposit: 'deposit',
  history: 'history',
  summary: 'history',
  settings: 'devices',
};

/** The manual page's address for `route` in `locale` (relative to the app's origin root). */
export function helpHref(route: Route, locale: Locale): string {
  return `/manual/${locale === 'en' ? 'en' : 'zh'}/${HELP_PAGES[route]}.html`;
}
