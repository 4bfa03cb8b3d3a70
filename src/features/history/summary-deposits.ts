import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DepositSummary, DepositSummaryLine } from '../deposit/deposit-summary.js';
import { formatFen } from '../../kernel/money.js';
import type { Fen } from '@cpay/protocol';
import { tr } from '../../i18n/refund.js';
import { theme } from '../../ui/theme.js';

/**
 * The shift's deposits (presentational): per platform the count, frozen, charged, returned and
 * still-held amounts, the total, and where the figures come from (cpay or this terminal only).
 * Fires no events.
 */
@customElement('summary-deposits')
export class SummaryDeposits extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin-top: 24px;
        max-width: 100%;
      }
      th,
      td {
        overflow-wrap: anywhere;
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
      h2 {
        font-size: 1.1rem;
      }
    `,
  ];

  @property({ attribute: false }) summary: DepositSummary | undefined;

  private row(l: DepositSummaryLine) {
    const y = (n: number) => formatFen(n as Fen);
    return html`<tr data-deposit-line=${l.platform}>
      <td>${tr(`platform.${l.platform}`)}</td>
      <td>${l.count}</td>
      <td data-frozen>¥${y(l.frozen)}</td>
      <td data-consumed>¥${y(l.consumed)}</td>
      <td data-released>¥${y(l.released)}</td>
      <td data-held>¥${y(l.held)}</td>
    </tr>`;
  }

  override render() {
    const s = this.summary;
    if (!s) return '';
    const head = html`<h2>${tr('summary.deposits.title')}</h2>`;
    if (s.serverChecked + s.localOnly === 0)
      return html`${head}
        <p class="hint" data-deposits-empty>${tr('summary.deposits.empty')}</p>`;
    return html`${head}
      <table>
        <thead>
          <tr>
            <th>${tr('summary.col.platform')}</th>
            <th>${tr('summary.deposits.count')}</th>
            <th>${tr('summary.deposits.frozen')}</th>
            <th>${tr('summary.deposits.consumed')}</th>
            <th>${tr('summary.deposits.released')}</th>
            <th>${tr('summary.deposits.held')}</th>
          </tr>
        </thead>
        <tbody>
          ${s.lines.map((l) => this.row(l))}
        </tbody>
        <tfoot>
          ${this.row(s.total)}
        </tfoot>
      </table>
      <p class="hint" data-deposits-source>${tr('summary.deposits.source', { server: s.serverChecked, local: s.localOnly, uncertain: s.total.uncertain })}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'summary-deposits': SummaryDeposits;
  }
}
