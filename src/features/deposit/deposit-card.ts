import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classifyFreezeState, type Fen, type FreezeOrder } from '@cpay/protocol';
import type { DepositRecord } from './deposit.js';
import { remainingOf } from './deposit-events.js';
import { formatFen } from '../../kernel/money.js';
import { td } from '../../i18n/deposit.js';
import { theme } from '../../ui/theme.js';

const TONE = { pending: 'warn', unknown: 'warn', frozen: 'ok', failed: 'bad', settling: 'warn', settled: 'muted' } as const;

/**
 * A deposit as "Settle deposit" shows it (presentational): number, frozen amount, the terminal's
 * status, cpay's freeze state and what is still frozen, and a settlement when there is one.
 */
@customElement('deposit-card')
export class DepositCard extends LitElement {
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
    `,
  ];

  @property({ attribute: false }) record: DepositRecord | undefined;
  @property({ attribute: false }) server: FreezeOrder | undefined;

  /** cpay's state of the freeze in shop words ("微信 · 已冻结"), never the wire's "wechat 2". */
  private serverText(): string {
    const st = this.server?.state;
    if (!st) return td('deposit.server.unasked');
    return `${td(`deposit.platform.${st.platform}`)} · ${td(`deposit.server.${classifyFreezeState(st)}`)}`;
  }

  override render() {
    const r = this.record;
    if (!r) return '';
    const yuan = (f: number) => `¥${formatFen(f as Fen)}`;
    const s = r.settlement;
    return html`<section class="panel" aria-live="polite">
      <p><span class="badge ${TONE[r.status]}" data-deposit-status=${r.status}>${td(`deposit.status.${r.status}`)}</span></p>
      <dl>
        <dt>${td('deposit.card.no')}</dt>
        <dd data-deposit-no>${r.outFreezeNo}</dd>
        <dt>${td('deposit.card.amount')}</dt>
        <dd data-deposit-amount>${yuan(r.amount)}</dd>
        <dt>${td('deposit.card.server')}</dt>
        <dd data-deposit-cts=${this.server?.state ? `${this.server.state.platform} ${this.server.state.cts}` : ''}>${this.serverText()}</dd>
        <dt>${td('deposit.card.remaining')}</dt>
        <dd data-deposit-remaining>${yuan(remainingOf(r, this.server))}</dd>
      </dl>
      ${s ? html`<p data-settlement=${s.status}>${td('deposit.settlement.line', { kind: td(`deposit.settlement.${s.kind}`), consumed: formatFen(s.consumed), released: formatFen(s.released) })}</p>` : ''}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'deposit-card': DepositCard;
  }
}
