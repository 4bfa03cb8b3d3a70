import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Fen } from '@cpay/protocol';
import { formatFen } from '../../kernel/money.js';
import type { RefundOrderView } from './refund-events.js';
import { tr } from '../../i18n/refund.js';
import { theme } from '../../ui/theme.js';

const TONE = { paid: 'ok', partially_refunded: 'warn', fully_refunded: 'muted', pending: 'warn', not_paid: 'bad' } as const;

/**
 * An order as the refund screen shows it (presentational): number, platform, total, the state
 * the spec asks for (paid / partially refunded / fully refunded, §10.5), and its refunds.
 * Fires no events.
 */
@customElement('refund-order-card')
export class RefundOrderCard extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 6px 16px;
        margin: 0 0 12px;
      }
      li {
        overflow-wrap: anywhere;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
      .badge {
        display: inline-block;
        padding: 4px 12px;
        border-radius: 999px;
        font-weight: 700;
        color: #fff;
        background: var(--accent);
      }
      .ok {
        background: var(--ok);
      }
      .warn {
        background: var(--warn);
      }
      .bad {
        background: var(--bad);
      }
      .muted {
        background: var(--muted);
      }
      ul {
        margin: 0;
        padding-left: 20px;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @property({ attribute: false }) order: RefundOrderView | undefined;

  override render() {
    const o = this.order;
    if (!o) return '';
    const yuan = (f: Fen) => `¥${formatFen(f)}`;
    return html`<section class="panel" aria-live="polite" data-confirmed=${o.provisional ? 'no' : 'yes'}>
      <p><span class="badge ${TONE[o.display]}" data-display=${o.display}>${tr(`refund.display.${o.display}`)}</span></p>
      <dl>
        <dt>${tr('refund.order.no')}</dt>
        <dd data-otn>${o.outTradeNo}</dd>
        <dt>${tr('refund.order.platform')}</dt>
        <dd data-method>${methodLabel(o)}</dd>
        <dt>${tr('refund.order.total')}</dt>
        <dd data-total>${yuan(o.total)}</dd>
        <dt>${tr('refund.order.refunded')}</dt>
        <dd data-refunded>${yuan(o.totals.refunded)}</dd>
        ${
          o.totals.inFlight > 0
            ? html`<dt>${tr('refund.order.inFlight')}</dt>
                <dd data-in-flight>${yuan(o.totals.inFlight)}</dd>`
            : ''
        }
        <dt>${tr('refund.order.refundable')}</dt>
        <dd data-refundable>${yuan(o.refundable || o.provisional ? o.totals.refundable : (0 as Fen))}</dd>
      </dl>
      ${
        o.provisional
          ? html`<p class="hint" data-provisional>${tr('refund.order.provisional')}</p>`
          : o.serverChecked
            ? ''
            : html`<p class="hint" data-unchecked>${tr('refund.order.unchecked')}</p>`
      }
      ${
        o.refunds.length === 0
          ? ''
          : html`<ul>
              ${o.refunds.map((r) => html`<li data-refund=${r.outRefundNo}>${r.outRefundNo} · ${yuan(r.amount)} · ${r.status === 'success' ? tr('history.refundStatus.success') : tr(`history.status.${r.status === 'created' ? 'unknown' : r.status}`)}</li>`)}
            </ul>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'refund-order-card': RefundOrderCard;
  }
}

/** How the order was paid, in shop words: a bookkeeping sale says 现金 / 银行卡, not the platform's name (记账). */
export function methodLabel(o: Pick<RefundOrderView, 'platform' | 'subPayPlatform'>): string {
  if (o.platform === 'bookkeeping' && o.subPayPlatform !== undefined) return tr(o.subPayPlatform === 402 ? 'platform.cash' : 'platform.bank_card');
  return tr(`platform.${o.platform}`);
}
