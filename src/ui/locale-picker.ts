import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LOCALES, LOCALE_NAMES, t, type Locale } from '../i18n/index.js';
import { LocaleController } from './locale-controller.js';
import { theme } from './theme.js';

/** Detail of `locale-pick`. */
export interface LocalePickDetail {
  readonly locale: Locale;
}

/**
 * The UI languages as a row of buttons, each labelled in its own language (presentational): the
 * current one pressed. The host applies and stores the choice.
 * @fires locale-pick - {@link LocalePickDetail}
 */
@customElement('locale-picker')
export class LocalePicker extends LitElement {
  static override styles = [theme];

  @property() locale: Locale = 'zh-CN';

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`<div class="row" role="group" aria-label=${t('settings.language')}>
      ${LOCALES.map(
        (l) =>
          html`<button
            type="button"
            class=${l === this.locale ? '' : 'secondary'}
            aria-pressed=${l === this.locale ? 'true' : 'false'}
            lang=${l}
            @click=${() => this.dispatchEvent(new CustomEvent<LocalePickDetail>('locale-pick', { detail: { locale: l }, bubbles: true, composed: true }))}
          >
            ${LOCALE_NAMES[l]}
          </button>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'locale-picker': LocalePicker;
  }
}
