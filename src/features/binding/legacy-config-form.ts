import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { t } from '../../i18n/index.js';
import { theme } from '../../ui/theme.js';

/**
 * Paste or scan the legacy configuration QR (`…/cpay/use_device_setting?osi=…&si=…`, spec §5.4).
 * @fires legacy-submit - detail `{ url }`
 */
@customElement('legacy-config-form')
export class LegacyConfigForm extends LitElement {
  static override styles = [
    theme,
    css`
      form {
        display: grid;
        gap: 8px;
        max-width: 640px;
      }
      input {
        width: 100%;
      }
    `,
  ];

  @property() error = '';
  @property({ type: Boolean }) pending = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const url = String(new FormData(e.target as HTMLFormElement).get('url') ?? '');
    this.dispatchEvent(new CustomEvent('legacy-submit', { detail: { url }, bubbles: true, composed: true }));
  }

  override render() {
    return html`<form @submit=${this.submit}>
      <label for="url"><strong>${t('bind.legacyTitle')}</strong></label>
      <input id="url" name="url" autocomplete="off" spellcheck="false" aria-describedby="url-hint" />
      <span class="hint" id="url-hint">${t('bind.legacyHint')}</span>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <div class="row"><button type="submit" class="secondary" ?disabled=${this.pending}>${t('bind.legacyApply')}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'legacy-config-form': LegacyConfigForm;
  }
}
