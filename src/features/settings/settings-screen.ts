import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import type { Reachability, RelayState } from '../../app/context/signals.js';
import { domainReasonKey } from './domain-notice.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import { LOCALES, loadLocale, setLocale, t, type Locale } from '../../i18n/index.js';
import { buildLabel } from '../../build-info.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { storageUse } from '../../platform/browser/storage-persistence.js';
import '../devices/settings-devices.js';
import './settings-payment.js';
import '../staff/staff-settings.js';
import '../staff/staff-authorize.js';
import { enterKiosk, leaveKiosk } from '../staff/kiosk-guard.js';
import type { PinCheck } from '../staff/staff-service.js';
import { ts } from '../../i18n/staff.js';

const reach = (r: Reachability | 'offline') =>
  t(r === 'offline' ? 'status.offline' : r === 'ok' ? 'status.ok' : r === 'down' ? 'status.down' : 'status.unknownState');

/** Language, kiosk, wake lock, and the identity/binding actions (re-bind, unbind, erase). */
@customElement('settings-screen')
export class SettingsScreen extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        padding: 24px;
        min-width: 0;
      }
      @media (max-width: 600px) {
        :host {
          padding: 12px;
        }
      }
      section,
      details {
        margin-bottom: 16px;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        min-height: 32px;
      }
      dl {
        overflow-wrap: anywhere;
      }
      dl {
        margin: 0 0 12px;
      }
      dd {
        margin: 0 0 6px;
        font-weight: 600;
      }
      dd.ok {
        color: var(--ok);
      }
      dd.down {
        color: var(--bad);
      }
      dd.unknown {
        color: var(--warn);
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private confirming: 'unbind' | 'reset' | undefined;
  @state() private message = '';
  /** Leaving kiosk mode asked: a manager's code and PIN in place. */
  @state() private kioskAsk = false;
  /** navigator.storage.estimate() when the screen opened (issue 21: storage used / quota in diagnostics). */
  @state() private storageUse: { readonly usage?: number; readonly quota?: number } = {};
  private readonly binding = new ObservableController(this, () => this.services.binding$, undefined);
  private readonly settings = new ObservableController(this, () => this.services.preferences.settings$, DEFAULT_SETTINGS);
  private readonly fullscreen = new ObservableController(this, () => this.services.platform.fullscreen$, false);
  private readonly storage = new ObservableController(this, () => this.services.signals.storage$, 'unknown' as const);
  private readonly relay = new ObservableController<RelayState>(this, () => this.services.signals.relay$, { relay: 'unknown', cpay: 'unknown' });
  private readonly pending = new ObservableController<number>(this, () => this.services.signals.pendingReports$, 0);
  /** No network: the relay and cpay rows say so, whatever the last probe said (as the status bar does). */
  @state() private offline = !navigator.onLine;
  private readonly onLine = () => (this.offline = !navigator.onLine);

  constructor() {
    super();
    new LocaleController(this);
  }

  private async changeLocale(locale: Locale) {
    await loadLocale(locale);
    setLocale(locale);
    await this.services.preferences.set('locale', locale);
  }

  /** Kiosk mode on: one tap. Off: a manager's code and PIN, always (even a signed-in manager types it). */
  private kiosk(): void {
    const on = this.settings.value.kioskMode === true;
    if (!on) void enterKiosk(this.services).catch((e: unknown) => console.warn('[kiosk]', e));
    else if (this.services.staff) this.kioskAsk = true;
    else void leaveKiosk(this.services).catch((e: unknown) => console.warn('[kiosk]', e));
  }

  private async toggleWakeLock() {
    const on = !this.settings.value.wakeLock;
    await this.services.preferences.set('wakeLock', on);
    await this.services.platform.setWakeLock(on);
  }

  private async confirm() {
    const what = this.confirming;
    this.confirming = undefined;
    if (what === 'unbind') {
      const r = await this.services.binding.unbind(this.services.cpay);
      this.services.voice.prompt('unbound');
      this.message = r.remote === 'failed' ? t('settings.unbindRemoteFailed', { detail: r.detail ?? '' }) : t('settings.unbound');
    } else if (what === 'reset') {
      await this.services.identity.erase();
      this.services.binding.forget();
      this.services.navigate('setup');
    }
  }

  private confirmBox() {
    if (!this.confirming) return '';
    const text = t(this.confirming === 'unbind' ? 'settings.unbindConfirm' : 'settings.resetConfirm');
    return html`<div class="panel" role="alertdialog" aria-label=${text}>
      <p>${text}</p>
      <div class="row">
        <button class="danger" data-testid="confirm" @click=${() => void this.confirm()}>${t('settings.confirm')}</button>
        <button
          class="secondary"
          @click=${() => {
            this.confirming = undefined;
          }}
        >
          ${t('bind.cancel')}
        </button>
      </div>
    </div>`;
  }

  /** The relay's version and the app version it serves (a different one means an update is on its way). */
  private relayVersions() {
    const v = this.relay.value.versions;
    if (!v) return '';
    return html`<dt>${t('settings.relayVersion')}</dt>
      <dd data-relay-version>${v.relay}</dd>
      ${
        v.app
          ? html`<dt>${t('settings.servedVersion')}</dt>
              <dd data-served-version>${v.app}</dd>`
          : ''
      }`;
  }

  /** The relay's last change of cpay domain, in words (fail-over diagnostics). */
  private switchText(): string {
    const s = this.relay.value.switched;
    if (!s) return '';
    const at = new Date(s.at);
    return t('status.domainSwitchedAt', {
      at: Number.isNaN(at.getTime()) ? s.at : at.toLocaleTimeString(),
      from: s.from,
      to: s.to,
      reason: t(domainReasonKey(s.reason)),
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.onLine();
    window.addEventListener('online', this.onLine);
    window.addEventListener('offline', this.onLine);
    void storageUse()
      .then((u) => (this.storageUse = u))
      .catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onLine);
    window.removeEventListener('offline', this.onLine);
  }

  /** Technical detail for the integrator (wire names, relay domain, report queue), closed by default. */
  private renderDiagnostics() {
    const r = this.relay.value;
    // Offline, neither the relay nor cpay can be reached, whatever the last probe said.
    const seen: { relay: Reachability | 'offline'; cpay: Reachability } = this.offline ? { relay: 'offline', cpay: 'down' } : r;
    const s = { ...DEFAULT_SETTINGS, ...this.settings.value };
    const mb = (b: number | undefined) => (b === undefined ? '—' : (b / 1_048_576).toFixed(1));
    const row = (k: string, v: string | number) =>
      html`<dt>${k}</dt>
        <dd>${v}</dd>`;
    return html`<details class="panel" data-diagnostics>
      <summary>${t('settings.diagnostics')}</summary>
      <p class="hint">${t('settings.diagnosticsHint')}</p>
      <dl>
        ${row('sn', this.services.identity.current ?? '—')}
        <dt>${t('status.relay')} (relay)</dt>
        <dd class=${seen.relay === 'offline' ? 'down' : seen.relay} data-diag-relay>${reach(seen.relay)}</dd>
        <dt>${t('status.cpay')} (cpay)</dt>
        <dd class=${seen.cpay} data-diag-cpay>${reach(seen.cpay)}</dd>
        <dt>domain</dt>
        <dd data-testid="domain" title=${this.switchText()} data-switch-reason=${r.switched?.reason ?? ''}>${r.domain ?? '—'}</dd>
        ${r.switched ? row('last switch', this.switchText()) : ''}
        <dt>${t('settings.storageUse')}</dt>
        <dd data-storage-use>${t('settings.storageUseValue', { used: mb(this.storageUse.usage), quota: mb(this.storageUse.quota) })}</dd>
        ${row('device_report pending', this.pending.value)}${row('sub_terminal_type', s.subTerminalType)}${row('spbill_create_ip', s.spbillCreateIp || '127.0.0.1')}
      </dl>
    </details>`;
  }

  override render() {
    const b = this.binding.value;
    const onOff = (v: boolean) => t(v ? 'settings.on' : 'settings.off');
    return html`<h1>${t('settings.title')}</h1>
      <section class="panel">
        <h2>${t('settings.language')}</h2>
        <div class="row" role="group" aria-label=${t('settings.language')}>
          ${LOCALES.map(
            (l) =>
              html`<button
                class=${l === this.settings.value.locale ? '' : 'secondary'}
                aria-pressed=${l === this.settings.value.locale ? 'true' : 'false'}
                lang=${l}
                @click=${() => void this.changeLocale(l)}
              >
                ${l === 'en' ? 'English' : '简体中文'}
              </button>`,
          )}
        </div>
      </section>
      <section class="panel">
        <h2>${t('settings.identity')}</h2>
        <dl>
          <dt>${t('settings.sn')}</dt>
          <dd data-testid="sn">${this.services.identity.current ?? '—'}</dd>
          <dt>${t('settings.version')}</dt>
          <dd data-app-version>${buildLabel()}</dd>
          ${this.relayVersions()}
        </dl>
        <h2>${t('settings.storage')}</h2>
        <p data-testid="storage-persistence" data-storage=${this.storage.value}>${t(`settings.storage.${this.storage.value}`)}</p>
        <h2>${t('settings.binding')}</h2>
        <dl>
          <dt>${t('status.shop')}</dt>
          <dd>${b?.shopName ?? t('status.unbound')}</dd>
          <dt>${t('status.device')}</dt>
          <dd>${b?.deviceName ?? '—'}</dd>
        </dl>
        <div class="row">
          <button data-testid="rebind" @click=${() => this.services.navigate('bind')}>${t('settings.rebind')}</button>
          ${
            b
              ? html`<button
                  class="secondary"
                  @click=${() => {
                    this.confirming = 'unbind';
                  }}
                >
                  ${t('settings.unbind')}
                </button>`
              : ''
          }
          <button
            class="secondary"
            @click=${() => {
              this.confirming = 'reset';
            }}
          >
            ${t('settings.reset')}
          </button>
        </div>
        ${this.confirmBox()} ${this.message ? html`<p role="status" data-settings-message>${this.message}</p>` : ''}
      </section>
      <section class="panel">
        <div class="row">
          <button class="secondary" data-testid="kiosk" aria-pressed=${this.settings.value.kioskMode ? 'true' : 'false'} @click=${() => this.kiosk()}>
            ${t(this.settings.value.kioskMode ? 'settings.kioskExit' : 'settings.kiosk')}
          </button>
          <button class="secondary" aria-pressed=${this.settings.value.wakeLock ? 'true' : 'false'} @click=${() => void this.toggleWakeLock()}>
            ${t('settings.wakeLock')}: ${onOff(this.settings.value.wakeLock)}
          </button>
        </div>
      </section>
      ${
        this.kioskAsk
          ? html`<staff-authorize
              data-kiosk-authorize
              .reason=${ts('staff.auth.kioskExit')}
              @staff-pin-ok=${(e: CustomEvent<PinCheck>) => {
                if (!e.detail.ok) return;
                this.kioskAsk = false;
                void leaveKiosk(this.services).catch((err: unknown) => console.warn('[kiosk]', err));
              }}
              @staff-pin-cancel=${() => {
                this.kioskAsk = false;
              }}
            ></staff-authorize>`
          : ''
      }
      ${this.services.staff ? html`<staff-settings></staff-settings>` : ''}
      <settings-payment></settings-payment>
      <settings-devices></settings-devices>
      ${this.renderDiagnostics()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-screen': SettingsScreen;
  }
}
