import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DepositRecord } from './deposit.js';
import { formatFen } from '../../kernel/money.js';
import { td } from '../../i18n/deposit.js';
import { theme } from '../../ui/theme.js';

/**
 * The open deposits (frozen, being frozen, being settled) as a list; choosing one fires
 * `deposit-open` with its number so the screen can show it for settling.
 */
@customElement('deposit-open-list')
export class DepositOpenList extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 6px;
      }
      button {
        width: 100%;
        text-align: left;
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
        height: auto;
        padding: 6px 12px;
      }
    `,
  ];

  @property({ attribute: false }) deposits: readonly DepositRecord[] = [];

  private open(no: string): void {
    this.dispatchEvent(new CustomEvent('deposit-open', { detail: { outFreezeNo: no }, bubbles: true, composed: true }));
  }

  override render() {
    return html`<section class="panel" aria-labelledby="open-title">
      <h2 id="open-title">${td('deposit.open.title')}</h2>
      ${
        this.deposits.length === 0
          ? html`<p class="hint">${td('deposit.open.empty')}</p>`
          : html`<ul>
              ${this.deposits.map(
                (d) =>
                  html`<li>
                    <button class="secondary" data-open-deposit=${d.outFreezeNo} data-open-status=${d.status} @click=${() => this.open(d.outFreezeNo)}>
                      ${d.outFreezeNo} · ¥${formatFen(d.amount)} · ${td(`deposit.status.${d.status}`)}
                    </button>
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'deposit-open-list': DepositOpenList;
  }
}
