/**
 * The 待确认 tray's list (<checkout-tray>) and, on each of its orders,
 * "手动确认…" on an order of the 待确认 tray that recovery cannot settle (issue 14): a deliberate,
 * confirmed step. cpay's truth comes first: the order is queried at once and an answer with a
 * state settles it as usual, whatever the cashier chose; only when none comes within
 * RESOLVE_QUERY_MS is the cashier's verdict (after checking the merchant console or the customer's
 * payment record) recorded through the app's recovery (AppServices.recovery).resolve(): journaled as the cashier's,
 * announced and reported. Nothing is cancelled at cpay. Loaded after the checkout has painted, or
 * when the tray first has an order (not needed to key a sale; issue 21, seventh round: out of the
 * checkout's first-screen bundle).
 */
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { filter, map, race, take, timer } from 'rxjs';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { formatFen } from '../../kernel/money.js';
import type { Fen } from '@cpay/protocol';
import { tres } from '../../i18n/resolve.js';
import { tp } from '../../i18n/pay.js';
import type { TrayEntry } from '../recovery/pending-tray.js';
import { failedDetail, platformName } from './pay-status-view.js';

/** How long cpay is given to answer the query the cashier's verdict waits for. */
export const RESOLVE_QUERY_MS = 8_000;

@customElement('tray-resolve')
export class TrayResolve extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .step {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .step p {
        flex-basis: 100%;
        margin: 4px 0;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @property() outTradeNo = '';
  @property({ attribute: false }) amount = 0 as Fen;
  @state() private step: 'button' | 'ask' | 'querying' = 'button';

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Queries cpay, then records the verdict unless cpay answered (or the order settled otherwise). */
  private choose(paid: boolean): void {
    const no = this.outTradeNo;
    const recovery = this.services.recovery;
    const tray = this.services.tray;
    this.step = 'querying';
    const fromCpay$ = recovery.settled$.pipe(
      filter((e) => e.result.outTradeNo === no),
      map(() => 'cpay' as const),
    );
    race(fromCpay$, timer(RESOLVE_QUERY_MS).pipe(map(() => 'none' as const)))
      .pipe(take(1))
      .subscribe((answer) => {
        const open = tray.entries.some((e) => e.outTradeNo === no && e.status === 'waiting');
        if (answer === 'none' && open) recovery.resolve(no, paid, tres('resolve.note', { time: new Date().toTimeString().slice(0, 8) }));
        this.step = 'button';
      });
    recovery.watch(no); // taken up if nothing reconciles it now
    recovery.queryNow(no);
  }

  override render() {
    if (this.step === 'querying') return html`<span class="hint" role="status" data-tray-resolving>${tres('resolve.querying')}</span>`;
    if (this.step === 'button')
      return html`<button type="button" class="secondary" data-tray-resolve @click=${() => (this.step = 'ask')}>${tres('resolve.button')}</button>`;
    return html`<div class="step" role="group" aria-label=${tres('resolve.button')} data-tray-resolve-step>
      <p class="hint">${tres('resolve.prompt', { amount: formatFen(this.amount) })}</p>
      <button type="button" class="secondary" data-resolve="paid" @click=${() => this.choose(true)}>${tres('resolve.paid')}</button>
      <button type="button" class="secondary" data-resolve="not_paid" @click=${() => this.choose(false)}>${tres('resolve.notPaid')}</button>
      <button type="button" class="secondary" data-resolve="cancel" @click=${() => (this.step = 'button')}>${tres('resolve.cancel')}</button>
    </div>`;
  }
}

/**
 * The 待确认 tray: the orders set aside or recovered, each with its state, 知道了 once settled and
 * 手动确认… while recovery cannot settle it. Light DOM: the checkout's `.tray` styles apply.
 * @fires tray-dismiss - detail: the order number the cashier acknowledged
 */
@customElement('checkout-tray')
export class CheckoutTray extends LitElement {
  @property({ attribute: false }) entries: readonly TrayEntry[] = [];

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private statusText(e: TrayEntry): string {
    if (e.result)
      return e.result.outcome === 'success'
        ? tp('pay.success', { platform: platformName(e.result.platform), amount: formatFen(e.result.amount) })
        : `${tp('pay.failed', { amount: formatFen(e.result.amount) })} ${failedDetail(e.result)}`;
    if (e.unknown) return tp('pay.tray.unknown');
    if (e.recovered) return tp('pay.tray.recovered');
    return tp(e.userPaying ? 'pay.tray.password' : 'pay.tray.waiting');
  }

  override render() {
    const entries = this.entries;
    if (entries.length === 0) return '';
    const dismiss = (no: string) => this.dispatchEvent(new CustomEvent<string>('tray-dismiss', { detail: no }));
    return html`<section class="panel tray" aria-labelledby="tray-title" data-tray>
      <h2 id="tray-title">${tp('pay.tray.title')} (${entries.filter((e) => e.status === 'waiting').length})</h2>
      <ul>
        ${entries.map(
          (e) =>
            html`<li data-tray-entry=${e.outTradeNo} data-tray-status=${e.status} data-tray-outcome=${e.result?.outcome ?? ''}>
              <span class="tray-amount">¥${formatFen(e.amount)}</span>
              <span class=${e.result ? (e.result.outcome === 'success' ? 'ok' : 'bad') : 'hint'}>${this.statusText(e)}</span>
              <span class="hint order">${tp('pay.orderNo', { no: e.outTradeNo })}</span>
              ${e.status === 'settled' ? html`<button type="button" class="secondary" data-tray-dismiss @click=${() => dismiss(e.outTradeNo)}>${tp('pay.tray.dismiss')}</button>` : ''}
              ${e.status === 'waiting' && (e.unknown || e.recovered) ? html`<tray-resolve .outTradeNo=${e.outTradeNo} .amount=${e.amount}></tray-resolve>` : ''}
            </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tray-resolve': TrayResolve;
    'checkout-tray': CheckoutTray;
  }
}
