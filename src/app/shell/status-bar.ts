import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DeviceConnection, Reachability, RelayState } from '../context/signals.js';
import { domainReasonKey, type DomainNotice } from '../../features/settings/domain-switch.js';
import type { StoragePersistence } from '../../platform/browser/storage-persistence.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { t } from '../../i18n/index.js';
import { theme } from '../../ui/theme.js';

const reach = (r: Reachability) => t(r === 'ok' ? 'status.ok' : r === 'down' ? 'status.down' : 'status.unknownState');

/**
 * The always-visible status bar: bound shop and device, relay/cpay reachability and active
 * domain, pending reports, device connections, offline/busy/update state, the last voice prompt.
 * @fires apply-update - the user asked to apply a waiting update (only offered when not busy)
 */
@customElement('status-bar')
export class StatusBar extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        background: #1f2937;
        color: #f9fafb;
        font-size: 0.95rem;
      }
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 20px;
        margin: 0;
        padding: 8px 16px;
        align-items: center;
      }
      div {
        display: flex;
        gap: 6px;
      }
      dt {
        color: #d1d5db;
        /* A label never breaks inside a word ("Devic / es" at 390 px in English). */
        white-space: nowrap;
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      .notice {
        flex-basis: 100%;
        color: #fde68a;
      }
      .ok {
        color: #86efac;
      }
      .down {
        color: #fca5a5;
      }
      .unknown {
        color: #fde68a;
      }
      button {
        min-height: 40px;
        background: #f59e0b;
        border-color: #f59e0b;
        color: #111827;
      }
    `,
  ];

  @property() shopName = '';
  @property() deviceName = '';
  @property() sn = '';
  @property({ attribute: false }) relay: RelayState = { relay: 'unknown', cpay: 'unknown' };
  @property({ type: Number }) pending = 0;
  @property({ attribute: false }) devices: readonly DeviceConnection[] = [];
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) offline = false;
  @property({ type: Boolean }) updateReady = false;
  /** The last voice prompt, shown as text. */
  @property() spoken = '';
  /** The browser blocks sound until the next key or tap (after a load). */
  @property({ type: Boolean }) audioBlocked = false;
  /** A cpay domain switch to tell the cashier about (fail-over, or back to the main line). */
  @property({ attribute: false }) domainNotice: DomainNotice | undefined;
  /** Whether the terminal's data is in persistent storage; `best_effort` shows a warning. */
  @property() storage: StoragePersistence = 'unknown';

  constructor() {
    super();
    new LocaleController(this);
  }

  /** The relay's last domain switch and why (diagnostics: the domain field's title). */
  override render() {
    const connected = this.devices.filter((d) => d.connected).map((d) => d.name);
    return html`<section role="status" aria-label=${t('app.title')}>
      <dl>
        <div>
          <dt>${t('status.shop')}</dt>
          <dd data-testid="shop">${this.shopName || t('status.unbound')}</dd>
        </div>
        <div>
          <dt>${t('status.device')}</dt>
          <dd data-testid="device">${this.deviceName || this.sn || '—'}</dd>
        </div>
        <div>
          <dt>${t('status.relay')}</dt>
          <dd class=${this.offline ? 'down' : this.relay.relay} data-testid="relay">${this.offline ? t('status.offline') : reach(this.relay.relay)}</dd>
        </div>
        <div>
          <dt>${t('status.cpay')}</dt>
          <!-- Offline, cpay cannot be reached whatever the last probe said (it showed a green 正常 next to 离线). -->
          <dd class=${this.offline ? 'down' : this.relay.cpay} data-testid="cpay">${reach(this.offline ? 'down' : this.relay.cpay)}</dd>
        </div>
        <div>
          <dt>${t('status.pending')}</dt>
          <dd data-testid="pending">${this.pending}</dd>
        </div>
        <div>
          <dt>${t('status.devices')}</dt>
          <dd>${connected.length ? connected.join(t('status.listSep')) : t('status.devicesNone')}</dd>
        </div>
        ${
          this.busy
            ? html`<div>
                <dt>${t('status.busy')}</dt>
                <dd>●</dd>
              </div>`
            : ''
        }
        ${
          this.domainNotice
            ? html`<div class="notice">
                <dt>${t('status.domain')}</dt>
                <dd data-testid="domain-notice">
                  ⚠
                  ${t('status.domainSwitched', {
                    from: this.domainNotice.from,
                    to: this.domainNotice.to,
                    reason: t(domainReasonKey(this.domainNotice.reason)),
                  })}
                </dd>
              </div>`
            : ''
        }
        ${
          this.audioBlocked
            ? // A muted speaker as inline SVG (the emoji was a missing-glyph box without an emoji font); the text names it.
              html`<div>
                <dt>${t('status.voice')}</dt>
                <dd class="unknown" data-testid="audio-blocked">
                  <svg viewBox="0 0 8 8" width="16" height="16" fill="none" stroke="currentColor" aria-hidden="true">
                    <path d="M1 3v2h1l2 2V1L2 3zm4 0 2 2m0-2-2 2" />
                  </svg>
                  ${t('status.audioBlocked')}
                </dd>
              </div>`
            : ''
        }
        ${
          this.storage === 'best_effort' || this.storage === 'unsupported'
            ? html`<div data-testid="storage-warning">
                <dt>${t('status.storage')}</dt>
                <dd class="down">${t('status.storageBestEffort')}</dd>
              </div>`
            : ''
        }
        ${
          this.spoken
            ? html`<div>
                <dt>${t('status.voice')}</dt>
                <dd data-testid="spoken">${this.spoken}</dd>
              </div>`
            : ''
        }
        ${
          this.updateReady
            ? html`<div>
                <dt>${t('status.update')}</dt>
                <dd>
                  ${
                    this.busy
                      ? t('status.updateLater')
                      : html`<button @click=${() => this.dispatchEvent(new CustomEvent('apply-update', { bubbles: true, composed: true }))}>
                          ${t('status.updateApply')}
                        </button>`
                  }
                </dd>
              </div>`
            : ''
        }
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'status-bar': StatusBar;
  }
}
