import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../../ui/theme.js';

/**
 * A short, polite notice at the bottom of the screen (an unexpected scan, a receipt sent to the
 * on-screen printer). It never takes clicks (`pointer-events: none`), so it cannot cover a
 * button; the text stays until `message` changes or is cleared.
 */
@customElement('device-toast')
export class DeviceToast extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        position: fixed;
        left: 16px;
        bottom: 16px;
        z-index: 20;
        pointer-events: none;
        max-width: min(480px, calc(100vw - 32px));
      }
      p {
        margin: 0;
        padding: 12px 16px;
        border-radius: 10px;
        background: #1f2937;
        color: #f9fafb;
        font-weight: 600;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
      }
    `,
  ];

  /** The text to show; empty hides the toast. */
  @property() message = '';

  override render() {
    return html`<div role="status" aria-live="polite">${this.message ? html`<p data-toast>${this.message}</p>` : ''}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'device-toast': DeviceToast;
  }
}
