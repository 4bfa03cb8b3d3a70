import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from './theme.js';

/** One button on a notice. */
export interface NoticeAction {
  readonly id: string;
  readonly label: string;
  readonly primary?: boolean;
}

/**
 * A dismissable message with next actions (boot results, binding errors). Announced politely to
 * screen readers; the first action takes focus-by-keyboard order right after the text.
 * @fires notice-action - detail `{ id }` of the pressed action
 */
@customElement('notice-banner')
export class NoticeBanner extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .box {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: center;
        justify-content: space-between;
        padding: 12px 16px;
        border-left: 6px solid var(--warn);
        background: #fffbeb;
      }
      .box.error {
        border-color: var(--bad);
        background: #fef2f2;
      }
      .box.info {
        border-color: var(--accent);
        background: #eff6ff;
      }
      p {
        margin: 0;
        flex: 1 1 320px;
        color: var(--ink);
      }
    `,
  ];

  @property() message = '';
  @property() tone: 'info' | 'warn' | 'error' = 'warn';
  @property({ attribute: false }) actions: readonly NoticeAction[] = [];

  override render() {
    return html`<div class="box ${this.tone}" role=${this.tone === 'error' ? 'alert' : 'status'}>
      <p data-testid="notice">${this.message}</p>
      <div class="row">
        ${this.actions.map(
          (a) =>
            html`<button
              class=${a.primary ? '' : 'secondary'}
              data-action=${a.id}
              @click=${() => this.dispatchEvent(new CustomEvent('notice-action', { detail: { id: a.id }, bubbles: true, composed: true }))}
            >
              ${a.label}
            </button>`,
        )}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'notice-banner': NoticeBanner;
  }
}
