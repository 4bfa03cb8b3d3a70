import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { HistoryRow } from './history.js';
import { isReprintable, reprintOrderOf, type ReprintOrder } from './reprint.js';
import { formatFen } from '../../kernel/money.js';
import { formatCst } from '../../kernel/china-time.js';
import { tr } from '../../i18n/refund.js';
import { theme } from '../../ui/theme.js';

/** Detail of `history-open`: the order chosen. */
export interface HistoryOrderDetail {
  readonly outTradeNo: string;
}
/** Detail of `history-page`: the page wanted. */
export interface HistoryPageDetail {
  readonly page: number;
}

/** A row's type in words: payment, refund, or the deposit step (frozen / charged / returned). */
function kindLabel(r: HistoryRow): string {
  if (r.kind === 'deposit') return tr(`history.deposit.${r.depositStep ?? 'freeze'}`);
  return r.kind === 'refund' ? tr('history.kind.refunds') : tr('history.kind.payments');
}

/**
 * The transaction list (presentational): one row per payment or refund, newest first; rows
 * only this terminal knows (unknown payments, refunds not yet listed) are marked. Paging below.
 * "Reprint" is offered (when `canReprint`) only on paid payments, success or refunded: a failed,
 * pending or unknown order has no receipt to copy.
 *
 * @fires history-open - {@link HistoryOrderDetail}: refund / details for the order
 * @fires history-reprint - {@link ReprintOrder}: reprint the payment receipt, stating the row's status
 * @fires history-page - {@link HistoryPageDetail}
 */
@customElement('history-list')
export class HistoryList extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: left;
        padding: 8px;
        border-bottom: 1px solid var(--line);
      }
      td.amount {
        text-align: right;
      }
      /* Dates, amounts and statuses stay on one line (never ¥ / 3. / 0 / 0 on a phone). */
      td.at,
      td.amount,
      td.status {
        white-space: nowrap;
      }
      /* A phone: each row is a small card (time and amount, type and status, the order number, the buttons). */
      @media (max-width: 600px) {
        table,
        tbody {
          display: block;
        }
        tr {
          display: grid;
          grid-template-columns: 1fr auto;
          column-gap: 12px;
          padding: 8px 0;
          border-bottom: 1px solid var(--line);
        }
        td {
          padding: 2px 4px;
          border-bottom: 0;
        }
        td.at {
          grid-area: 1 / 1;
        }
        td.amount {
          grid-area: 1 / 2;
        }
        td.kind {
          grid-area: 2 / 1;
        }
        td.status {
          grid-area: 2 / 2;
          text-align: right;
        }
        td.no {
          grid-column: 1 / -1;
          overflow-wrap: anywhere;
        }
        td.actions {
          grid-column: 1 / -1;
        }
      }
      .refund td.amount {
        color: var(--bad);
      }
      .local {
        font-size: 0.8rem;
        color: var(--warn);
        margin-left: 6px;
      }
      /* Not (yet) confirmed by cpay: never styled like one of cpay's own rows. */
      tr[data-source='local'] td.amount,
      tr[data-source='local'] td.status {
        font-style: italic;
      }
      button {
        min-height: 40px;
        padding: 0 12px;
      }
    `,
  ];

  @property({ attribute: false }) rows: readonly HistoryRow[] = [];
  @property({ type: Number }) page = 1;
  @property({ type: Number }) pages = 1;
  @property({ type: Boolean }) canReprint = false;

  private fire<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }

  private renderRow(r: HistoryRow) {
    const sign = r.kind === 'refund' || r.depositStep === 'unfreeze' ? '−' : '';
    return html`<tr class=${r.kind} data-row=${r.key} data-status=${r.status} data-kind=${r.depositStep ?? r.kind} data-source=${r.source}>
      <td class="at">${formatCst(r.at)}</td>
      <td class="kind" data-method=${r.method ?? ''}>
        ${kindLabel(r)} · ${r.method ? tr(r.method === 'cash' ? 'platform.cash' : 'platform.bank_card') : r.platform ? tr(`platform.${r.platform}`) : ''}
      </td>
      <td class="no">
        ${r.outRefundNo ?? r.outTradeNo}${r.source === 'local' ? html`<span class="local" title=${tr('history.localTitle')}>${tr('history.local')}</span>` : ''}
      </td>
      <td class="amount">${sign}¥${formatFen(r.amount)}</td>
      <td class="status">${r.kind === 'refund' && r.status === 'success' ? tr('history.refundStatus.success') : tr(`history.status.${r.status}`)}</td>
      <td class="actions">
        ${
          r.kind === 'payment'
            ? html`${r.status === 'success' || r.status === 'refunded' ? html`<button type="button" class="secondary" data-refund-open=${r.status} @click=${() => this.fire('history-open', { outTradeNo: r.outTradeNo })}>${tr(r.status === 'success' ? 'history.refund' : 'history.details')}</button>` : ''}
              ${this.canReprint && isReprintable(r) ? html`<button type="button" class="secondary" data-reprint @click=${() => this.fire<ReprintOrder>('history-reprint', reprintOrderOf(r))}>${tr('history.reprint')}</button>` : ''}`
            : ''
        }
      </td>
    </tr>`;
  }

  override render() {
    if (this.rows.length === 0) return html`<p class="hint">${tr('history.empty')}</p>`;
    return html`<table>
        <tbody>
          ${repeat(
            this.rows,
            // Keyed: when cpay's answer merges in, a row keeps its element (and the cashier's focus) wherever it moves.
            (r) => `${r.kind}:${r.depositStep ?? ''}:${r.key}`,
            (r) => this.renderRow(r),
          )}
        </tbody>
      </table>
      <div class="row">
        <button type="button" class="secondary" ?disabled=${this.page <= 1} @click=${() => this.fire('history-page', { page: this.page - 1 })}>
          ${tr('history.prev')}
        </button>
        <span>${tr('history.page', { page: this.page, pages: this.pages })}</span>
        <button type="button" class="secondary" ?disabled=${this.page >= this.pages} @click=${() => this.fire('history-page', { page: this.page + 1 })}>
          ${tr('history.next')}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'history-list': HistoryList;
  }
  interface HTMLElementEventMap {
    'history-open': CustomEvent<HistoryOrderDetail>;
    'history-reprint': CustomEvent<ReprintOrder>;
    'history-page': CustomEvent<HistoryPageDetail>;
  }
}
