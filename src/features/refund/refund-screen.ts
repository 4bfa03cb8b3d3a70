import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import './refund-form.js';
import { methodLabel } from './refund-order-card.js';
import { refundNeedsManager, type StaffMember } from '../staff/staff.js';
import type { PinCheck } from '../staff/staff-service.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { formatFen } from '../../kernel/money.js';
import { checkRefundAmount, defaultRefundText } from './refund-amount.js';
import type { RefundOrderView } from './refund-events.js';
import { refundStatusLine } from './refund-status.js';
import { tr, refusalText } from '../../i18n/refund.js';
import { RefundController } from './refund-controller.js';
import { WedgeTakeBack } from './refund-scans.js';
import { deepActiveElement } from '../deposit/deposit-scans.js';
import type { AfterSaleServices } from './refund-services.js';

/**
 * Refund (spec §10.4, §10.5, §13): scan the receipt's order barcode or type the number; the
 * order shows with what is refundable; the amount is pre-filled and may be lowered; the manager
 * PIN when one is configured. "Accepted" and "refunded" are different lines. A keyboard-wedge
 * scan into the focused lookup field is that field's (its Enter looks it up); with any other
 * focus it is taken back (refund-scans.ts) and opens the order. Binds RefundController; renders only.
 */
@customElement('refund-screen')
export class RefundScreen extends LitElement {
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
        grid-template-columns: minmax(280px, 460px) minmax(0, 1fr);
        gap: 24px;
        align-items: start;
      }
      @media (max-width: 760px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      form {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
        align-items: end;
        margin-bottom: 16px;
      }
      label {
        display: grid;
        gap: 4px;
        font-weight: 600;
        flex: 1;
        min-width: min(240px, 100%);
      }
      input {
        width: 100%;
      }
      .layout > * {
        min-width: 0;
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
      .confirm {
        border: 2px solid var(--bad);
        margin-top: 12px;
        box-sizing: border-box;
        max-width: 100%;
      }
      .confirm dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 6px 16px;
        margin: 0 0 12px;
      }
      .confirm dt {
        color: var(--muted);
      }
      .confirm dd {
        margin: 0;
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .confirm dd.amount {
        font-size: 1.6rem;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices & { readonly afterSale: AfterSaleServices };
  private readonly wedge = new WedgeTakeBack(this, document);
  private readonly refund = new RefundController(this, () => this.services, {
    lookupFocused: () => {
      const field = this.renderRoot.querySelector('[data-refund-lookup]');
      return field !== null && deepActiveElement(document) === field;
    },
    takeBack: (scan) => this.wedge.takeBack(scan),
  });
  /** A confirmed refund above the cashier limit, waiting for a manager's code and PIN. */
  @state() private authorizing: { readonly outTradeNo: string; readonly amountText: string; readonly fen: number; readonly pin: string } | undefined;
  /** A refund the cashier asked for, waiting for the confirmation step (amount, platform and order stated). */
  @state() private pending: { readonly outTradeNo: string; readonly amountText: string; readonly fen: number; readonly pin: string } | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void import('../devices/camera-button.js'); // not in the first screen's bundle: <camera-scan-button> upgrades when it arrives
  }

  /**
   * On arrival the order-number field has the focus (a tap on 退款 leaves it nowhere, and
   * `autofocus` works once per page): an order number typed or scanned lands there.
   */
  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('[data-refund-lookup]')?.focus();
  }

  /** The order number of the last lookup from the field, as typed (trimmed). */
  private lookedUp = '';
  /** Enter pressed again on a card cpay had not confirmed yet: its number; the amount gets the focus once cpay confirms. */
  private amountOnConfirm = '';

  protected override updated(): void {
    const want = this.amountOnConfirm;
    if (!want) return;
    const s = this.refund.state;
    if (s.order?.outTradeNo === want && s.order.provisional && !s.lookupError) return; // still waiting for cpay
    this.amountOnConfirm = '';
    if (s.order?.outTradeNo !== want || s.lookupError) return; // cpay could not confirm it, or another order now
    const form = this.renderRoot.querySelector('refund-form');
    void form?.updateComplete.then(() => form.focusAmount());
  }

  private onLookup(e: Event): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('otn');
    if (!(input instanceof HTMLInputElement)) return;
    // Enter again on the number just found moves on to the amount (decision 0015's Enter rhythm);
    // a changed number, or one whose lookup failed, is looked up (again).
    const s = this.refund.state;
    const text = input.value.trim();
    const form = this.renderRoot.querySelector('refund-form');
    if (text !== '' && text === this.lookedUp && s.order && !s.lookingUp && !s.lookupError && form) {
      form.focusAmount();
      return;
    }
    // The same number again while its card is still provisional: its lookup is running, cpay is not asked
    // twice; the Enter is kept, and moves on to the amount once cpay confirms the order.
    if (text !== '' && text === this.lookedUp && s.order?.outTradeNo === text && s.order.provisional) {
      this.amountOnConfirm = text;
      return;
    }
    this.amountOnConfirm = '';
    this.lookedUp = text;
    this.refund.lookup(input.value);
    // Selected, so the next receipt scanned (or typed) into the still-focused field replaces it.
    input.select();
  }

  /**
   * The form asks for a refund: an amount that passes is stated back (amount, platform, order) and
   * waits for 确认退款; one that does not goes to the flow, which refuses it with its message.
   */
  private onSubmit(order: RefundOrderView, amountText: string, pin: string): void {
    if (order.provisional) return; // cpay has not confirmed the order yet (the form is disabled meanwhile)
    const check = checkRefundAmount(amountText, order.refundable ? order.totals.refundable : (0 as typeof order.total));
    if (!check.ok) {
      this.pending = undefined;
      this.refund.refund(amountText, pin);
      return;
    }
    this.pending = { outTradeNo: order.outTradeNo, amountText, fen: check.amount, pin };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('[data-refund-confirm]')?.focus());
  }

  private confirm(): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p || p.outTradeNo !== this.refund.state.order?.outTradeNo) return;
    // Above the cashier limit a cashier's refund needs a manager's code and PIN, asked in place.
    const staff = this.services.staff;
    if (staff && refundNeedsManager(staff.current, p.fen, this.refund.cashierLimitFen)) {
      void import('../staff/staff-authorize.js'); // the manager PIN dialog: its own chunk, loaded when the limit asks for it
      this.authorizing = p;
      return;
    }
    this.refund.refund(p.amountText, p.pin);
  }

  private onAuthorized(manager: StaffMember): void {
    const p = this.authorizing;
    this.authorizing = undefined;
    if (p && p.outTradeNo === this.refund.state.order?.outTradeNo) this.refund.refund(p.amountText, p.pin, manager);
  }

  private renderAuthorize(order: RefundOrderView) {
    const p = this.authorizing;
    if (!p || p.outTradeNo !== order.outTradeNo || this.refund.state.busy) return '';
    return html`<staff-authorize
      data-refund-authorize
      .reason=${tr('refund.auth.manager', { amount: formatFen(p.fen as typeof order.total), limit: formatFen(this.refund.cashierLimitFen as typeof order.total) })}
      @staff-pin-ok=${(e: CustomEvent<PinCheck>) => e.detail.ok && this.onAuthorized(e.detail.staff)}
      @staff-pin-cancel=${() => {
        this.authorizing = undefined;
      }}
    ></staff-authorize>`;
  }

  private renderConfirm(order: RefundOrderView) {
    const p = this.pending;
    if (!p || p.outTradeNo !== order.outTradeNo || this.refund.state.busy) return '';
    return html`<section
      class="panel confirm"
      role="alertdialog"
      aria-labelledby="refund-confirm-title"
      aria-describedby="refund-confirm-note"
      data-refund-confirmation
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          this.pending = undefined;
        }
      }}
    >
      <h2 id="refund-confirm-title">${tr('refund.confirm.title')}</h2>
      <dl>
        <dt>${tr('refund.confirm.amount')}</dt>
        <dd class="amount" data-confirm-amount>¥${formatFen(p.fen as typeof order.total)}</dd>
        <dt>${tr('refund.confirm.platform')}</dt>
        <dd data-confirm-platform>${methodLabel(order)}</dd>
        <dt>${tr('refund.confirm.order')}</dt>
        <dd data-confirm-order>${order.outTradeNo}</dd>
      </dl>
      <p class="hint" id="refund-confirm-note">
        ${tr(order.subPayPlatform === 402 ? 'refund.confirm.noteCash' : order.subPayPlatform === 401 ? 'refund.confirm.noteCard' : 'refund.confirm.note')}
      </p>
      <div class="row">
        <button type="button" class="danger" data-refund-confirm @click=${() => this.confirm()}>${tr('refund.confirm.go')}</button>
        <button
          type="button"
          class="secondary"
          data-refund-back
          @click=${() => {
            this.pending = undefined;
          }}
        >
          ${tr('refund.confirm.back')}
        </button>
      </div>
    </section>`;
  }

  private renderForm(order: RefundOrderView | undefined) {
    if (!order) return '';
    const s = this.refund.state;
    // This terminal's record, painted before cpay answered: the form is there but closed until cpay confirms (issue 21).
    if (order.provisional)
      return html`<refund-form .amount=${defaultRefundText(order.totals.refundable)} ?pinRequired=${this.refund.pinRequired} busy></refund-form>
        <p class="hint" role="status" data-refund-confirming>${tr('refund.order.confirming')}</p>`;
    // Offered only when something is refundable (refund-lookup's `refundable`: paid, money left, accepted by the platform).
    if (!order.refundable) {
      return html`<p class="hint" data-not-refundable>${tr('refund.notRefundable', { display: tr(`refund.display.${order.display}`) })}</p>
        ${s.refusal ? html`<p class="error" role="alert" data-refund-message>${refusalText(s.refusal)}</p>` : ''}`;
    }
    return html`<refund-form
        .amount=${defaultRefundText(order.totals.refundable)}
        ?pinRequired=${this.refund.pinRequired}
        ?busy=${s.busy}
        .message=${s.refusal ? refusalText(s.refusal) : ''}
        @refund-submit=${(e: CustomEvent<{ amountText: string; pin: string }>) => this.onSubmit(order, e.detail.amountText, e.detail.pin)}
      ></refund-form>
      ${this.renderConfirm(order)} ${this.renderAuthorize(order)}`;
  }

  override render() {
    const s = this.refund.state;
    const status = refundStatusLine(s);
    return html`<h1>${tr('refund.title')}</h1>
      <form @submit=${(e: Event) => this.onLookup(e)}>
        <label
          >${tr('refund.lookup.label')}<input
            name="otn"
            autocomplete="off"
            inputmode="numeric"
            autofocus
            data-refund-lookup
            @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
        /></label>
        <button type="submit" class="secondary">${tr('refund.lookup.go')}</button>
        <camera-scan-button></camera-scan-button>
      </form>
      ${s.lookingUp && !s.order?.provisional ? html`<p class="hint" role="status">${tr('refund.lookup.busy', { otn: s.lookingUp })}</p>` : ''}
      ${
        s.lookupError
          ? html`<p class="error" role="alert" data-lookup-error=${s.lookupReason ?? ''}>
              ${s.lookupReason === 'not_found' ? tr('refund.lookup.notFound') : tr('refund.lookup.failed', { detail: s.lookupError })}
            </p>`
          : ''
      }
      <div class="layout">
        <refund-order-card .order=${s.order}></refund-order-card>
        <div>
          ${this.renderForm(s.order)}
          ${status ? html`<p class=${status.tone} role="status" aria-live="polite" data-refund-status=${status.kind}>${status.text}</p>` : ''}
        </div>
      </div> `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'refund-screen': RefundScreen;
  }
}
