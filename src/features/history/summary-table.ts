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
      /* Seven columns: should they not fit, the table scrolls inside its own box (reachable by keyboard), never the page; a phone gets cards (below). */
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
      /* A phone: each platform (and the total) as a card of label / figure lines, the width of the screen. */
      @media (max-width: 600px) {
        :host {
          flex: 1 1 100%; /* the whole width in the summary's row (a flex item) */
        }
        table,
        tbody,
        tfoot,
        tr,
        td {
          display: block;
        }
        table {
          min-width: 0;
          width: 100%;
        }
        thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
        tr {
          padding: 8px 0;
          border-bottom: 1px solid var(--line);
        }
        td {
          display: flex;
          justify-content: space-between;
          gap: 12px;
          padding: 2px 4px;
          border-bottom: 0;
        }
        td::before {
          content: attr(data-label);
          color: var(--muted);
          font-weight: 400;
        }
        td:first-child {
          font-weight: 700;
        }
        td:first-child::before {
          content: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) summary: Summary | undefined;

  private row(l: SummaryLine) {
    const label = (k: Parameters<typeof tr>[0]) => tr(k); // data-label: the column's name beside the figure on a phone
    return html`<tr data-line=${l.platform}>
      <td>${tr(`platform.${l.platform}`)}</td>
      <td data-count data-label=${label('summary.col.count')}>${l.count}</td>
      <td data-amount data-label=${label('summary.col.amount')}>${yuan(l.amount)}</td>
      <td data-refunds data-label=${label('summary.col.refunds')}>${l.refundCount} / ${yuan(l.refundAmount)}</td>
      <td data-net data-label=${label('summary.col.net')}>${yuan(l.net)}</td>
      <td data-fees data-label=${label('summary.col.fees')}>${yuan(l.fees)}</td>
      <td data-income data-label=${label('summary.col.income')}>${yuan(l.income)}</td>
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
