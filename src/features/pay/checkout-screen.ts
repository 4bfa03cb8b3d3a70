import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import './keypad.js';
import { payKeyOf, type PayKey } from './keypad-keys.js';
import './pay-amount.js';
import './pay-code-line.js';
import './pay-status.js';
import { payStatusView, type PayAction, type PayStatusView } from './pay-status-view.js';
import { formatFen } from '../../kernel/money.js';
import { saleAmountOf, type PaymentState } from '../../kernel/payment.js';
import { getLocale } from '../../i18n/index.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { tp } from '../../i18n/pay.js';
import { CheckoutController, amountError } from './checkout-controller.js';
import type { CustomerDisplay } from './checkout-customer-display.js';
import { openCustomerWindow } from './checkout-customer-window.js';
import type { Fen } from '@cpay/protocol';
import { tb } from '../../i18n/bookkeeping.js';
import type { RecordedSale } from '../bookkeeping/tender-controller.js';
import { afterPaint } from '../../ui/after-paint.js';
import type { Subscription } from 'rxjs';

/**
 * Checkout (spec §10.2, §10.3): amount on the keypad or the keyboard, Enter, then the customer's
 * code (scanner or typed) and Enter. Keyboard first: the screen listens on `window` while
 * connected, so a keyboard-wedge scanner works without focusing anything. Binds the services to
 * the components through CheckoutController; renders only.
 */
// The layout's keypad column gives way (down to 280 px) before the sale's column goes below 300 px
// (280 px from 1000 to 1199 px, with less padding and gap): the receipt preview beside the screen
// at 1024×768 leaves the checkout about 670 px (app-shell.ts), and 确认收款 needs a 350 px keypad.
@customElement('checkout-screen')
export class CheckoutScreen extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        padding: 24px;
        min-width: 0;
      }
      @media (max-width: 600px) {
        :host {
          padding: 12px;
        }
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(280px, 420px) minmax(300px, 1fr);
        gap: 24px;
        align-items: start;
      }
      h1 {
        margin-bottom: 8px;
      }
      @media (min-width: 1000px) and (max-width: 1199px) {
        :host {
          padding-left: 16px;
          padding-right: 16px;
        }
        .layout {
          gap: 16px;
          grid-template-columns: minmax(280px, 420px) minmax(280px, 1fr);
        }
      }
      @media (max-height: 820px) {
        :host {
          padding-top: 12px;
          padding-bottom: 12px;
        }
      }
      @media (max-width: 760px) {
        .layout {
          grid-template-columns: 1fr;
        }
        /* One column (a phone): while the customer's code is awaited, its prompt, the code and 取消 come first, on screen without scrolling. */
        .layout[data-phase='awaiting_code'] > .status {
          order: -1;
        }
        /* Likewise the cash / card step (what was handed over, the change, the quick amounts) and the
           recorded sale with its change: below the keypad they were off screen at 390×844. */
        .layout[data-tender] > .status {
          order: -1;
        }
      }
      pay-code-line {
        display: block;
      }
      .code {
        font-size: 1.4rem;
        letter-spacing: 0.1em;
        font-variant-numeric: tabular-nums;
        min-height: 1.8rem;
      }
      .alt {
        margin-top: 12px;
      }
      .bookkeeping {
        margin-bottom: 12px;
      }
      .tray {
        margin-top: 16px;
        border-left: 8px solid var(--warn);
      }
      .tray h2 {
        margin: 0 0 8px;
        font-size: 1.2rem;
      }
      .tray ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      .tray li {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        align-items: center;
      }
      .tray-amount {
        font-size: 1.4rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .tray .order {
        overflow-wrap: anywhere;
      }
      .tray .ok {
        color: var(--ok);
        font-weight: 600;
      }
      .tray .bad {
        color: var(--bad);
        font-weight: 600;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  private readonly checkout = new CheckoutController(this, () => this.services);
  private readonly onKeyDown = (e: KeyboardEvent): void => this.handleKey(e);
  /** The customer display (顾客屏): its module loads after the screen shows (not needed to key a sale). */
  private display: CustomerDisplay | undefined;
  private typed: Subscription | undefined;
  private readonly displayModule = lazy(() => import('./checkout-customer-display.js'));
  private readonly cameraButton = lazy(() => import('../devices/camera-button.js'));
  private readonly trayModule = lazy(() => import('./checkout-tray-resolve.js'));
  /**
   * The cash / card tender panel and the cash-drawer panel (with its manager PIN dialog): their
   * modules load after the keypad has painted (issue 21), or at once when a tender opens first.
   * F2 / F3 need neither: the tender step itself (CheckoutController.till) is in this chunk; its
   * recording half (tender-record.ts) loads after paint too.
   */
  private readonly tillPanels = lazy(() => Promise.all([import('../bookkeeping/tender-panel.js'), import('../bookkeeping/drawer-panel.js')]));

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeyDown);
    // An amount key updates <pay-amount> alone (no screen update): the customer display follows it here.
    this.typed = this.checkout.amount$.subscribe(() => this.display?.update(this.checkout.state));
    afterPaint(() => void this.displayModule().catch(() => undefined)); // ready before the cashier reaches for 顾客屏
    afterPaint(() => void this.trayModule().catch(() => undefined)); // ready before a sale is set aside
    afterPaint(() => {
      void this.tillPanels().catch(() => undefined);
      this.checkout.till.prefetch();
    });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    this.typed?.unsubscribe();
    this.display?.close();
    super.disconnectedCallback();
  }

  protected override updated(): void {
    this.display?.update(this.checkout.state);
  }

  private openDisplay(): void {
    // The popup opens within the click (browsers allow it only there); the display fills it once its module is here.
    const win = this.display?.isOpen ? null : openCustomerWindow();
    void this.displayModule().then(({ CustomerDisplay }) => {
      this.display ??= new CustomerDisplay();
      if (this.display.open(win)) this.display.update(this.checkout.state);
    });
  }

  /**
   * Keys typed anywhere while the screen shows. Enter confirms the current step whatever has the
   * focus, except a button the cashier reached with the keyboard (Tab): its Enter stays its own.
   * Buttons tapped with the pointer do not keep the focus (app/pointer-focus.ts). A printable
   * character that is no amount key is refused while an amount is typed, never dropped.
   */
  private handleKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.isComposing) return;
    const target = e.composedPath()[0];
    const tag = target instanceof HTMLElement ? target.tagName : '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    // 现金 F2 (or the numeric keypad's +) / 银行卡 F3: the bookkeeping step for the typed amount.
    const method = e.key === 'F2' || e.code === 'NumpadAdd' ? 'cash' : e.key === 'F3' ? 'card' : undefined;
    if (method && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      this.checkout.startBookkeeping(method);
      return;
    }
    const key = payKeyOf(e);
    if (!key) {
      if (e.key.length === 1 && e.key.trim() !== '' && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        this.checkout.refuseChar(e.key);
      }
      return;
    }
    if (tag === 'BUTTON' && key === 'enter') return;
    e.preventDefault();
    this.checkout.key(key, e.timeStamp);
  }

  private onAction(action: PayAction): void {
    if (action === 'cancel') this.checkout.cancel();
    if (action === 'query_again') this.checkout.queryAgain();
    if (action === 'new_sale') this.checkout.newSale();
    if (action === 'set_aside') this.checkout.setAside();
  }

  private renderCode() {
    if (this.checkout.state.phase !== 'awaiting_code') return '';
    void this.cameraButton(); // not in the first screen's bundle: loads while the code is awaited (once, not per key)
    return html`<p class="hint">${tp('pay.code.label')}</p>
      <pay-code-line .source=${this.checkout.code$}></pay-code-line>
      <camera-scan-button></camera-scan-button>`;
  }

  /**
   * The status panel's view of a payment state, kept while the state and the language are the
   * same: each key of a customer code re-renders the screen, and a new view object re-rendered
   * the whole status panel with it (issue 21, a cheap tablet).
   */
  private statusView(s: PaymentState): PayStatusView | undefined {
    const locale = getLocale();
    if (this.lastView?.state !== s || this.lastView.locale !== locale) this.lastView = { state: s, locale, view: payStatusView(s) };
    return this.lastView.view;
  }
  private lastView: { readonly state: PaymentState; readonly locale: string; readonly view: PayStatusView | undefined } | undefined;

  /** The result panel of a recorded cash / card sale. */
  private recordedView(r: RecordedSale): PayStatusView {
    const amount = formatFen(r.amount);
    return r.method === 'cash'
      ? {
          tone: 'ok',
          headline: tb('bk.done.cash', { amount }),
          detail: tb('bk.done.cashDetail', { tendered: formatFen(r.tendered ?? r.amount), change: formatFen(r.change ?? (0 as Fen)) }),
          amount,
          orderNo: r.outTradeNo,
          actions: ['new_sale'],
        }
      : { tone: 'ok', headline: tb('bk.done.card', { amount }), detail: tb('bk.done.cardDetail'), amount, orderNo: r.outTradeNo, actions: ['new_sale'] };
  }

  /** While an order taken up after a reload is being confirmed and nothing else is on screen: say so, prominently. */
  private recoveringView(): PayStatusView | undefined {
    if (this.checkout.state.phase !== 'idle') return undefined;
    const waiting = this.checkout.tray.entries.find((e) => e.recovered && e.status === 'waiting');
    if (!waiting) return undefined;
    const amount = formatFen(waiting.amount);
    return { tone: 'busy', headline: tp('pay.recovering', { amount }), detail: tp('pay.recoveringDetail'), amount, orderNo: waiting.outTradeNo, actions: [] };
  }

  /** The 待确认 tray (its module, checkout-tray-resolve.ts, loads after paint: not needed to key a sale). */
  private renderTray() {
    const entries = this.checkout.tray.entries;
    if (entries.length === 0) return '';
    void this.trayModule();
    return html`<checkout-tray .entries=${entries} @tray-dismiss=${(e: CustomEvent<string>) => this.checkout.dismiss(e.detail)}></checkout-tray>`;
  }

  override render() {
    const c = this.checkout;
    const s = c.state;
    const editing = s.phase === 'idle' || s.phase === 'amount' || s.phase === 'success' || s.phase === 'failed' || s.phase === 'cancelled';
    const shown = saleAmountOf(s);
    // Offline, before a sale is keyed: say so and offer cash / card bookkeeping (F2 / F3).
    const offlineWarning = c.offline && (s.phase === 'idle' || s.phase === 'amount' || s.phase === 'awaiting_code') ? tb('bk.offline') : '';
    const tender = c.till.tender;
    if (tender) void this.tillPanels().catch(() => undefined);
    const recorded = c.till.recorded && s.phase === 'idle' ? this.recordedView(c.till.recorded) : undefined;
    const view = tender ? undefined : (recorded ?? this.statusView(s) ?? this.recoveringView());
    const tenderEditing = editing && !tender;
    return html`<h1>${tp('pay.title')}</h1>
      <div class="layout" data-phase=${s.phase} ?data-tender=${tender !== undefined || recorded !== undefined}>
        <section class="panel">
          <pay-amount .source=${c.amount$} ?locked=${!shown.typing || tender !== undefined} .error=${amountError(s)} .warning=${offlineWarning}></pay-amount>
          ${c.inputWarning ? html`<p class="error" role="alert" data-input-warning>${c.inputWarning}</p>` : ''}
          <pay-keypad
            ?disabled=${(!editing && s.phase !== 'awaiting_code' && s.phase !== 'unknown') || tender?.saving === true || tender?.method === 'card'}
            @keypad-key=${(e: CustomEvent<{ key: PayKey }>) => c.key(e.detail.key)}
          ></pay-keypad>
          <div class="row alt">
            <button type="button" class="secondary" data-scan-code="wechat" ?disabled=${!tenderEditing} @click=${() => c.startScanCode('wechat')}>
              ${tp('pay.scanCodePay')} · ${tp('pay.platform.wechat')}
            </button>
            <button type="button" class="secondary" data-scan-code="alipay" ?disabled=${!tenderEditing} @click=${() => c.startScanCode('alipay')}>
              ${tp('pay.scanCodePay')} · ${tp('pay.platform.alipay')}
            </button>
            <button type="button" class="secondary" data-customer-display @click=${() => this.openDisplay()}>${tp('pay.customerDisplay')}</button>
          </div>
        </section>
        <section class="status">
          ${this.renderCode()}
          <tender-panel
            .tender=${tender}
            @tender-set=${(e: CustomEvent<{ fen: Fen }>) => c.till.setTendered(e.detail.fen)}
            @tender-confirm=${() => void c.till.confirm()}
            @tender-cancel=${() => c.till.cancel()}
          ></tender-panel>
          <pay-status
            .view=${view}
            data-recovering=${view && !this.statusView(s) ? 'true' : 'false'}
            @pay-action=${(e: CustomEvent<{ action: PayAction }>) => this.onAction(e.detail.action)}
          ></pay-status>
          <!-- Cash / card bookkeeping after the code prompt and its 取消: on a phone those come first (issue 20). -->
          <div class="row bookkeeping">
            <button
              type="button"
              class=${c.offline ? '' : 'secondary'}
              data-bookkeeping="cash"
              ?disabled=${!tenderEditing}
              @click=${() => c.startBookkeeping('cash')}
            >
              ${tb('bk.cashButton')}
            </button>
            <button
              type="button"
              class=${c.offline ? '' : 'secondary'}
              data-bookkeeping="card"
              ?disabled=${!tenderEditing}
              @click=${() => c.startBookkeeping('card')}
            >
              ${tb('bk.cardButton')}
            </button>
            <drawer-panel></drawer-panel>
          </div>
          ${c.canSetAside ? html`<p class="hint" data-set-aside-hint>${tp('pay.setAsideHint')}</p>` : ''} ${this.renderTray()}
          ${c.notice ? html`<p class="hint" role="status" data-notice>${c.notice}</p>` : ''}
          <sandbox-pay-panel></sandbox-pay-panel>
        </section>
      </div>`;
  }
}

/** A dynamic import started once and shared. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

declare global {
  interface HTMLElementTagNameMap {
    'checkout-screen': CheckoutScreen;
  }
}
