import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { tp } from '../../i18n/pay.js';
import type { PayAction, PayStatusView } from './pay-status-view.js';
import { theme } from '../../ui/theme.js';

/** Detail of `pay-action`: the button the cashier chose. */
export interface PayActionDetail {
  readonly action: PayAction;
}

const ACTION_LABEL = { cancel: 'pay.cancel', query_again: 'pay.queryAgain', new_sale: 'pay.newSale', set_aside: 'pay.setAside' } as const;

/**
 * The payment's status panel (presentational): headline, detail, order number, QR for
 * scan-code pay, and the actions. Announced politely to screen readers.
 *
 * @fires pay-action - {@link PayActionDetail}: 'cancel', 'query_again', 'new_sale' or 'set_aside'.
 */
@customElement('pay-status')
export class PayStatus extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .panel {
        border-left: 8px solid var(--accent);
      }
      .ok {
        border-left-color: var(--ok);
      }
      .bad {
        border-left-color: var(--bad);
      }
      .warn {
        border-left-color: var(--warn);
      }
      .headline {
        font-size: 1.5rem;
        font-weight: 700;
        margin: 0 0 8px;
      }
      .ok .headline {
        color: var(--ok);
      }
      .bad .headline {
        color: var(--bad);
      }
      .warn .headline {
        color: var(--warn);
      }
      .sale-amount {
        font-size: 2.6rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        margin: 0 0 8px;
        color: var(--ink);
      }
      .qr {
        display: flex;
        justify-content: center;
        margin: 12px 0;
        --qr-size: 360px;
      }
    `,
  ];

  @property({ attribute: false }) view: PayStatusView | undefined;

  /** The QR element (and the qrcode library) load only when a scan-code QR is first shown. */
  override willUpdate(): void {
    if (this.view?.qr) void import('../../ui/qr-code.js');
  }

  private act(action: PayAction): void {
    this.dispatchEvent(new CustomEvent<PayActionDetail>('pay-action', { detail: { action }, bubbles: true, composed: true }));
  }

  override render() {
    const v = this.view;
    if (!v) return '';
    return html`<section class="panel ${v.tone}" aria-live="polite" data-tone=${v.tone}>
      ${v.amount ? html`<p class="sale-amount" data-status-amount=${v.amount}>¥${v.amount}</p>` : ''}
      <p class="headline" data-headline>${v.headline}</p>
      ${v.detail ? html`<p data-detail>${v.detail}</p>` : ''} ${v.qr ? html`<div class="qr"><qr-code .text=${v.qr} .label=${v.headline}></qr-code></div>` : ''}
      ${v.orderNo ? html`<p class="hint" data-order-no=${v.orderNo}>${tp('pay.orderNo', { no: v.orderNo })}</p>` : ''}
      <div class="row">
        ${v.actions.map((a, i) => html`<button type="button" class=${i === 0 ? '' : 'secondary'} data-action=${a} @click=${() => this.act(a)}>${tp(ACTION_LABEL[a])}</button>`)}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pay-status': PayStatus;
  }
  interface HTMLElementEventMap {
    'pay-action': CustomEvent<PayActionDetail>;
  }
}
