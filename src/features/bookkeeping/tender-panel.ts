import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Fen } from '@cpay/protocol';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { formatFen } from '../../kernel/money.js';
import { tb } from '../../i18n/bookkeeping.js';
import { changePreview, quickTenders, type Tender } from './tender-controller.js';

/**
 * The tender step on the checkout (presentational): cash shows the amount due, what was handed
 * over as typed, the change, quick-amount buttons; card asks to confirm the card machine's
 * approval. Keys come from the checkout (window keydown), so nothing here needs the focus.
 * Emits `tender-set` (a quick amount), `tender-confirm`, `tender-cancel`.
 */
@customElement('tender-panel')
export class TenderPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .panel {
        border-left: 8px solid var(--ok);
      }
      h2 {
        margin: 0 0 8px;
      }
      .received {
        font-size: 2rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        min-height: 2.4rem;
      }
      .change {
        font-size: 1.6rem;
        font-weight: 700;
        color: var(--ok);
        font-variant-numeric: tabular-nums;
      }
      .row {
        margin-top: 12px;
      }
    `,
  ];

  @property({ attribute: false }) tender: Tender | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  /**
   * When the cash / card step opens, the whole panel is brought on screen (a phone's top bar and
   * keypad pushed the change and the quick amounts below the fold at 390×844).
   */
  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('tender') && changed.get('tender') === undefined && this.tender !== undefined && this.getBoundingClientRect().bottom > window.innerHeight)
      this.scrollIntoView({ block: 'end' });
  }

  private emit(name: 'tender-set' | 'tender-confirm' | 'tender-cancel', detail?: { fen: Fen }): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const t = this.tender;
    if (!t) return '';
    const amount = formatFen(t.amount);
    const cash = t.method === 'cash';
    const change = changePreview(t);
    return html`<section class="panel" data-tender=${t.method} aria-labelledby="tender-title">
      <h2 id="tender-title">${cash ? tb('bk.tender.title', { amount }) : tb('bk.tender.cardTitle', { amount })}</h2>
      ${
        cash
          ? html`<p class="hint">${tb('bk.tender.receivedHint')}</p>
              <p>${tb('bk.tender.received')}</p>
              <p class="received" data-tendered aria-live="polite">¥${t.text === '' ? amount : t.text}</p>
              <p class="change" data-change aria-live="polite">${change === '' ? '' : tb('bk.tender.change', { change })}</p>
              <div class="row">
                ${quickTenders(t.amount).map(
                  (fen, i) =>
                    html`<button type="button" class="secondary" data-quick=${fen} ?disabled=${t.saving} @click=${() => this.emit('tender-set', { fen })}>
                      ${i === 0 ? tb('bk.tender.exact', { amount: formatFen(fen) }) : `¥${formatFen(fen)}`}
                    </button>`,
                )}
              </div>`
          : html`<p data-card-prompt>${tb('bk.tender.cardPrompt')}</p>`
      }
      ${t.error ? html`<p class="error" role="alert" data-tender-error>${t.error}</p>` : ''}
      <div class="row">
        <button type="button" data-tender-confirm ?disabled=${t.saving} @click=${() => this.emit('tender-confirm')}>
          ${t.saving ? tb('bk.tender.saving') : tb('bk.tender.confirm')}
        </button>
        <button type="button" class="secondary" data-tender-cancel ?disabled=${t.saving} @click=${() => this.emit('tender-cancel')}>
          ${tb('bk.tender.cancel')}
        </button>
      </div>
      <p class="hint">${tb('bk.localNote')}</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tender-panel': TenderPanel;
  }
}
