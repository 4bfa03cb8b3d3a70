import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { toString as qrToSvg } from 'qrcode';

/**
 * Renders `text` as a large QR code (SVG, error correction M, quiet zone 4). A 200-byte URL
 * gives a version ≈ 10 symbol (57 modules); at the default 320 px each module is > 5 px.
 * The payload is also exposed as `data-payload` (for tests and readers) — it is a public URL.
 */
@customElement('qr-code')
export class QrCode extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      background: #fff;
      padding: 8px;
      border-radius: 8px;
      max-width: 100%;
      box-sizing: border-box;
    }
    div {
      width: min(var(--qr-size, 320px), calc(100vw - 80px));
      aspect-ratio: 1;
      height: auto;
    }
    svg {
      width: 100%;
      height: 100%;
      display: block;
    }
  `;

  @property() text = '';
  @property() label = '';
  @state() private svg = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) void this.renderQr(this.text);
  }

  private async renderQr(text: string): Promise<void> {
    if (!text) {
      this.svg = '';
      return;
    }
    const svg = await qrToSvg(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    if (text === this.text) this.svg = svg;
  }

  override render() {
    // The SVG comes from the qrcode library (trusted), never from user input.
    return html`<div role="img" aria-label=${this.label} data-payload=${this.text}>${unsafeHTML(this.svg)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qr-code': QrCode;
  }
}
