import type { ReactiveControllerHost } from 'lit';
import { getLocale, locale$, type Locale } from '../i18n/index.js';
import { ObservableController } from './observable-controller.js';

/** Re-renders the host when the locale changes, so its `t()` calls pick up the new language. */
export class LocaleController extends ObservableController<Locale> {
  constructor(host: ReactiveControllerHost) {
    super(host, locale$, getLocale());
  }
}
