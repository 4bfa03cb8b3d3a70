import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { firstValueFrom, type Observable } from 'rxjs';
import type { Fen } from '@cpay/protocol';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { formatCst } from '../../kernel/china-time.js';
import { formatFen, formatSignedFen, parseYuan } from '../../kernel/money.js';
import { handoverReceipt, denominationText } from '../../kernel/receipt-handover.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { getLocale } from '../../i18n/index.js';
import { ts } from '../../i18n/shift.js';
import { loadDepositSummary } from '../deposit/deposit-summary-flow.js';
import type { DepositSummary } from '../deposit/deposit-summary.js';
import { loadShiftFigures, type ShiftFiguresDeps } from './shift-flow.js';
import { handoverOf } from './shift-receipt.js';
import {
  DENOMINATIONS,
  closeWith,
  countedFen,
  differenceKind,
  netOf,
  parsePieces,
  type Cashier,
  type CashCount,
  type Denomination,
  type MethodLine,
  type ShiftClose,
  type ShiftFigures,
  type ShiftRecord,
} from './shift.js';

const y = (fen: number) => formatSignedFen(fen);

/** The difference in words: 长款 ¥1.00 / 短款 ¥0.50 / 平账. */
export function differenceWords(d: number): string {
  const k = differenceKind(d);
  return k === 'even' ? ts('shift.diff.even') : ts(`shift.diff.${k}`, { amount: formatFen(Math.abs(d) as Fen) });
}

/**
 * Shift handover (交接班, issue 20) on the summary screen: open a shift with a float; while it is
 * open, its figures per method (cpay's for WeChat, Alipay and member card; the local books' for
 * cash and card) and the cash the drawer should hold; close it with a count by denomination
 * (keyboard first: digits, Enter to the next denomination, Enter on the last to the confirm
 * button), the difference shown as over/short while typing; the close is kept and printed, and
 * the next shift starts from zero. Fires `shift-changed` when a shift opens or closes.
 */
@customElement('shift-panel')
export class ShiftPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin-top: 8px;
        max-width: 100%;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 6px 12px;
        border-bottom: 1px solid var(--line);
        text-align: right;
      }
      th:first-child,
      td:first-child {
        text-align: left;
      }
      tfoot td,
      .strong {
        font-weight: 700;
      }
      .cash {
        margin-top: 12px;
      }
      .count {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: 8px 16px;
        margin: 12px 0;
      }
      .count label {
        display: flex;
        flex-direction: column;
        gap: 4px;
        font-weight: 600;
      }
      .count input {
        width: 100%;
        font-variant-numeric: tabular-nums;
      }
      .diff {
        font-size: 1.4rem;
        font-weight: 700;
      }
      .diff[data-kind='over'] {
        color: var(--warn);
      }
      .diff[data-kind='short'] {
        color: var(--bad);
      }
      .diff[data-kind='even'] {
        color: var(--ok);
      }
      form.open {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: end;
      }
      form.open label {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      @media print {
        button,
        form {
          display: none;
        }
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private shift: ShiftRecord | undefined;
  @state() private figures: ShiftFigures | undefined;
  @state() private loading = false;
  @state() private counting = false;
  @state() private counts: Readonly<Partial<Record<Denomination, string>>> = {};
  @state() private floatText = '';
  @state() private floatError = '';
  @state() private message: { readonly tone: 'ok' | 'error'; readonly text: string } | undefined;
  @state() private busy = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get openShift(): ShiftRecord | undefined {
    return this.shift && this.shift.endedAt === undefined ? this.shift : undefined;
  }

  /** The cashier now signed in. staff: the signed-in staff member (staffId/staffName) plugs in here. */
  private cashier(): Cashier | undefined {
    const b = this.services.binding.value;
    if (!b?.staffName) return undefined;
    return { staffName: b.staffName, ...(b.staffId ? { staffId: b.staffId } : {}) };
  }

  /**
   * The composition root's ports: its summary ports WITHOUT their local totals (the summary screen
   * merges the books into cpay's figures; the handover counts the books itself, from the same
   * one reader, so merged they would count twice), its deposit-summary ports and the local books.
   */
  private deps(): ShiftFiguresDeps {
    const s = this.services;
    const { bookkeeping: _mergedBooks, ...summary } = s.flowDeps.summary;
    // The local books: the composition root's one reader (history and summary read the same); absent: none counted.
    const books = s.bookkeeping ?? { journal: async () => [], refunds: async () => [], entry: async () => undefined };
    const ds = s.flowDeps.depositSummary;
    const deposits = ds ? (w: { fromMs: number; toMs: number }): Observable<DepositSummary> => loadDepositSummary(w, ds) : undefined;
    return { ...summary, books, ...(deposits ? { deposits } : {}) };
  }

  /** Reads the current shift and, while one is open, its figures. */
  async load(): Promise<void> {
    this.shift = await this.services.afterSale.shifts.current().catch(() => undefined);
    const open = this.openShift;
    if (!open) {
      this.figures = undefined;
      return;
    }
    this.loading = true;
    try {
      this.figures = await this.figuresUntil(open, this.services.clock.serverNow());
    } finally {
      this.loading = false;
    }
  }

  private async figuresUntil(open: ShiftRecord, toMs: number): Promise<ShiftFigures> {
    return firstValueFrom(loadShiftFigures({ fromMs: open.startedAt, toMs: Math.max(toMs, open.startedAt + 1), floatFen: open.floatFen }, this.deps()));
  }

  private async openShiftWithFloat(ev: Event): Promise<void> {
    ev.preventDefault();
    const text = this.floatText.trim();
    let floatFen = 0;
    if (text !== '' && !/^0*(\.0*)?$/.test(text)) {
      const p = parseYuan(text, 100_000_000 as Fen);
      if (!p.ok) {
        this.floatError = ts('shift.float.bad');
        return;
      }
      floatFen = p.fen;
    }
    this.floatError = '';
    this.busy = true;
    try {
      this.shift = await this.services.afterSale.shifts.open(this.services.clock.serverNow(), floatFen, this.cashier());
      this.floatText = '';
      this.message = undefined;
      this.changed();
      await this.load();
    } catch (e) {
      this.message = { tone: 'error', text: ts('shift.failed', { detail: e instanceof Error ? e.message : String(e) }) };
    } finally {
      this.busy = false;
    }
  }

  private startCount(): void {
    this.counting = true;
    this.counts = {};
    this.message = undefined;
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    // The count form just opened: the first denomination takes the focus (keyboard first).
    if (changed.has('counting') && this.counting) this.renderRoot.querySelector<HTMLInputElement>('input[data-denomination]')?.focus();
  }

  /** The count typed so far, or the first denomination that does not parse. */
  private parsedCount(): { readonly ok: true; readonly count: CashCount } | { readonly ok: false; readonly denomination: Denomination } {
    const count: Partial<Record<Denomination, number>> = {};
    for (const d of DENOMINATIONS) {
      const p = parsePieces(this.counts[d] ?? '');
      if (!p.ok) return { ok: false, denomination: d };
      count[d] = p.pieces;
    }
    return { ok: true, count };
  }

  private onCountKey(ev: KeyboardEvent, i: number): void {
    if (ev.key === 'Escape') {
      this.counting = false;
      return;
    }
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const next = this.renderRoot.querySelectorAll<HTMLInputElement>('input[data-denomination]')[i + 1];
    if (next) next.focus();
    else this.renderRoot.querySelector<HTMLButtonElement>('[data-shift-confirm]')?.focus();
  }

  private async confirmClose(): Promise<void> {
    const open = this.openShift;
    const parsed = this.parsedCount();
    if (!open || !parsed.ok || this.busy) return;
    this.busy = true;
    this.message = { tone: 'ok', text: ts('shift.closing') };
    try {
      const now = this.services.clock.serverNow();
      const figures = await this.figuresUntil(open, now);
      const close: ShiftClose = closeWith(figures, parsed.count);
      const closed = await this.services.afterSale.shifts.close(open.startedAt, close, this.cashier());
      if (!closed?.close) throw new Error('the shift is no longer open');
      this.print(closed as ShiftRecord & { close: ShiftClose }, false);
      this.shift = closed;
      this.figures = undefined;
      this.counting = false;
      this.message = {
        tone: 'ok',
        text: ts('shift.closed', { from: formatCst(closed.startedAt), to: formatCst(closed.endedAt ?? now), difference: differenceWords(close.differenceFen) }),
      };
      this.changed();
    } catch (e) {
      this.message = { tone: 'error', text: ts('shift.failed', { detail: e instanceof Error ? e.message : String(e) }) };
    } finally {
      this.busy = false;
    }
  }

  /** Prints a closed shift's handover receipt through the receipt path. */
  print(s: ShiftRecord & { close: ShiftClose }, reprint: boolean): void {
    const b = this.services.binding.value;
    const lang = getLocale() === 'en' ? 'en' : 'zh-CN';
    this.services.afterSale.print?.(
      handoverReceipt(
        handoverOf(s, {
          shopName: b?.shopName ?? '',
          deviceName: b?.deviceName ?? '',
          at: this.services.clock.serverNow(),
          lang,
          ...(reprint ? { reprint } : {}),
        }),
      ),
    );
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent('shift-changed', { bubbles: true, composed: true }));
  }

  private line(l: MethodLine, total = false) {
    const name = l.method === 'total' ? ts('shift.total') : ts(`shift.method.${l.method}`);
    return html`<tr data-method=${l.method} class=${total ? 'strong' : ''}>
      <td>${name}</td>
      <td data-count>${l.count}</td>
      <td data-amount>¥${y(l.amount)}</td>
      <td data-refunds>¥${y(l.refundAmount)}</td>
      <td data-net>¥${y(netOf(l))}</td>
    </tr>`;
  }

  private renderFigures(f: ShiftFigures) {
    const cash = f.lines.find((l) => l.method === 'cash');
    return html`<h3>${ts('shift.figures')}</h3>
      <table data-shift-figures>
        <thead>
          <tr>
            <th>${ts('shift.col.method')}</th>
            <th>${ts('shift.col.count')}</th>
            <th>${ts('shift.col.amount')}</th>
            <th>${ts('shift.col.refunds')}</th>
            <th>${ts('shift.col.net')}</th>
          </tr>
        </thead>
        <tbody>
          ${f.lines.map((l) => this.line(l))}
        </tbody>
        <tfoot>
          ${this.line(f.total, true)}
        </tfoot>
      </table>
      ${f.cpayError !== undefined ? html`<p class="error" role="alert" data-cpay-missing>${ts('shift.cpayMissing', { detail: f.cpayError })}</p>` : ''}
      ${f.feesFen !== undefined ? html`<p class="hint" data-fees>${ts('shift.fees', { fees: y(f.feesFen), credited: y(f.creditedFen ?? 0) })}</p>` : ''}
      ${
        f.deposits && f.deposits.count > 0
          ? html`<p class="hint" data-shift-deposits>
              ${ts('shift.deposits', { count: f.deposits.count, frozen: y(f.deposits.frozen), consumed: y(f.deposits.consumed), released: y(f.deposits.released), held: y(f.deposits.held) })}
            </p>`
          : ''
      }
      ${f.drawerOpens !== undefined ? html`<p class="hint" data-drawer>${ts('shift.drawer', { count: f.drawerOpens })}</p>` : ''}
      <table class="cash" data-cash>
        <tbody>
          <tr>
            <td>${ts('shift.cash.float')}</td>
            <td data-float>¥${y(f.floatFen)}</td>
          </tr>
          <tr>
            <td>${ts('shift.cash.sales')}</td>
            <td data-cash-sales>+¥${y(cash?.amount ?? 0)}</td>
          </tr>
          <tr>
            <td>${ts('shift.cash.refunds')}</td>
            <td data-cash-refunds>−¥${y(cash?.refundAmount ?? 0)}</td>
          </tr>
          <tr class="strong">
            <td>${ts('shift.cash.expected')}</td>
            <td data-expected>¥${y(f.expectedCashFen)}</td>
          </tr>
        </tbody>
      </table>`;
  }

  private renderCount(f: ShiftFigures | undefined) {
    const parsed = this.parsedCount();
    const counted = parsed.ok ? countedFen(parsed.count) : undefined;
    const diff = counted !== undefined && f ? counted - f.expectedCashFen : undefined;
    return html`<form data-count-form @submit=${(e: Event) => e.preventDefault()}>
      <p><strong>${ts('shift.count.title')}</strong></p>
      <div class="count">
        ${DENOMINATIONS.map(
          (d, i) =>
            html`<label
              >${denominationText(d)}
              <input
                data-denomination=${d}
                inputmode="numeric"
                autocomplete="off"
                aria-label=${ts('shift.count.pieces', { denomination: denominationText(d) })}
                .value=${this.counts[d] ?? ''}
                @input=${(e: InputEvent) => (this.counts = { ...this.counts, [d]: (e.target as HTMLInputElement).value })}
                @keydown=${(e: KeyboardEvent) => this.onCountKey(e, i)}
            /></label>`,
        )}
      </div>
      ${parsed.ok ? '' : html`<p class="error" role="alert" data-count-error>${ts('shift.count.bad', { denomination: denominationText(parsed.denomination) })}</p>`}
      <p>${ts('shift.count.counted')}: <strong data-counted>¥${counted === undefined ? '—' : y(counted)}</strong></p>
      ${
        diff !== undefined
          ? html`<p class="diff" data-difference=${diff} data-kind=${differenceKind(diff)} role="status">
              ${ts('shift.count.difference')}: ${differenceWords(diff)}
            </p>`
          : ''
      }
      <div class="row">
        <button type="button" data-shift-confirm ?disabled=${!parsed.ok || this.busy || !f} @click=${() => void this.confirmClose()}>
          ${ts('shift.count.confirm')}
        </button>
        <button type="button" class="secondary" @click=${() => (this.counting = false)}>${ts('shift.count.cancel')}</button>
      </div>
    </form>`;
  }

  override render() {
    const open = this.openShift;
    const m = this.message;
    const msg = m
      ? html`<p class=${m.tone === 'error' ? 'error' : 'hint'} role=${m.tone === 'error' ? 'alert' : 'status'} data-shift-message>${m.text}</p>`
      : '';
    if (!open)
      return html`<h2>${ts('shift.title')}</h2>
        ${msg}
        <p class="hint" data-shift-state="none">${ts('shift.none')}</p>
        <form class="open" data-open-form @submit=${(e: Event) => void this.openShiftWithFloat(e)}>
          <label
            >${ts('shift.float')}
            <input
              data-float-input
              inputmode="decimal"
              autocomplete="off"
              .value=${this.floatText}
              aria-describedby="float-hint"
              @input=${(e: InputEvent) => (this.floatText = (e.target as HTMLInputElement).value)}
          /></label>
          <button type="submit" data-shift-open ?disabled=${this.busy}>${ts('shift.open')}</button>
        </form>
        <p class="hint" id="float-hint">${ts('shift.float.hint')}</p>
        ${this.floatError ? html`<p class="error" role="alert" data-float-error>${this.floatError}</p>` : ''}`;
    const names = open.cashiers.map((c) => c.staffName).join('、');
    return html`<h2>${ts('shift.title')}</h2>
      <p data-shift-state="open">${ts('shift.openSince', { from: formatCst(open.startedAt), float: y(open.floatFen) })}</p>
      ${names ? html`<p class="hint" data-cashiers>${ts('shift.cashiers', { names })}</p>` : ''} ${msg}
      ${this.loading && !this.figures ? html`<p class="hint" role="status">${ts('shift.loading')}</p>` : ''}
      ${this.figures ? this.renderFigures(this.figures) : ''}
      ${
        this.counting
          ? this.renderCount(this.figures)
          : html`<div class="row">
              <button type="button" data-shift-close ?disabled=${this.busy} @click=${() => this.startCount()}>${ts('shift.close')}</button>
            </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shift-panel': ShiftPanel;
  }
}
