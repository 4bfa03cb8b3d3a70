import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { EMPTY, type Observable } from 'rxjs';
import { tp } from '../../i18n/pay.js';
import { theme } from '../../ui/theme.js';
import { ObservableController } from '../../ui/observable-controller.js';

/**
 * The amount being typed, large, with the refusal message under it (presentational).
 * `source` is the raw yuan text as a stream: the checkout's amount follows
 * CheckoutController.amount$, so an amount key updates this element and not the whole checkout
 * (issue 21, seventh round). `error` is an already translated message.
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

  /** The raw yuan text as a stream (CheckoutController.amount$). */
  @property({ attribute: false }) source: Observable<string> | undefined;
  private readonly text = new ObservableController<string>(this, () => this.source ?? EMPTY, '');
  @property() error = '';
  /** The amount of a confirmed sale (code prompt, waiting, result): shown, not edited. */
  @property({ type: Boolean }) locked = false;
  /** A warning under the amount (e.g. offline: the sale cannot go through now). */
  @property() warning = '';

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('source') && changed.get('source') !== undefined) this.text.setSource(() => this.source ?? EMPTY);
  }

  override render() {
    const text = this.text.value;
    const shown = text === '' ? '0.00' : text;
    return html`<label class="hint" id="amount-label">${tp(this.locked ? 'pay.amount.saleCaption' : 'pay.amountLabel')}</label>
      <div
        class="amount ${text === '' ? 'empty' : ''} ${this.locked ? 'locked' : ''}"
        role="textbox"
        aria-readonly="true"
        aria-labelledby="amount-label"
        data-amount=${text}
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
