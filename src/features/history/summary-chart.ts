import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { chartBars, type SummaryLine } from './summary.js';
import { tr } from '../../i18n/refund.js';
import { theme } from '../../ui/theme.js';

const W = 320;
const H = 120;
const LABEL = 18;

/**
 * A small bar chart (plain SVG, no chart library): per platform a payments bar and a refunds
 * bar on one scale, platform names below. Presentational; the table next to it carries the
 * numbers for screen readers. Fires no events.
 */
@customElement('summary-chart')
export class SummaryChart extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        max-width: min(480px, 100%);
      }
      svg {
        width: 100%;
        height: auto;
      }
      .pay {
        fill: var(--accent);
      }
      .refund {
        fill: var(--bad);
      }
      text {
        font-size: 11px;
        fill: var(--ink);
      }
    `,
  ];

  @property({ attribute: false }) lines: readonly SummaryLine[] = [];

  override render() {
    const bars = chartBars(this.lines, W, H);
    return html`<svg viewBox="0 0 ${W} ${H + LABEL}" role="img" aria-label=${tr('summary.chart')} data-summary-chart>
      ${bars.map(
        (b) => svg`<g data-bar=${b.platform}>
        <rect class="pay" x=${b.x + 2} y=${H - b.payHeight} width=${Math.max(0, b.width)} height=${b.payHeight}></rect>
        <rect class="refund" x=${b.x + 2 + b.width + 2} y=${H - b.refundHeight} width=${Math.max(0, b.width)} height=${b.refundHeight}></rect>
        <text x=${b.x + 2} y=${H + LABEL - 4}>${tr(`platform.${b.platform}`)}</text>
      </g>`,
      )}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'summary-chart': SummaryChart;
  }
}
