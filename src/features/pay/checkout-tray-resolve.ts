/**
 * "手动确认…" on an order of the 待确认 tray that recovery cannot settle (issue 14): a deliberate,
 * confirmed step. cpay's truth comes first: the order is queried at once and an answer with a
 * state settles it as usual, whatever the cashier chose; only when none comes within
 * RESOLVE_QUERY_MS is the cashier's verdict (after checking the merchant console or the customer's
 * payment record) recorded through the app's recovery (AppServices.recovery).resolve(): journaled as the cashier's,
 * announced and reported. Nothing is cancelled at cpay. Loaded only when the tray shows such an
 * order (not needed to key a sale).
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

declare global {
  interface HTMLElementTagNameMap {
    'tray-resolve': TrayResolve;
  }
}
