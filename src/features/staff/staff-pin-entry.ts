import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ts } from '../../i18n/staff.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import type { PinCheck } from './staff-service.js';
import { lockRemainingMs, type Lockout } from './staff.js';

/**
 * Staff code + PIN, keyboard-first: type the code, Enter (moves to the PIN), type the PIN, Enter
 * (checks). Shows a wrong PIN and the lock's remaining seconds (ticking). The check itself is
 * handed in (`check`): sign-in or a manager's authorisation.
 *
 * @fires staff-pin-ok - detail: the PinCheck that succeeded
 * @fires staff-pin-cancel - when a cancel button is offered and pressed (or Escape)
 */
@customElement('staff-pin-entry')
export class StaffPinEntry extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 12px;
        max-width: 360px;
      }
      label {
        display: grid;
        gap: 4px;
      }
      .row {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
    `,
  ];

  @property({ attribute: false }) check!: (code: string, pin: string) => Promise<PinCheck>;
  @property({ attribute: false }) lockout: Lockout = { failures: 0, locks: 0, until: 0 };
  @property() submitLabel = '';
  @property({ type: Boolean }) cancellable = false;
  @state() private message = '';
  @state() private checking = false;
  @state() private now = Date.now();
  @query('input[name=code]') private codeInput!: HTMLInputElement;
  @query('input[name=pin]') private pinInput!: HTMLInputElement;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (this.lockout.until > 0) this.now = Date.now();
    }, 500);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override firstUpdated(): void {
    this.codeInput?.focus();
  }

  private onCodeKey(e: KeyboardEvent): void {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (this.codeInput.value.trim() !== '') this.pinInput.focus();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.checking || lockRemainingMs(this.lockout, Date.now()) > 0) return;
    const code = this.codeInput.value.trim();
    if (code === '') {
      this.codeInput.focus();
      return;
    }
    const pin = this.pinInput.value;
    this.pinInput.value = '';
    this.checking = true;
    try {
      const r = await this.check(code, pin);
      this.now = Date.now();
      if (r.ok) {
        this.message = '';
        this.codeInput.value = '';
        this.dispatchEvent(new CustomEvent<PinCheck>('staff-pin-ok', { detail: r, bubbles: true, composed: true }));
        return;
      }
      this.message = r.reason === 'not_manager' ? ts('staff.auth.notManager') : r.reason === 'wrong' ? ts('staff.signIn.wrong', { left: r.left }) : '';
    } finally {
      this.checking = false;
    }
    await this.updateComplete;
    this.pinInput.focus();
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('staff-pin-cancel', { bubbles: true, composed: true }));
  }

  override render() {
    const ms = lockRemainingMs(this.lockout, this.now);
    const locked = ms > 0;
    return html`<form @submit=${(e: Event) => void this.submit(e)} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancellable && this.cancel()}>
      <label
        >${ts('staff.field.code')}<input
          name="code"
          data-staff-code
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="16"
          @keydown=${(e: KeyboardEvent) => this.onCodeKey(e)}
      /></label>
      <label>${ts('staff.field.pin')}<input name="pin" data-staff-pin type="password" inputmode="numeric" autocomplete="off" maxlength="8" /></label>
      <div class="row">
        <button type="submit" data-staff-submit ?disabled=${this.checking || locked}>${this.checking ? ts('staff.signIn.checking') : this.submitLabel}</button>
        ${this.cancellable ? html`<button type="button" class="secondary" data-staff-cancel @click=${() => this.cancel()}>${ts('staff.auth.cancel')}</button>` : ''}
      </div>
      ${
        locked
          ? html`<p class="error" role="alert" data-staff-locked data-remaining-ms=${ms}>${ts('staff.signIn.locked', { seconds: Math.ceil(ms / 1000) })}</p>`
          : this.message
            ? html`<p class="error" role="alert" data-staff-message>${this.message}</p>`
            : ''
      }
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-pin-entry': StaffPinEntry;
  }
  interface HTMLElementEventMap {
    'staff-pin-ok': CustomEvent<PinCheck>;
    'staff-pin-cancel': CustomEvent<void>;
  }
}
