import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../../ui/theme.js';

/** One action button of a device row. */
export interface DeviceAction {
  readonly id: string;
  readonly label: string;
  readonly disabled?: boolean;
}

/**
 * A device in the settings screen: what it is, its state, and its actions (pair, test, forget).
 * @fires device-action - `{ id }` an action button was pressed (a click: pairing needs the gesture)
 */
@customElement('device-row')
export class DeviceRow extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        padding: 8px 0;
        border-bottom: 1px solid var(--line);
      }
      h3 {
        margin: 0 0 4px;
        font-size: 1.05rem;
      }
      .state {
        margin: 0 0 8px;
        font-weight: 600;
      }
      .ok {
        color: var(--ok);
      }
    `,
  ];

  @property() heading = '';
  @property() state = '';
  @property({ type: Boolean }) connected = false;
  @property({ attribute: false }) actions: readonly DeviceAction[] = [];
  /** A result line (test scan, errors), announced politely. */
  @property() message = '';

  override render() {
    return html`<h3>${this.heading}</h3>
      <p class="state ${this.connected ? 'ok' : ''}" data-device-state>${this.state}</p>
      <div class="row">
        ${this.actions.map(
          (a) =>
            html`<button
              type="button"
              class="secondary"
              data-device-action=${a.id}
              ?disabled=${a.disabled === true}
              @click=${() => this.dispatchEvent(new CustomEvent('device-action', { detail: { id: a.id }, bubbles: true, composed: true }))}
            >
              ${a.label}
            </button>`,
        )}
      </div>
      <p class="hint" role="status" data-device-message>${this.message}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'device-row': DeviceRow;
  }
}
