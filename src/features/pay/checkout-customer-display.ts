/**
 * The customer-facing window (顾客屏, issues 5 and 13). The cashier opens it once (a popup the
 * browser allows on a click; on a terminal with two screens, drag it to the customer's side); it
 * then mirrors the sale in the customer's words: a welcome while idle, the amount as it is keyed,
 * the QR while a scan-code order waits, and "支付成功，谢谢惠顾". A cancel clears it.
 *
 * The popup is an about:blank document of our origin and inherits the page's strict CSP
 * (`style-src 'self'`, no `unsafe-inline`): a `<style>` element or `style=""` would be refused.
 * Its styles are a constructable stylesheet built in the popup's own realm and adopted by its
 * document, as lit does for components (CSSOM is not governed by style-src).
 * Only text (textContent) and the qrcode library's SVG are written into it.
 */
import { formatFen } from '../../kernel/money.js';
import type { PaymentState } from '../../kernel/payment.js';
import { tc } from '../../i18n/customer.js';
import { getLocale } from '../../i18n/index.js';
import { openCustomerWindow } from './checkout-customer-window.js';

const STYLE = `
:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #f3f6fb; color: #111827; }
[hidden] { display: none !important; }
main { min-height: 100%; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: clamp(8px, 2vh, 20px); padding: clamp(16px, 4vw, 48px); text-align: center; }
main[data-tone=ok] { background: #ecfdf3; }
main[data-tone=bad] { background: #fef2f2; }
.welcome { margin: 0; font-size: clamp(2rem, 9vw, 4.5rem); font-weight: 700; color: #0b5cad; }
.label { margin: 0; font-size: clamp(1rem, 4vw, 1.5rem); color: #374151; }
.amount { margin: 0; font-size: clamp(2.8rem, 14vw, 6rem); font-weight: 800; font-variant-numeric: tabular-nums; line-height: 1.1; overflow-wrap: anywhere; }
.qr { width: min(80vw, 55vh, 420px); background: #fff; border-radius: 12px; }
.qr svg { display: block; width: 100%; height: auto; }
.text { margin: 0; font-size: clamp(1.25rem, 5vw, 2.2rem); font-weight: 600; max-width: 30em; overflow-wrap: anywhere; }
main[data-phase=welcome] .text { font-size: clamp(1rem, 4vw, 1.4rem); font-weight: 400; color: #4b5563; }
main[data-tone=ok] .text { color: #166534; }
main[data-tone=bad] .text { color: #991b1b; }
`;

/** What the customer sees for a state (pure, table-tested). */
export interface CustomerView {
  /** Shown alone when nothing is being sold. */
  readonly welcome: boolean;
  /** `¥…`, or '' when no amount is shown. */
  readonly amount: string;
  readonly text: string;
  /** QR content (scan-code pay). */
  readonly qr?: string;
  readonly tone: 'info' | 'ok' | 'bad';
  /** The words over the amount (default 应付金额; a deposit says 押金). */
  readonly label?: string;
}

/** The platform a scan-code URL belongs to (weixin:// or qr.alipay.com), for the wording. */
function qrPlatform(codeUrl: string): 'wechat' | 'alipay' | 'other' {
  if (codeUrl.startsWith('weixin:')) return 'wechat';
  if (/alipay/i.test(codeUrl)) return 'alipay';
  return 'other';
}

/** The customer's view of a payment state. */
export function customerView(s: PaymentState): CustomerView {
  const welcome: CustomerView = { welcome: true, amount: '', text: tc('customer.welcomeHint'), tone: 'info' };
  switch (s.phase) {
    case 'idle':
    case 'cancelled':
      return welcome;
    case 'amount': {
      const keyed = s.text.trim();
      return keyed ? { welcome: false, amount: `¥${keyed}`, text: tc('customer.keying'), tone: 'info' } : welcome;
    }
    default:
      break;
  }
  const amount = `¥${formatFen(s.amount)}`;
  switch (s.phase) {
    case 'awaiting_code':
      return { welcome: false, amount, text: tc('customer.showCode'), tone: 'info' };
    case 'submitting':
      return { welcome: false, amount, text: tc('customer.paying'), tone: 'info' };
    case 'polling':
      if (s.codeUrl) {
        const p = qrPlatform(s.codeUrl);
        return { welcome: false, amount, qr: s.codeUrl, text: tc('customer.scanQr', { platform: tc(`customer.platform.${p}`) }), tone: 'info' };
      }
      return { welcome: false, amount, text: tc(s.userPaying ? 'customer.password' : 'customer.paying'), tone: 'info' };
    case 'success':
      return { welcome: false, amount, text: tc('customer.success'), tone: 'ok' };
    case 'failed':
      return { welcome: false, amount, text: tc('customer.failed'), tone: 'bad' };
    case 'unknown':
      return { welcome: false, amount, text: tc('customer.unknown'), tone: 'info' };
  }
}

/** A popup window mirroring the sale for the customer. */
export class CustomerDisplay {
  private win: Window | null = null;
  private shownQr = '';

  /** True while the window is open. */
  get isOpen(): boolean {
    return this.win !== null && !this.win.closed;
  }

  /**
   * Opens (or focuses) the window; call from a click so the browser allows the popup, or hand in
   * the window a click already opened ({@link openCustomerWindow}) while this module loaded.
   */
  open(opened?: Window | null): boolean {
    if (!this.isOpen) {
      this.win = opened ?? openCustomerWindow();
      if (!this.win) return false;
      this.build(this.win);
      this.shownQr = '';
    }
    this.win?.focus();
    return this.isOpen;
  }

  private build(win: Window): void {
    const doc = win.document;
    // A stylesheet of the popup's realm: adoptedStyleSheets refuses sheets built by another document.
    const Sheet = (win as unknown as typeof globalThis).CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(STYLE);
    doc.adoptedStyleSheets = [sheet];
    const meta = doc.createElement('meta');
    meta.name = 'viewport';
    meta.content = 'width=device-width, initial-scale=1';
    doc.head.replaceChildren(meta, doc.createElement('title'));
    const main = doc.createElement('main');
    main.dataset['customerScreen'] = '';
    const el = (tag: string, cls: string, data: string) => {
      const e = doc.createElement(tag);
      e.className = cls;
      e.setAttribute(data, '');
      main.append(e);
      return e;
    };
    el('h1', 'welcome', 'data-welcome');
    el('p', 'label', 'data-label');
    el('p', 'amount', 'data-amount');
    el('div', 'qr', 'data-qr').setAttribute('role', 'img');
    const text = el('p', 'text', 'data-text');
    text.setAttribute('role', 'status');
    text.setAttribute('aria-live', 'polite');
    doc.body.replaceChildren(main);
  }

  /** Mirrors a state (no-op while closed). */
  update(state: PaymentState): void {
    this.show(customerView(state), state.phase);
  }

  /** Shows a customer view (a sale's, or a deposit's from the deposit desk); `phase` is a data hook. No-op while closed. */
  show(view: CustomerView, phase: string): void {
    const doc = this.isOpen ? this.win?.document : undefined;
    if (!doc) return;
    doc.documentElement.lang = getLocale();
    doc.title = tc('customer.title');
    const find = (sel: string): HTMLElement | null => doc.querySelector(sel);
    const set = (sel: string, text: string, show: boolean) => {
      const e = find(sel);
      if (!e) return;
      if (e.textContent !== text) e.textContent = text;
      e.hidden = !show;
    };
    const main = find('main');
    main?.setAttribute('data-tone', view.tone);
    main?.setAttribute('data-phase', view.welcome ? 'welcome' : phase);
    set('[data-welcome]', tc('customer.welcome'), view.welcome);
    set('[data-label]', view.label ?? tc('customer.amountLabel'), view.amount !== '');
    set('[data-amount]', view.amount, view.amount !== '');
    set('[data-text]', view.text, view.text !== '');
    const qr = find('[data-qr]');
    if (qr) {
      qr.hidden = !view.qr;
      qr.setAttribute('aria-label', view.qr ? view.text : '');
    }
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
