import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { cstDateStart, cstDateText, formatCst } from '../../kernel/china-time.js';
import { formatSignedFen } from '../../kernel/money.js';
import { downloadText } from '../../platform/browser/download.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { shiftCsvLabels, ts } from '../../i18n/shift.js';
import { differenceWords, type ShiftPanel } from './shift-panel.js';
import type { ShiftClose, ShiftRecord } from './shift.js';

const DAY_MS = 86_400_000;
const SHOWN = 20;

/**
 * Past shifts on the summary screen: the last closed shifts (window, cashiers, counted cash, the
 * difference) with a reprint of each handover receipt, and the CSV export of the shifts of a date
 * range (CST days, inclusive). `refresh()` after a shift closes.
 */
@customElement('shift-list-panel')
export class ShiftListPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin-top: 24px;
        max-width: 100%;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 6px 10px;
        border-bottom: 1px solid var(--line);
        text-align: left;
      }
      td.num {
        text-align: right;
      }
      /* Headings and times never break inside a word (English "Counted" went one letter a line at 390 px): the table scrolls instead. */
      th,
      td {
        white-space: nowrap;
      }
      .range {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: end;
        margin-top: 12px;
      }
      .range label {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .scroll {
        overflow-x: auto;
        max-width: 100%;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private shifts: readonly ShiftRecord[] = [];
  @state() private from = '';
  @state() private to = '';
  @state() private note: { readonly tone: 'ok' | 'error'; readonly text: string } | undefined;

  /** The panel whose print path reprints (set by the summary screen). */
  printer: Pick<ShiftPanel, 'print'> | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const today = cstDateText(this.services.clock.serverNow());
    this.from = today;
    this.to = today;
    void this.refresh();
  }

  /** Reads the last closed shifts again. */
  async refresh(): Promise<void> {
    this.shifts = await this.services.afterSale.shifts.recent(SHOWN).catch(() => []);
  }

  private async exportCsv(): Promise<void> {
    const a = cstDateStart(this.from);
    const b = cstDateStart(this.to);
    if (a === undefined || b === undefined) return;
    const [fromMs, toMs] = [Math.min(a, b), Math.max(a, b) + DAY_MS];
    try {
      // The CSV writer (papaparse) loads when an export is asked for, not with the summary screen.
      const [shifts, { shiftsCsv }] = await Promise.all([this.services.afterSale.shifts.between(fromMs, toMs), import('./shift-csv.js')]);
      const file = `shifts-${cstDateText(fromMs)}-${cstDateText(toMs - 1)}.csv`;
      downloadText(document, file, shiftsCsv(shifts, shiftCsvLabels()));
      this.note = { tone: 'ok', text: ts('export.done', { count: shifts.length, file }) };
    } catch (e) {
      this.note = { tone: 'error', text: ts('export.failed', { detail: e instanceof Error ? e.message : String(e) }) };
    }
  }

  private row(s: ShiftRecord) {
    const c = s.close;
    return html`<tr data-past-shift=${s.startedAt}>
      <td>${formatCst(s.startedAt)}</td>
      <td>${s.endedAt !== undefined ? formatCst(s.endedAt) : ''}</td>
      <td>${s.cashiers.map((x) => x.staffName).join('、')}</td>
      <td class="num" data-counted>${c ? `¥${formatSignedFen(c.countedFen)}` : ts('shift.past.notCounted')}</td>
      <td class="num" data-difference=${c?.differenceFen ?? ''}>${c ? differenceWords(c.differenceFen) : ''}</td>
      <td>
        ${
          c && this.services.afterSale.print
            ? html`<button
                type="button"
                class="secondary"
                data-reprint-shift
                @click=${() => this.printer?.print(s as ShiftRecord & { close: ShiftClose }, true)}
              >
                ${ts('shift.past.reprint')}
              </button>`
            : ''
        }
      </td>
    </tr>`;
  }

  override render() {
    return html`<h2>${ts('shift.past.title')}</h2>
      ${
        this.shifts.length === 0
          ? html`<p class="hint" data-past-empty>${ts('shift.past.empty')}</p>`
          : html`<div class="scroll" tabindex="0" role="region" aria-label=${ts('shift.past.title')}>
              <table data-past-shifts>
                <thead>
                  <tr>
                    <th>${ts('shift.past.from')}</th>
                    <th>${ts('shift.past.to')}</th>
                    <th>${ts('shift.past.cashiers')}</th>
                    <th>${ts('shift.past.counted')}</th>
                    <th>${ts('shift.past.difference')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.shifts.map((s) => this.row(s))}
                </tbody>
              </table>
            </div>`
      }
      <div class="range">
        <label
          >${ts('export.from')}
          <input type="date" data-shifts-from .value=${this.from} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)}
        /></label>
        <label
          >${ts('export.to')} <input type="date" data-shifts-to .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)}
        /></label>
        <button type="button" class="secondary" data-export-shifts @click=${() => void this.exportCsv()}>${ts('export.shifts')}</button>
      </div>
      ${this.note ? html`<p class=${this.note.tone === 'error' ? 'error' : 'hint'} role="status" data-export-note>${this.note.text}</p>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shift-list-panel': ShiftListPanel;
  }
}
