import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { FieldProblem } from './provisioning.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { t } from '../../i18n/index.js';
import { theme } from '../../ui/theme.js';

/**
 * First-run identity entry: sn + initial key, a provisioning-QR field (a keyboard-wedge scanner
 * types into it and presses Enter), and "use demo device". The key field is a password field and
 * is cleared by {@link ProvisionForm.reset} once saved, so the key does not linger in the DOM.
 * @fires provision-submit - detail `{ sn, key }`
 * @fires provision-qr - detail `{ text }`
 * @fires provision-demo - no detail
 */
@customElement('provision-form')
export class ProvisionForm extends LitElement {
  static override styles = [
    theme,
    css`
      form {
        display: grid;
        gap: 8px;
        max-width: 640px;
        margin-bottom: 24px;
      }
      label {
        font-weight: 600;
      }
      input {
        width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) problems: readonly FieldProblem[] = [];
  @property({ type: Boolean }) pending = false;
  /** Offer "use demo device" (the relay is in sandbox mode, or its mode is not known yet). */
  @property({ type: Boolean }) demoAvailable = true;
  @query('#key') private keyInput!: HTMLInputElement;
  @query('#qr') private qrInput!: HTMLInputElement;

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Clears the secret-bearing fields. */
  reset(): void {
    if (this.keyInput) this.keyInput.value = '';
    if (this.qrInput) this.qrInput.value = '';
  }

  private problem(field: FieldProblem['field']) {
    const p = this.problems.find((x) => x.field === field);
    return p ? html`<p class="error" id="${field}-error" role="alert">${t(p.message, p.params)}</p>` : '';
  }

  private emit(name: string, detail?: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.emit('provision-submit', { sn: String(data.get('sn') ?? ''), key: String(data.get('key') ?? '') });
  }

  private submitQr(e: SubmitEvent) {
    e.preventDefault();
    this.emit('provision-qr', { text: this.qrInput.value });
  }

  override render() {
    const invalid = (f: FieldProblem['field']) => (this.problems.some((p) => p.field === f) ? 'true' : 'false');
    return html`
      <form @submit=${this.submit} aria-label=${t('setup.title')}>
        <label for="sn">${t('setup.sn')}</label>
        <input
          id="sn"
          name="sn"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          aria-invalid=${invalid('sn')}
          aria-describedby="sn-hint sn-error"
        />
        <span class="hint" id="sn-hint">${t('setup.snHint')}</span>${this.problem('sn')}
        <label for="key">${t('setup.key')}</label>
        <input id="key" name="key" type="password" autocomplete="off" spellcheck="false" aria-invalid=${invalid('key')} aria-describedby="key-hint key-error" />
        <span class="hint" id="key-hint">${t('setup.keyHint')}</span>${this.problem('key')}
        <div class="row"><button type="submit" ?disabled=${this.pending}>${t('setup.save')}</button></div>
      </form>
      <form @submit=${this.submitQr} aria-label=${t('setup.qr')}>
        <label for="qr">${t('setup.qr')}</label>
        <input id="qr" type="password" autocomplete="off" spellcheck="false" aria-describedby="qr-hint qr-error" />
        <span class="hint" id="qr-hint">${t('setup.qrHint')}</span>${this.problem('qr')}
        <div class="row"><button type="submit" class="secondary" ?disabled=${this.pending}>${t('setup.qrApply')}</button></div>
      </form>
      ${this.demoAvailable ? html`<div class="row"><button class="secondary" data-testid="demo" ?disabled=${this.pending} @click=${() => this.emit('provision-demo')}>${t('setup.demo')}</button></div>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'provision-form': ProvisionForm;
  }
}
