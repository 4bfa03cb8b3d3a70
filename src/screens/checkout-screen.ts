import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { t } from '../i18n/index.js';

/**
 * Placeholder for the checkout screen; the payments engineer replaces this file. It may consume
 * `servicesContext` (src/app/services.ts) for cpay, journal, order numbers, clock and signals.
 */
@customElement('checkout-screen')
export class CheckoutScreen extends LitElement {
  static override styles = css`:host { display: block; padding: 24px; } h1 { font-size: 1.6rem; margin: 0 0 12px; }`;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`<h1>${t('nav.checkout')}</h1><p>${t('checkout.placeholder')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'checkout-screen': CheckoutScreen }
}
