import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { tp } from '../../i18n/pay.js';
import { theme } from '../../ui/theme.js';

/**
 * The amount being typed, large, with the refusal message under it (presentational).
 * `text` is the raw yuan text; `error` an already translated message.
 */
@customElement('pay-amount')
export class PayAmount extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .amount {
        font-size: 3rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        color: var(--ink);
        min-height: 3.6rem;
      }
      .amount.empty {
        color: var(--muted);
      }
      .amount.locked {
        color: var(--accent);
      }
    `,
  ];

  @property() text = '';
  @property() error = '';
  /** The amount of a confirmed sale (code prompt, waiting, result): shown, not edited. */
  @property({ type: Boolean }) locked = false;
  /** A warning under the amount (e.g. offline: the sale cannot go through now). */
  @property() warning = '';

  override render() {
    const shown = this.text === '' ? '0.00' : this.text;
    return html`<label class="hint" id="amount-label">${tp(this.locked ? 'pay.amount.saleCaption' : 'pay.amountLabel')}</label>
      <div
        class="amount ${this.text === '' ? 'empty' : ''} ${this.locked ? 'locked' : ''}"
        role="textbox"
        aria-readonly="true"
        aria-labelledby="amount-label"
        data-amount=${this.text}
        data-locked=${this.locked ? 'true' : 'false'}
      >
        ¥${shown}
      </div>
      <p class="hint">${tp('pay.amountHint')}</p>
      ${this.warning ? html`<p class="error" role="alert" data-offline-warning>${this.warning}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert" data-error>${this.error}</p>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pay-amount': PayAmount;
  }
}
