import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { tdev } from '../../i18n/devices.js';
import { wifiQrPayload, type WifiSecurity } from './wifi-qr.js';
import '../../ui/qr-code.js';
import { theme } from '../../ui/theme.js';

/**
 * Settings → Wi-Fi QR: a browser cannot change the tablet's Wi-Fi (say so), but it can show the
 * shop network as a `WIFI:` QR that a phone's or tablet's camera joins. Nothing is stored: the
 * password lives only in this form while it is open.
 */
@customElement('wifi-qr-panel')
export class WifiQrPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin-top: 24px; /* apart from the voice row above it */
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: end;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 4px;
        font-weight: 600;
      }
      /* The checkbox and its words on one centre line, as tall as the fields beside it. */
      label.check {
        flex-direction: row;
        align-items: center;
        gap: 8px;
        min-height: 48px;
      }
      .error {
        color: #b91c1c;
      }
    `,
  ];

  @state() private ssid = '';
  @state() private security: WifiSecurity = 'WPA';
  @state() private password = '';
  @state() private hiddenNet = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const r = wifiQrPayload({ ssid: this.ssid, security: this.security, password: this.password, hidden: this.hiddenNet });
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<h2>${tdev('wifi.title')}</h2>
      <p>${tdev('wifi.intro')}</p>
      <form @submit=${(e: Event) => e.preventDefault()}>
        <label
          >${tdev('wifi.ssid')}<input
            data-wifi-ssid
            autocomplete="off"
            .value=${this.ssid}
            @input=${(e: Event) => {
              this.ssid = value(e);
            }}
        /></label>
        <label
          >${tdev('wifi.security')}<select
            data-wifi-security
            @change=${(e: Event) => {
              this.security = value(e) as WifiSecurity;
            }}
          >
            ${(['WPA', 'WEP', 'nopass'] as const).map((s) => html`<option value=${s} ?selected=${this.security === s}>${tdev(`wifi.security.${s}`)}</option>`)}
          </select></label
        >
        ${
          this.security === 'nopass'
            ? ''
            : html`<label
                >${tdev('wifi.password')}<input
                  type="password"
                  data-wifi-password
                  autocomplete="off"
                  .value=${this.password}
                  @input=${(e: Event) => {
                    this.password = value(e);
                  }}
              /></label>`
        }
        <label class="check"
          ><input
            type="checkbox"
            data-wifi-hidden
            .checked=${this.hiddenNet}
            @change=${(e: Event) => {
              this.hiddenNet = (e.target as HTMLInputElement).checked;
            }}
          /><span>${tdev('wifi.hidden')}</span></label
        >
      </form>
      ${
        this.ssid === ''
          ? ''
          : r.ok
            ? html`<qr-code .text=${r.payload} .label=${tdev('wifi.qrLabel', { ssid: this.ssid })} data-wifi-qr></qr-code>`
            : html`<p class="error" role="alert">${tdev(`wifi.error.${r.error}`)}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wifi-qr-panel': WifiQrPanel;
  }
}
