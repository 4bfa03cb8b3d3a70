import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SandboxPlatform, SandboxScenario } from './sandbox.js';
import { theme } from '../../ui/theme.js';

/**
 * The sandbox's customer codes as a compact table: one row per scenario, one button per
 * platform. A click "scans" the code.
 * @fires sandbox-code - `{ code }` the cashier clicked a code
 */
@customElement('sandbox-codes')
export class SandboxCodes extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      table {
        border-collapse: collapse;
      }
      caption {
        text-align: left;
        font-weight: 700;
        margin-bottom: 4px;
      }
      th,
      td {
        padding: 4px 6px;
        text-align: left;
      }
      th[scope='row'] {
        font-weight: 600;
      }
      button {
        min-height: 40px;
        padding: 0 12px;
        /* A 4-digit code is one word: never broken inside (the panel lets long text wrap anywhere). */
        white-space: nowrap;
        overflow-wrap: normal;
      }
      /* A phone, and beside the receipt preview at 1024×768: narrower cells, so the label and three codes of a scenario stay on one row. */
      @media (max-width: 600px), (min-width: 1000px) and (max-width: 1199px) {
        table {
          width: 100%;
        }
        th,
        td {
          padding: 4px 2px;
        }
        button {
          padding: 0 4px;
        }
      }
    `,
  ];

  @property() caption = '';
  @property({ attribute: false }) scenarios: readonly SandboxScenario[] = [];
  /** A scenario's name in the UI language (the row header); its wire name stays in data-scenario. */
  @property({ attribute: false }) scenarioLabel: (name: string) => string = (name) => name;
  /** Column labels per platform. */
  @property({ attribute: false }) platforms: Readonly<Record<SandboxPlatform, string>> = { wechat: 'WeChat', alipay: 'Alipay', card: 'Card' };

  private pick(code: string): void {
    this.dispatchEvent(new CustomEvent('sandbox-code', { detail: { code }, bubbles: true, composed: true }));
  }

  override render() {
    const cols = Object.entries(this.platforms) as [SandboxPlatform, string][];
    return html`<table>
      <caption>
        ${this.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">—</th>
          ${cols.map(([, label]) => html`<th scope="col">${label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${this.scenarios.map(
          (s) =>
            html`<tr>
              <th scope="row">${this.scenarioLabel(s.name)}</th>
              ${cols.map(([p, label]) => {
                const code = s.codes[p];
                return html`<td>
                  ${
                    code
                      ? html`<button
                          type="button"
                          class="secondary"
                          data-sandbox-code=${code}
                          data-scenario=${`${s.name}:${p}`}
                          aria-label=${`${code.slice(-4)} ${label} ${this.scenarioLabel(s.name)}`}
                          title=${code}
                          @click=${() => this.pick(code)}
                        >
                          ${code.slice(-4)}
                        </button>`
                      : ''
                  }
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sandbox-codes': SandboxCodes;
  }
}
