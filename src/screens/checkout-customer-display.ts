/**
 * The customer-facing window (issue 5: the scan-code QR also shows "on a second,
 * customer-facing window when one is open"). The cashier opens it once (a popup the browser
 * allows on a click; on a terminal with two screens, drag it to the customer's side); it then
 * mirrors the sale: amount, QR while a scan-code order waits, and the result.
 * Only text (textContent) and the qrcode library's SVG are written into it.
 */
import { formatFen } from '../domain/money.js';
import type { PaymentState } from '../domain/payment.js';
import { tp } from '../i18n/pay.js';
import { platformName } from '../components/pay-status-view.js';

const STYLE = `body{margin:0;font-family:system-ui,sans-serif;display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:100vh;background:#fff;color:#111827}
.amount{font-size:3.5rem;font-weight:700}.text{font-size:1.6rem;margin:16px;text-align:center}.qr svg{width:min(80vw,70vh);height:auto}`;

/** What the customer sees for a state. */
function customerText(s: PaymentState): { amount: string; text: string; qr?: string } {
  const amount = 'amount' in s ? `¥${formatFen(s.amount)}` : '';
  if (s.phase === 'polling' && s.codeUrl) return { amount, text: tp('pay.showQr'), qr: s.codeUrl };
  if (s.phase === 'polling') return { amount, text: tp(s.userPaying ? 'pay.waitingPassword' : 'pay.waiting') };
  if (s.phase === 'success') return { amount, text: tp('pay.success', { platform: platformName(s.platform), amount: formatFen(s.amount) }) };
  if (s.phase === 'awaiting_code') return { amount, text: tp('pay.code.prompt') };
  return { amount, text: '' };
}

/** A popup window mirroring the sale for the customer. */
export class CustomerDisplay {
  private win: Window | null = null;
  private shownQr = '';

  /** True while the window is open. */
  get isOpen(): boolean {
    return this.win !== null && !this.win.closed;
  }

  /** Opens (or focuses) the window; call from a click so the browser allows the popup. */
  open(title: string): boolean {
    if (!this.isOpen) {
      this.win = window.open('', 'cpay-customer-display', 'popup,width=520,height=720');
      if (!this.win) return false;
      this.win.document.title = title;
      const style = this.win.document.createElement('style');
      style.textContent = STYLE;
      this.win.document.head.append(style);
      this.win.document.body.innerHTML = '<div class="amount" data-amount></div><div class="qr" data-qr></div><div class="text" data-text></div>';
      this.shownQr = '';
    }
    this.win?.focus();
    return this.isOpen;
  }

  /** Mirrors a state (no-op while closed). */
  update(state: PaymentState): void {
    const doc = this.isOpen ? this.win?.document : undefined;
    if (!doc) return;
    const view = customerText(state);
    const set = (sel: string, text: string) => { const el = doc.querySelector(sel); if (el) el.textContent = text; };
    set('[data-amount]', view.amount);
    set('[data-text]', view.text);
    if ((view.qr ?? '') !== this.shownQr) void this.showQr(doc, view.qr ?? '');
  }

  private async showQr(doc: Document, text: string): Promise<void> {
    this.shownQr = text;
    const box = doc.querySelector('[data-qr]');
    if (!box) return;
    box.setAttribute('data-payload', text);
    const qrToSvg = text ? (await import('qrcode')).toString : undefined; // loaded with the first QR
    const svg = qrToSvg ? await qrToSvg(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }) : '';
    if (this.shownQr === text) box.innerHTML = svg; // the qrcode library's SVG, never user input
  }

  /** Closes the window. */
  close(): void {
    if (this.isOpen) this.win?.close();
    this.win = null;
  }
}
