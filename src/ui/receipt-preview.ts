import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from './theme.js';

/** One printed line as the preview draws it (decoded from the printer bytes). */
export interface PreviewLine {
  readonly text: string;
  readonly align: 'left' | 'center' | 'right';
  readonly bold: boolean;
  /** ESC/POS GS ! size (0x11 double, 0x01 tall, 0x10 wide, 0 normal). */
  readonly size: number;
}

/**
 * The "virtual printer": a receipt drawn from the bytes the printer would have received, with
 * its barcode and QR contents, and a reprint button (an explicit new job, marked as a copy).
 * @fires receipt-reprint - the cashier asked for a copy
 * @fires receipt-close - the cashier closed the preview
 */
// Compact type below 1200 px; from 1000 px the preview sits beside the checkout in 330 px (app.css),
// where a 48-column receipt fits at 9.5 px without the panel's own frame (the dock is the frame).
@customElement('receipt-preview')
export class ReceiptPreview extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        padding: 12px 16px;
      }
      .paper {
        font-family: ui-monospace, 'Noto Sans Mono CJK SC', monospace;
        background: #fffef8;
        color: #111827;
        border: 1px dashed var(--muted);
        padding: 12px;
        width: fit-content;
        max-width: 100%;
        overflow-x: auto;
        margin: 0 0 12px;
        font-size: 13px;
        line-height: 1.35;
      }
      @media (max-width: 1199px) {
        :host {
          padding: 8px;
        }
        .paper {
          font-size: 10.5px;
          padding: 8px;
        }
      }
      @media (min-width: 1000px) and (max-width: 1199px) {
        .panel {
          padding: 8px;
          border: 0;
        }
        .paper {
          font-size: 9.5px;
        }
        .paper .code {
          font-size: 1em;
        }
      }
      .line {
        white-space: pre;
        min-height: 1.2em;
      }
      .center {
        text-align: center;
      }
      .right {
        text-align: right;
      }
      .bold {
        font-weight: 700;
      }
      .big {
        font-size: 1.5em;
      }
      .code {
        color: var(--muted);
        font-size: 0.9rem;
      }
    `,
  ];

  /** Heading of the preview. */
  @property() heading = '';
  @property({ attribute: false }) lines: readonly PreviewLine[] = [];
  /** Barcode and QR contents printed on the receipt. */
  @property({ attribute: false }) codes: readonly string[] = [];
  @property() reprintLabel = '';
  @property() closeLabel = '';

  private fire(name: 'receipt-reprint' | 'receipt-close'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  override render() {
    const cls = (l: PreviewLine) => [l.align, l.bold ? 'bold' : '', l.size !== 0 ? 'big' : ''].join(' ');
    return html`<section class="panel" aria-label=${this.heading}>
      <h2>${this.heading}</h2>
      <div class="paper" data-receipt-paper tabindex="0" role="region" aria-label=${this.heading}>
        ${this.lines.map((l) => html`<div class="line ${cls(l)}">${l.text.trimEnd()}</div>`)}
        ${this.codes.map((c) => html`<div class="line code" data-receipt-code>▮▮ ${c}</div>`)}
      </div>
      <div class="row">
        <button type="button" data-receipt-reprint @click=${() => this.fire('receipt-reprint')}>${this.reprintLabel}</button>
        <button type="button" class="secondary" @click=${() => this.fire('receipt-close')}>${this.closeLabel}</button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'receipt-preview': ReceiptPreview;
  }
}
