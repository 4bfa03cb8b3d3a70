import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { tr } from '../../i18n/refund.js';
import { theme } from '../../ui/theme.js';

/** Detail of `refund-pin-change`: the current PIN (when one is set) and the new one ('' = none). */
export interface RefundPinChangeDetail {
  readonly current: string;
  readonly next: string;
}

/**
 * Sets, changes or removes the manager PIN asked before refunds (presentational). Changing or
 * removing needs the current PIN. Inputs are cleared after each submit.
 *
 * @fires refund-pin-change - {@link RefundPinChangeDetail}
 */
@customElement('refund-pin-settings')
export class RefundPinSettings extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin-top: 24px;
      }
      form {
        display: grid;
        gap: 8px;
        max-width: 320px;
      }
      label {
        display: grid;
        gap: 4px;
      }
    `,
  ];

  @property({ type: Boolean }) pinSet = false;
  @property() message = '';

  private submit(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const detail: RefundPinChangeDetail = { current: String(f.get('current') ?? ''), next: String(f.get('next') ?? '') };
    form.reset();
    this.dispatchEvent(new CustomEvent<RefundPinChangeDetail>('refund-pin-change', { detail, bubbles: true, composed: true }));
  }

  override render() {
    return html`<details>
      <summary>${tr('refund.pinSettings.title')}</summary>
      <form @submit=${(e: Event) => this.submit(e)}>
        ${this.pinSet ? html`<label>${tr('refund.pinSettings.current')}<input name="current" type="password" inputmode="numeric" autocomplete="off" maxlength="8" /></label>` : ''}
        <label>${tr('refund.pinSettings.next')}<input name="next" type="password" inputmode="numeric" autocomplete="off" maxlength="8" /></label>
        <button type="submit" class="secondary">${tr('refund.pinSettings.save')}</button>
        ${this.message ? html`<p role="status" data-pin-message>${this.message}</p>` : ''}
      </form>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'refund-pin-settings': RefundPinSettings;
  }
  interface HTMLElementEventMap {
    'refund-pin-change': CustomEvent<RefundPinChangeDetail>;
  }
}
