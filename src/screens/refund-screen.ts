import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../app/services.js';
import '../app/camera-button.js';
import '../components/refund-form.js';
import '../components/refund-order-card.js';
import '../components/refund-pin-settings.js';
import { theme } from '../components/theme.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { defaultRefundText } from '../domain/refund-amount.js';
import { refundStatusLine } from './refund-status.js';
import { tr, refusalText } from '../i18n/refund.js';
import { RefundController } from './refund-controller.js';
import { WedgeTakeBack } from './refund-scans.js';
import { deepActiveElement } from './deposit-scans.js';
import type { AfterSaleServices } from '../flows/refund-services.js';

/**
 * Refund (spec §10.4, §10.5, §13): scan the receipt's order barcode or type the number; the
 * order shows with what is refundable; the amount is pre-filled and may be lowered; the manager
 * PIN when one is configured. "Accepted" and "refunded" are different lines. A keyboard-wedge
 * scan into the focused lookup field is that field's (its Enter looks it up); with any other
 * focus it is taken back (refund-scans.ts) and opens the order. Binds RefundController; renders only.
 */
@customElement('refund-screen')
export class RefundScreen extends LitElement {
  static override styles = [theme, css`
    :host { display: block; padding: 24px; }
    .layout { display: grid; grid-template-columns: minmax(280px, 460px) 1fr; gap: 24px; align-items: start; }
    @media (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
    form { display: flex; gap: 12px; flex-wrap: wrap; align-items: end; margin-bottom: 16px; }
    label { display: grid; gap: 4px; font-weight: 600; flex: 1; min-width: 240px; }
    .ok { color: var(--ok); font-weight: 700; } .warn { color: var(--warn); font-weight: 700; } .bad { color: var(--bad); font-weight: 700; }
  `];

  @consume({ context: servicesContext }) services!: AppServices & { readonly afterSale: AfterSaleServices };
  private readonly wedge = new WedgeTakeBack(this, document);
  private readonly refund = new RefundController(this, () => this.services, {
    lookupFocused: () => {
      const field = this.renderRoot.querySelector('[data-refund-lookup]');
      return field !== null && deepActiveElement(document) === field;
    },
    takeBack: (scan) => this.wedge.takeBack(scan),
  });
  @state() private pinMessage = '';

  constructor() {
    super();
    new LocaleController(this);
  }

  private onLookup(e: Event): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('otn');
    if (!(input instanceof HTMLInputElement)) return;
    this.refund.lookup(input.value);
    // Selected, so the next receipt scanned (or typed) into the still-focused field replaces it.
    input.select();
  }

  override render() {
    const s = this.refund.state;
    const status = refundStatusLine(s);
    return html`<h1>${tr('refund.title')}</h1>
      <form @submit=${(e: Event) => this.onLookup(e)}>
        <label>${tr('refund.lookup.label')}<input name="otn" autocomplete="off" inputmode="numeric" autofocus data-refund-lookup
          @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}></label>
        <button type="submit" class="secondary">${tr('refund.lookup.go')}</button>
        <camera-scan-button></camera-scan-button>
      </form>
      ${s.lookingUp ? html`<p class="hint" role="status">${tr('refund.lookup.busy', { otn: s.lookingUp })}</p>` : ''}
      ${s.lookupError ? html`<p class="error" role="alert" data-lookup-error>${tr('refund.lookup.failed', { detail: s.lookupError })}</p>` : ''}
      <div class="layout">
        <refund-order-card .order=${s.order}></refund-order-card>
        <div>
          ${s.order ? html`<refund-form .amount=${defaultRefundText(s.order.totals.refundable)} ?pinRequired=${this.refund.pinRequired} ?busy=${s.busy}
            .message=${s.refusal ? refusalText(s.refusal) : ''} @refund-submit=${(e: CustomEvent<{ amountText: string; pin: string }>) => this.refund.refund(e.detail.amountText, e.detail.pin)}></refund-form>` : ''}
          ${status ? html`<p class=${status.tone} role="status" aria-live="polite" data-refund-status=${status.kind}>${status.text}</p>` : ''}
        </div>
      </div>
      <refund-pin-settings ?pinSet=${this.refund.pinRequired} .message=${this.pinMessage}
        @refund-pin-change=${(e: CustomEvent<{ current: string; next: string }>) => void this.refund.changePin(e.detail.current, e.detail.next).then((m) => { this.pinMessage = m; })}></refund-pin-settings>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'refund-screen': RefundScreen }
}
