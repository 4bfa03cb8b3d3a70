import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Summary, SummaryLine } from './summary.js';
import { tr } from '../../i18n/refund.js';
import { theme } from '../../ui/theme.js';

/** Signed yuan text from fen (overview amounts may be negative). */
const yuan = (fen: number) => `${fen < 0 ? '−' : ''}¥${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

/**
 * The summary's numbers (presentational): per platform count, payments, refunds, net, cpay's
 * fees and the amount credited, then the total. Fires no events.
 */
@customElement('summary-table')
export class SummaryTable extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        max-width: 100%;
      }
      /* Seven columns do not fit a phone: the table scrolls inside its own box (reachable by keyboard), never the page. */
      .scroll {
        overflow-x: auto;
      }
      th {
        overflow-wrap: normal;
      }
      /* A money figure is never broken across lines (¥1 / 2.3 / 4 on a phone). */
      td {
        white-space: nowrap;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
        min-width: min(320px, 100%);
      }
      th,
      td {
        padding: 8px 12px;
        border-bottom: 1px solid var(--line);
        text-align: right;
      }
      th:first-child,
      td:first-child {
        text-align: left;
      }
      tfoot td {
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) summary: Summary | undefined;

  private row(l: SummaryLine) {
    return html`<tr data-line=${l.platform}>
      <td>${tr(`platform.${l.platform}`)}</td>
      <td data-count>${l.count}</td>
      <td data-amount>${yuan(l.amount)}</td>
      <td data-refunds>${l.refundCount} / ${yuan(l.refundAmount)}</td>
      <td data-net>${yuan(l.net)}</td>
      <td data-fees>${yuan(l.fees)}</td>
      <td data-income>${yuan(l.income)}</td>
    </tr>`;
  }

  override render() {
    const s = this.summary;
    if (!s) return '';
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${tr('summary.title')}>
      <table>
        <thead>
          <tr>
            <th>${tr('summary.col.platform')}</th>
            <th>${tr('summary.col.count')}</th>
            <th>${tr('summary.col.amount')}</th>
            <th>${tr('summary.col.refunds')}</th>
            <th>${tr('summary.col.net')}</th>
            <th>${tr('summary.col.fees')}</th>
            <th>${tr('summary.col.income')}</th>
          </tr>
        </thead>
        <tbody>
          ${s.lines.map((l) => this.row(l))}
        </tbody>
        <tfoot>
          ${this.row(s.total)}
        </tfoot>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'summary-table': SummaryTable;
  }
}
