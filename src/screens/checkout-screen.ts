import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../app/services.js';
import '../components/keypad.js';
import { payKeyOf, type PayKey } from '../components/keypad-keys.js';
import '../components/pay-amount.js';
import '../components/pay-status.js';
import { payStatusView, type PayAction } from '../components/pay-status-view.js';
import { theme } from '../components/theme.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { tp } from '../i18n/pay.js';
import { CheckoutController, amountError } from './checkout-controller.js';
import { CustomerDisplay } from './checkout-customer-display.js';

/**
 * Checkout (spec §10.2, §10.3): amount on the keypad or the keyboard, Enter, then the customer's
 * code (scanner or typed) and Enter. Keyboard first: the screen listens on `window` while
 * connected, so a keyboard-wedge scanner works without focusing anything. Binds the services to
 * the components through CheckoutController; renders only.
 */
@customElement('checkout-screen')
export class CheckoutScreen extends LitElement {
  static override styles = [theme, css`
    :host { display: block; padding: 24px; min-width: 0; } @media (max-width: 600px) { :host { padding: 12px; } }
    .layout { display: grid; grid-template-columns: minmax(280px, 420px) minmax(0, 1fr); gap: 24px; align-items: start; }
    h1 { margin-bottom: 8px; }
    @media (max-height: 820px) { :host { padding-top: 12px; padding-bottom: 12px; } }
    @media (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
    .code { font-size: 1.4rem; letter-spacing: 0.1em; font-variant-numeric: tabular-nums; min-height: 1.8rem; }
    .alt { margin-top: 12px; }
  `];

  @consume({ context: servicesContext }) services!: AppServices;
  private readonly checkout = new CheckoutController(this, () => this.services);
  private readonly onKeyDown = (e: KeyboardEvent): void => this.handleKey(e);
  private readonly display = new CustomerDisplay();

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeyDown);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    this.display.close();
    super.disconnectedCallback();
  }

  protected override updated(): void {
    this.display.update(this.checkout.state);
  }

  private openDisplay(): void {
    if (this.display.open()) this.display.update(this.checkout.state);
  }

  /** Keys typed anywhere while the screen shows; Enter on a focused button stays that button's. */
  private handleKey(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const target = e.composedPath()[0];
    const tag = target instanceof HTMLElement ? target.tagName : '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    const key = payKeyOf(e);
    if (!key || (tag === 'BUTTON' && key === 'enter')) return;
    e.preventDefault();
    this.checkout.key(key);
  }

  private onAction(action: PayAction): void {
    if (action === 'cancel') this.checkout.cancel();
    if (action === 'query_again') this.checkout.queryAgain();
    if (action === 'new_sale') this.checkout.newSale();
  }

  private renderCode() {
    if (this.checkout.state.phase !== 'awaiting_code') return '';
    void import('../app/camera-button.js'); // not in the first screen's bundle: loads while the code is awaited
    return html`<p class="hint">${tp('pay.code.label')}</p><p class="code" data-code aria-live="off">${this.checkout.code}</p><camera-scan-button></camera-scan-button>`;
  }

  override render() {
    const c = this.checkout;
    const s = c.state;
    const editing = s.phase === 'idle' || s.phase === 'amount' || s.phase === 'success' || s.phase === 'failed' || s.phase === 'cancelled';
    const text = s.phase === 'amount' ? s.text : '';
    return html`<h1>${tp('pay.title')}</h1>
      <div class="layout" data-phase=${s.phase}>
        <section class="panel">
          <pay-amount .text=${text} .error=${amountError(s)}></pay-amount>
          <pay-keypad ?disabled=${!editing && s.phase !== 'awaiting_code'} @keypad-key=${(e: CustomEvent<{ key: PayKey }>) => c.key(e.detail.key)}></pay-keypad>
          <div class="row alt">
            <button type="button" class="secondary" data-scan-code="wechat" ?disabled=${!editing} @click=${() => c.startScanCode('wechat')}>${tp('pay.scanCodePay')} · ${tp('pay.platform.wechat')}</button>
            <button type="button" class="secondary" data-scan-code="alipay" ?disabled=${!editing} @click=${() => c.startScanCode('alipay')}>${tp('pay.scanCodePay')} · ${tp('pay.platform.alipay')}</button>
            <button type="button" class="secondary" data-customer-display @click=${() => this.openDisplay()}>${tp('pay.customerDisplay')}</button>
          </div>
        </section>
        <section>
          ${this.renderCode()}
          <pay-status .view=${payStatusView(s)} @pay-action=${(e: CustomEvent<{ action: PayAction }>) => this.onAction(e.detail.action)}></pay-status>
          ${c.notice ? html`<p class="hint" role="status" data-notice>${c.notice}</p>` : ''}
          <sandbox-pay-panel></sandbox-pay-panel>
        </section>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'checkout-screen': CheckoutScreen }
}
