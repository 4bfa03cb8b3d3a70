/**
 * Sandbox helpers shown inside the bind and checkout screens, only when the relay runs in sandbox
 * mode: "simulate merchant confirmation" for the QR on screen, and the scenario customer codes
 * (a click feeds the code through the scan hub, exactly as a scanner would). Screen parts: they
 * bind services to presentational components.
 */
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import './sandbox-codes.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import { tdev, type DevicesMessageKey } from '../../i18n/devices.js';
import { confirmBinding, loadScenarios, sandboxMode$, type SandboxScenario } from './sandbox.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';

const styles = [
  theme,
  css`
    :host {
      display: block;
      margin-top: 16px;
    }
    .panel {
      border-style: dashed;
    }
    h2 {
      font-size: 1.05rem;
    }
  `,
];
const errText = (e: unknown) => tdev('sandbox.failed', { detail: e instanceof Error ? e.message : String(e) });

/** On the binding screen: confirms the displayed QR as the merchant. */
@customElement('sandbox-bind-panel')
export class SandboxBindPanel extends LitElement {
  static override styles = styles;
  @consume({ context: servicesContext }) services!: AppServices;
  /** The binding QR's URL on screen (nothing to confirm without it). */
  @property() url: string | undefined;
  @state() private message = '';
  private readonly sandbox = new ObservableController(this, () => sandboxMode$(this.services.signals), false);

  constructor() {
    super();
    new LocaleController(this);
  }

  private async confirm(url: string): Promise<void> {
    this.message = '';
    try {
      await confirmBinding(window.fetch.bind(window), url);
      this.message = tdev('sandbox.confirmed');
    } catch (e) {
      this.message = errText(e);
    }
  }

  override render() {
    const url = this.url;
    if (!this.sandbox.value || !url) return '';
    return html`<section class="panel" aria-label=${tdev('sandbox.title')}>
      <h2>${tdev('sandbox.title')}</h2>
      <button type="button" data-sandbox-confirm @click=${() => void this.confirm(url)}>${tdev('sandbox.confirmBind')}</button>
      ${this.message ? html`<p class="hint" role="status">${this.message}</p>` : ''}
    </section>`;
  }
}

/** On the checkout: the scenario customer codes; a click is a scan. */
@customElement('sandbox-pay-panel')
export class SandboxPayPanel extends LitElement {
  static override styles = styles;
  @consume({ context: servicesContext }) services!: AppServices;
  @state() private scenarios: readonly SandboxScenario[] = [];
  @state() private error = '';
  private requested = false;
  private readonly sandbox = new ObservableController(
    this,
    () => sandboxMode$(this.services.signals),
    false,
    (on) => {
      if (on) this.load();
    },
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  private load(): void {
    if (this.requested) return;
    this.requested = true;
    loadScenarios(window.fetch.bind(window)).then(
      (s) => {
        this.scenarios = s;
      },
      (e: unknown) => {
        this.error = errText(e);
        this.requested = false;
      },
    );
  }

  override render() {
    if (!this.sandbox.value || !this.services.devices) return '';
    const devices = this.services.devices;
    return html`<section class="panel" aria-label=${tdev('sandbox.title')}>
      <h2>${tdev('sandbox.title')}</h2>
      <p class="hint">${tdev('sandbox.codesHint')}</p>
      <sandbox-codes
        .caption=${tdev('sandbox.codes')}
        .scenarios=${this.scenarios}
        .scenarioLabel=${(name: string) => tdev(`sandbox.scenario.${name}` as DevicesMessageKey)}
        .platforms=${{ wechat: tdev('sandbox.platform.wechat'), alipay: tdev('sandbox.platform.alipay'), card: tdev('sandbox.platform.card') }}
        @sandbox-code=${(e: CustomEvent<{ code: string }>) => devices.inject(e.detail.code)}
      ></sandbox-codes>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sandbox-bind-panel': SandboxBindPanel;
    'sandbox-pay-panel': SandboxPayPanel;
  }
}
