import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AmountKey } from './amount-input.js';
import { tp } from '../../i18n/pay.js';
import { theme } from '../../ui/theme.js';
import type { PayKey } from './keypad-keys.js';

/** Detail of `keypad-key`: which key was pressed. */
export interface KeypadKeyDetail {
  readonly key: PayKey;
}

const LAYOUT: readonly AmountKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '00', '.'];

/**
 * On-screen numeric keypad (presentational). The physical keyboard is handled by the screen
 * through `payKeyOf`, so both paths produce the same keys.
 *
 * @fires keypad-key - {@link KeypadKeyDetail}: a digit, '00', '.', 'backspace', 'clear' or 'enter'.
 */
@customElement('pay-keypad')
export class PayKeypad extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr)) minmax(0, 1.3fr);
        gap: 8px;
      }
      button {
        min-height: 64px;
        font-size: 1.5rem;
        background: var(--panel);
        color: var(--ink);
        border-color: var(--line);
        padding: 0 4px;
        white-space: nowrap;
        min-width: 0;
      }
      button.op,
      button.enter {
        font-size: clamp(0.85rem, 3.4vw, 1.1rem);
      }
      button.op {
        background: #eef2f7;
      }
      @media (max-height: 820px) {
        button {
          min-height: 56px;
        }
      }
      button.enter {
        grid-row: span 2;
        background: var(--accent);
        color: var(--accent-ink);
        border-color: var(--accent);
      }
    `,
  ];

  /** Disables every key (while a payment is in flight). */
  @property({ type: Boolean }) disabled = false;
  /** Label of the Enter key. */
  @property() enterLabel = '';

  private press(key: PayKey): void {
    this.dispatchEvent(new CustomEvent<KeypadKeyDetail>('keypad-key', { detail: { key }, bubbles: true, composed: true }));
  }

  private label(key: AmountKey): string {
    return key === '.' ? tp('pay.key.point') : key;
  }

  override render() {
    const key = (k: AmountKey) =>
      html`<button type="button" data-key=${k} aria-label=${this.label(k)} ?disabled=${this.disabled} @click=${() => this.press(k)}>${k}</button>`;
    const [r1, r2, r3, r4] = [LAYOUT.slice(0, 3), LAYOUT.slice(3, 6), LAYOUT.slice(6, 9), LAYOUT.slice(9)];
    return html`<div class="grid" role="group" aria-label=${tp('pay.keypad')}>
      ${r1.map(key)}<button type="button" class="op" data-key="backspace" ?disabled=${this.disabled} @click=${() => this.press('backspace')}>
        ${tp('pay.key.backspace')}
      </button>
      ${r2.map(key)}<button type="button" class="op" data-key="clear" ?disabled=${this.disabled} @click=${() => this.press('clear')}>
        ${tp('pay.key.clear')}
      </button>
      ${r3.map(key)}<button type="button" class="enter" data-key="enter" ?disabled=${this.disabled} @click=${() => this.press('enter')}>
        ${this.enterLabel || tp('pay.confirm')}
      </button>
      ${r4.map(key)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pay-keypad': PayKeypad;
  }
  interface HTMLElementEventMap {
    'keypad-key': CustomEvent<KeypadKeyDetail>;
  }
}
