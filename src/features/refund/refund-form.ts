import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { tr } from '../../i18n/refund.js';
import { theme } from '../../ui/theme.js';

/** Detail of `refund-submit`: the amount text as typed and the manager PIN (when asked). */
export interface RefundSubmitDetail {
  readonly amountText: string;
  readonly pin: string;
}

/**
 * The refund amount (pre-filled with what is refundable; the cashier may lower it) and the
 * manager PIN when one is configured (presentational). Enter in either field submits.
 *
 * @fires refund-submit - {@link RefundSubmitDetail}
 */
@customElement('refund-form')
export class RefundForm extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 12px;
        max-width: min(420px, 100%);
      }
      input {
        width: 100%;
      }
      label {
        display: grid;
        gap: 4px;
        font-weight: 600;
      }
      input {
        font-size: 1.4rem;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** Pre-filled amount (yuan text); re-applied whenever it changes. */
  @property() amount = '';
  @property({ type: Boolean }) pinRequired = false;
  @property({ type: Boolean }) busy = false;
  /** A refusal or failure to show under the form. */
  @property() message = '';
  @query('input[name="amount"]') private amountInput!: HTMLInputElement;
  @query('input[name="pin"]') private pinInput!: HTMLInputElement | null;

  /** Puts the cursor in the amount, selected (Enter in the looked-up order number moves here). */
  focusAmount(): void {
    this.amountInput?.focus();
    this.amountInput?.select();
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    const detail: RefundSubmitDetail = { amountText: this.amountInput.value, pin: this.pinInput?.value ?? '' };
    if (this.pinInput) this.pinInput.value = '';
    this.dispatchEvent(new CustomEvent<RefundSubmitDetail>('refund-submit', { detail, bubbles: true, composed: true }));
  }

  override render() {
    return html`<form @submit=${(e: Event) => this.submit(e)}>
      <label
        >${tr('refund.amount.label')}<input
          name="amount"
          inputmode="decimal"
          autocomplete="off"
          .value=${this.amount}
          ?disabled=${this.busy}
          data-refund-amount
      /></label>
      ${this.pinRequired ? html`<label>${tr('refund.pin.label')}<input name="pin" type="password" inputmode="numeric" autocomplete="off" maxlength="8" ?disabled=${this.busy} data-refund-pin /></label>` : ''}
      <button type="submit" ?disabled=${this.busy} data-refund-submit>${tr('refund.submit.next')}</button>
      ${this.message ? html`<p class="error" role="alert" data-refund-message>${this.message}</p>` : ''}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'refund-form': RefundForm;
  }
  interface HTMLElementEventMap {
    'refund-submit': CustomEvent<RefundSubmitDetail>;
  }
}
