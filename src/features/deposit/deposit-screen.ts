import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import type { Fen } from '@cpay/protocol';
import { customElement } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import './deposit-card.js';
import './deposit-open-list.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { formatFen } from '../../kernel/money.js';
import type { DepositView } from './deposit-events.js';
import { settleRefusalText, td } from '../../i18n/deposit.js';
import { QR_DEPOSIT_TTL_MS, QR_EXPIRED } from './deposit-qr.js';
import { DepositController, type DeskField } from './deposit-controller.js';
import type { CustomerDisplay, CustomerView } from '../pay/checkout-customer-display.js';
import { openCustomerWindow } from '../pay/checkout-customer-window.js';
import { tc } from '../../i18n/customer.js';
import { afterPaint } from '../../ui/after-paint.js';

const NAME_OF: Record<DeskField, string> = { amount: 'amount', code: 'code', lookup: 'no', used: 'used' };
const FIELD_OF: Record<string, DeskField> = { amount: 'amount', code: 'code', no: 'lookup', used: 'used' };

const field = (form: EventTarget | null, name: string): string => {
  const el = form instanceof HTMLFormElement ? form.elements.namedItem(name) : null;
  return el instanceof HTMLInputElement ? el.value : '';
};

/** cpay's own words when it gave some (Chinese from cpay); our internal English detail never reaches the cashier. */
function shopDetail(description: string, fallback: string): string {
  return /[\u4e00-\u9fff]/.test(description) && !/[A-Za-z]{3,}/.test(description) ? description : fallback;
}

/** Why a deposit was not frozen, in shop language. */
function takeFailureText(reason: string, description: string): string {
  if (reason === 'not_sent' || reason === 'never_arrived') return td('deposit.fail.not_sent');
  if (description === QR_EXPIRED) return td('deposit.qr.expired');
  return shopDetail(description, td('deposit.fail.generic'));
}

/** The "take deposit" status line: text, tone and a data hook for tests. */
function takeLine(v: DepositView): { text: string; tone: string; kind: string } | undefined {
  const t = v.take;
  if (t.phase === 'idle') return undefined;
  if (t.phase !== 'done')
    return {
      text: t.codeUrl
        ? td('deposit.qr.validity', { minutes: QR_DEPOSIT_TTL_MS / 60_000 })
        : t.userPaying
          ? td('deposit.take.password')
          : td(t.phase === 'submitting' ? 'deposit.take.submitting' : 'deposit.take.polling', { no: t.outFreezeNo }),
      tone: 'warn',
      kind: t.phase,
    };
  const r = t.result;
  if (r.outcome === 'frozen') return { text: td('deposit.take.frozen', { amount: formatFen(r.amount), no: r.outFreezeNo }), tone: 'ok', kind: 'frozen' };
  if (r.outcome === 'failed') return { text: td('deposit.take.failed', { detail: takeFailureText(r.reason, r.description) }), tone: 'bad', kind: 'failed' };
  return { text: td('deposit.take.unknown', { detail: td('deposit.unknown.generic') }), tone: 'warn', kind: r.outcome };
}

/** The settlement status line. */
function settleLine(v: DepositView): { text: string; tone: string; kind: string } | undefined {
  const s = v.settle;
  if (s.phase === 'settling') return { text: td('deposit.settle.busy', { no: s.record?.outFreezeNo ?? '' }), tone: 'warn', kind: 'settling' };
  const r = s.result;
  if (!r) return undefined;
  if (r.outcome === 'settled')
    return { text: td('deposit.settle.done', { consumed: formatFen(r.consumed), released: formatFen(r.released) }), tone: 'ok', kind: 'settled' };
  if (r.outcome === 'refused') {
    const f = r.refusal;
    const text =
      f.kind !== 'server'
        ? settleRefusalText(f)
        : f.description.startsWith('nothing was sent')
          ? td('deposit.refusal.not_sent')
          : settleRefusalText({ kind: 'server', description: shopDetail(f.description, td('deposit.fail.generic')) });
    return { text, tone: 'bad', kind: `refused:${f.kind}` };
  }
  return { text: td('deposit.settle.unknown', { detail: td('deposit.unknown.generic') }), tone: 'warn', kind: 'unknown' };
}

/** What the customer display shows for the desk (a deposit by QR: the QR to scan, then the outcome). */
function depositCustomerView(v: DepositView, qr: { readonly codeUrl: string; readonly amount: Fen } | undefined): { view: CustomerView; phase: string } {
  const t = v.take;
  const label = tc('customer.deposit.label');
  if (qr)
    return {
      view: { welcome: false, label, amount: `¥${formatFen(qr.amount)}`, qr: qr.codeUrl, text: tc('customer.deposit.scanQr'), tone: 'info' },
      phase: 'deposit_qr',
    };
  if (t.phase === 'submitting' || t.phase === 'polling')
    return {
      view: { welcome: false, label, amount: t.amount ? `¥${formatFen(t.amount)}` : '', text: tc('customer.deposit.paying'), tone: 'info' },
      phase: 'deposit_waiting',
    };
  if (t.phase === 'done' && t.result.outcome !== 'unknown') {
    const frozen = t.result.outcome === 'frozen';
    const text = tc(frozen ? 'customer.deposit.frozen' : 'customer.deposit.failed');
    return {
      view: { welcome: false, label, amount: `¥${formatFen(t.result.amount)}`, text, tone: frozen ? 'ok' : 'bad' },
      phase: `deposit_${t.result.outcome}`,
    };
  }
  return { view: { welcome: true, amount: '', text: tc('customer.welcomeHint'), tone: 'info' }, phase: 'welcome' };
}

/**
 * Deposits (spec §7.10): "Take deposit" (amount + scanned customer code) and "Settle deposit"
 * (scan the deposit receipt → frozen amount and state → amount used, the rest released, or a
 * full release), with the open deposits listed. Binds DepositController; renders only.
 */
@customElement('deposit-screen')
export class DepositScreen extends LitElement {
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
        grid-template-columns: repeat(auto-fit, minmax(min(300px, 100%), 1fr));
        gap: 24px;
        align-items: start;
      }
      .layout > * {
        min-width: 0;
      }
      input {
        width: 100%;
      }
      form {
        display: grid;
        gap: 12px;
        margin-bottom: 12px;
      }
      label {
        display: grid;
        gap: 4px;
        font-weight: 600;
      }
      .ok {
        color: var(--ok);
        font-weight: 700;
      }
      .warn {
        color: var(--warn);
        font-weight: 700;
      }
      .bad {
        color: var(--bad);
        font-weight: 700;
      }
      .qr-panel {
        display: grid;
        justify-items: center;
        gap: 8px;
        text-align: center;
      }
      .qr-head {
        font-weight: 700;
        margin: 0;
      }
      .qr-amount {
        font-size: 2.5rem;
        font-weight: 800;
        margin: 0;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  private readonly deposits = new DepositController(this, () => this.services, {
    value: (f) => this.input(f)?.value ?? '',
    set: (f, v) => {
      const el = this.input(f);
      if (el) el.value = v;
    },
    focus: (f) => {
      void this.updateComplete.then(() => this.input(f)?.focus());
    },
    focused: () => {
      const el = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
      return el instanceof HTMLInputElement ? (FIELD_OF[el.name] ?? undefined) : undefined;
    },
  });

  /** The customer display (顾客屏), opened from the desk's button; its module loads on the first click. */
  private display: CustomerDisplay | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The camera button (scan with the tablet's camera) loads after the desk has painted (issue 21).
    afterPaint(() => void import('../devices/camera-button.js'));
  }

  override disconnectedCallback(): void {
    this.display?.close();
    super.disconnectedCallback();
  }

  private openDisplay(): void {
    // The popup opens within the click (browsers allow it only there); the display fills it once its module is here.
    const win = this.display?.isOpen ? null : openCustomerWindow();
    void import('../pay/checkout-customer-display.js').then(({ CustomerDisplay }) => {
      this.display ??= new CustomerDisplay();
      if (this.display.open(win)) this.requestUpdate();
    });
  }

  protected override updated(): void {
    if (!this.display?.isOpen) return;
    const c = depositCustomerView(this.deposits.view, this.qrShown(this.deposits.view));
    this.display.show(c.view, c.phase);
  }

  private input(f: DeskField): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`input[name=${NAME_OF[f]}]`);
  }

  /** The QR element is loaded only when a QR deposit shows one. */
  protected override willUpdate(): void {
    const t = this.deposits.view.take;
    if (t.phase !== 'idle' && t.phase !== 'done' && t.codeUrl) void import('../../ui/qr-code.js');
  }

  /** On arrival the amount field has the focus: what the cashier (or a scanner) types lands there. */
  protected override firstUpdated(): void {
    this.input('amount')?.focus();
  }

  /** Enter in the amount field: handled after the keydown, so a scanner's burst is taken by the scan hub first. */
  private onAmountKey(e: KeyboardEvent): void {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    setTimeout(() => this.deposits.amountEntered(), 0);
  }

  private renderTake(v: DepositView) {
    const line = takeLine(v);
    return html`<section>
      <h2>${td('deposit.take.title')}</h2>
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          this.deposits.take(field(e.target, 'amount'), field(e.target, 'code'));
        }}
      >
        <p class="hint">${td('deposit.take.hint')}</p>
        <label
          >${td('deposit.take.amount')}<input
            name="amount"
            inputmode="decimal"
            autocomplete="off"
            data-deposit-amount-input
            @keydown=${(e: KeyboardEvent) => this.onAmountKey(e)}
        /></label>
        <label>${td('deposit.take.code')}<input name="code" inputmode="numeric" autocomplete="off" data-deposit-code-input /></label>
        <button type="submit">${td('deposit.take.go')}</button>
        <camera-scan-button></camera-scan-button>
        <button type="button" class="secondary" data-deposit-qr-go @click=${() => this.deposits.takeQr(this.input('amount')?.value ?? '')}>
          ${td('deposit.qr.go')}
        </button>
        <button type="button" class="secondary" data-deposit-customer-display @click=${() => this.openDisplay()}>${tc('customer.title')}</button>
      </form>
      ${this.renderQr(v)} ${line ? html`<p class=${line.tone} role="status" aria-live="polite" data-take-status=${line.kind}>${line.text}</p>` : ''}
    </section>`;
  }

  /**
   * A QR deposit waiting for the customer: the QR, large, with the amount (as the checkout's
   * scan-code panel). Also one taken up after a reload (journaled QR, not yet expired) while this
   * screen takes no other deposit.
   */
  private qrShown(v: DepositView): { codeUrl: string; amount: Fen; recovered: boolean } | undefined {
    const t = v.take;
    const live = t.phase !== 'idle' && t.phase !== 'done' && t.codeUrl ? { codeUrl: t.codeUrl, amount: t.amount ?? (0 as Fen), recovered: false } : undefined;
    const r = this.deposits.recoveredQr;
    const idle = t.phase === 'idle' || t.phase === 'done';
    return (
      live ??
      (idle && r?.codeUrl && (r.qrExpiresAt ?? 0) > this.services.clock.serverNow() ? { codeUrl: r.codeUrl, amount: r.amount, recovered: true } : undefined)
    );
  }

  private renderQr(v: DepositView) {
    const shown = this.qrShown(v);
    if (!shown) return '';
    void import('../../ui/qr-code.js');
    return html`<div class="qr-panel" data-deposit-qr-panel data-deposit-qr-recovered=${shown.recovered ? 'true' : 'false'}>
      <p class="qr-head">${td('deposit.qr.show')}</p>
      <p class="qr-amount" data-deposit-qr-amount>${td('deposit.qr.amount', { amount: formatFen(shown.amount) })}</p>
      <qr-code .text=${shown.codeUrl} .label=${td('deposit.qr.show')} data-deposit-qr></qr-code>
    </div>`;
  }

  private renderSettle(v: DepositView) {
    const line = settleLine(v);
    const record = v.settle.record;
    return html`<section>
      <h2>${td('deposit.settle.title')}</h2>
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          this.deposits.lookup(field(e.target, 'no'));
        }}
      >
        <label>${td('deposit.settle.lookup')}<input name="no" autocomplete="off" inputmode="numeric" data-settle-lookup /></label>
        <button type="submit" class="secondary">${td('deposit.settle.find')}</button>
        <camera-scan-button></camera-scan-button>
      </form>
      <deposit-card .record=${record} .server=${v.settle.server}></deposit-card>
      ${
        record?.status === 'frozen' // only a frozen deposit can be settled: once settled or released its buttons go
          ? html`<form
              @submit=${(e: Event) => {
                e.preventDefault();
                this.deposits.settle(field(e.target, 'used'));
              }}
            >
              <label>${td('deposit.settle.used')}<input name="used" inputmode="decimal" autocomplete="off" data-settle-used /></label>
              <button type="submit" data-settle-go>${td('deposit.settle.consume')}</button>
              <button type="button" class="secondary" data-settle-release @click=${() => this.deposits.settle('0')}>${td('deposit.settle.unfreeze')}</button>
            </form>`
          : ''
      }
      ${line ? html`<p class=${line.tone} role="status" aria-live="polite" data-settle-status=${line.kind}>${line.text}</p>` : ''}
    </section>`;
  }

  override render() {
    const v = this.deposits.view;
    if (!this.services.deposits) return html`<p role="alert">${td('deposit.unavailable')}</p>`;
    return html`<h1>${td('deposit.title')}</h1>
      ${this.deposits.inputError ? html`<p class="error" role="alert" data-deposit-error>${this.deposits.inputError}</p>` : ''}
      <div class="layout">
        ${this.renderTake(v)}${this.renderSettle(v)}
        <deposit-open-list
          .deposits=${v.open}
          @deposit-open=${(e: CustomEvent<{ outFreezeNo: string }>) => this.deposits.lookup(e.detail.outFreezeNo)}
        ></deposit-open-list>
      </div>
      ${this.deposits.spoken ? html`<p class="hint" data-deposit-spoken>${this.deposits.spoken}</p>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'deposit-screen': DepositScreen;
  }
}
