import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { EMPTY, take } from 'rxjs';
import type { DeviceRuntime } from './device-runtime.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import './device-row.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import type { PrinterConnection } from '../../platform/devices/printer/webusb.js';
import { maskCode } from '../../platform/devices/scanner/classify.js';
import type { ScannerConnection } from '../../platform/devices/scanner/webhid.js';
import { tb } from '../../i18n/bookkeeping.js';
import { scanKindText, tdev } from '../../i18n/devices.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';

type Row = 'printer' | 'scanner';
const detail = (e: unknown) => tdev('dev.error', { detail: e instanceof Error ? e.message : String(e) });

/**
 * Settings → devices and voice: pair (from the click), test-print, test-scan (shows the next scan
 * and what it was classified as), forget; voice on/off, volume and a test sentence.
 */
@customElement('settings-devices')
export class SettingsDevices extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      label {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: center;
        font-weight: 600;
      }
      select {
        max-width: 100%;
        min-width: 0;
      }
      @media (max-width: 600px) {
        label {
          flex-direction: column;
          align-items: stretch;
          max-width: 100%;
        }
        select {
          width: 100%;
        }
      }
      input[type='range'] {
        min-width: 200px;
        margin: 0; /* its left edge in line with the other controls */
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private runtime: DeviceRuntime | undefined;
  @state() private messages: Readonly<Record<Row, string>> = { printer: '', scanner: '' };
  private readonly printer = new ObservableController<PrinterConnection>(this, EMPTY, { state: 'disconnected' });
  private readonly scanner = new ObservableController<ScannerConnection>(this, EMPTY, { devices: [] });
  private readonly settings = new ObservableController(this, () => this.services.preferences.settings$, DEFAULT_SETTINGS);

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The Wi-Fi QR panel (and its QR encoder) loads on its own: it is rarely opened.
    void import('../settings/wifi-qr-panel.js');
    void this.services.devices?.runtime().then((r) => {
      this.runtime = r;
      this.printer.setSource(r.printerConnection$);
      this.scanner.setSource(r.scanner.connection$);
    });
  }

  private say(row: Row, message: string): void {
    this.messages = { ...this.messages, [row]: message };
  }

  /** Runs an action; its failure is shown on the row (never thrown away). */
  private run(row: Row, work: () => Promise<unknown>, done = ''): void {
    this.say(row, '');
    work().then(
      () => {
        if (done) this.say(row, done);
      },
      (e: unknown) => this.say(row, detail(e)),
    );
  }

  private onAction(row: Row, id: string): void {
    const r = this.runtime;
    if (!r) return;
    if (row === 'printer' && id === 'pair') this.run(row, () => r.printer.pair());
    if (row === 'printer' && id === 'forget') this.run(row, () => r.printer.forget());
    if (row === 'printer' && id === 'test') this.run(row, () => r.testPrint(), tdev('dev.printed'));
    if (row === 'scanner' && id === 'pair') this.run(row, () => r.scanner.pair());
    if (row === 'scanner' && id === 'forget') this.run(row, () => r.scanner.forget());
    if (row === 'scanner' && id === 'test') this.testScan();
  }

  private testScan(): void {
    const hub = this.services.devices?.hub;
    if (!hub) return;
    this.say('scanner', tdev('dev.testScanWaiting'));
    // Claims the next scan of any kind, so it is shown here and not as "not expected".
    hub
      .waitFor(() => true)
      .pipe(take(1))
      .subscribe((s) =>
        this.say(
          'scanner',
          tdev('dev.testScanResult', {
            text: s.class.kind === 'payment_code' ? maskCode(s.scan.text) : s.scan.text.slice(0, 48),
            source: s.scan.source,
            kind: scanKindText(s.class),
          }),
        ),
      );
  }

  private renderRows() {
    const p = this.printer.value;
    const hid = this.scanner.value.devices;
    const nav = navigator as Navigator & { usb?: unknown; hid?: unknown };
    const act = (id: string, label: string, disabled = false) => ({ id, label, disabled: disabled || !this.runtime });
    return html`<device-row
        .heading=${tdev('dev.printer')}
        ?connected=${p.state === 'connected'}
        .message=${this.messages.printer}
        .state=${p.state === 'connected' ? p.name : `${tdev('dev.none')} — ${tdev('dev.virtual')}`}
        data-row="printer"
        .actions=${[act('pair', tdev('dev.pair'), !nav.usb), act('test', tdev('dev.testPrint')), act('forget', tdev('dev.forget'), p.state !== 'connected')]}
        @device-action=${(e: CustomEvent<{ id: string }>) => this.onAction('printer', e.detail.id)}
      ></device-row>
      <device-row
        .heading=${tdev('dev.scanner')}
        ?connected=${hid.length > 0}
        .message=${this.messages.scanner}
        data-row="scanner"
        .state=${`${hid.length ? hid.map((d) => d.name).join('、') : tdev('dev.none')} · ${tdev('dev.wedge')}`}
        .actions=${[act('pair', tdev('dev.pair'), !nav.hid), act('test', tdev('dev.testScan')), act('forget', tdev('dev.forget'), hid.length === 0)]}
        @device-action=${(e: CustomEvent<{ id: string }>) => this.onAction('scanner', e.detail.id)}
      ></device-row>
      ${nav.usb ? '' : html`<p class="hint">${tdev('dev.unsupported', { api: 'WebUSB' })}</p>`} ${this.renderDrawerPin()}`;
  }

  /** The cash drawer's pin on the printer's drawer port (ESC p m: pin 2 → m 0, pin 5 → m 1); 0 = the printer profile's. */
  private renderDrawerPin() {
    const pin = this.settings.value.drawerPin;
    const prefs = this.services.preferences;
    return html`<div class="row">
      <label
        >${tb('bk.drawer.pinSetting')}<select
          data-drawer-pin-setting
          @change=${(e: Event) => void prefs.set('drawerPin', Number((e.target as HTMLSelectElement).value))}
        >
          ${([0, 2, 5] as const).map((p) => html`<option value=${p} ?selected=${pin === p}>${tb(p === 0 ? 'bk.drawer.pinAuto' : p === 2 ? 'bk.drawer.pin2' : 'bk.drawer.pin5')}</option>`)}
        </select></label
      >
    </div>`;
  }

  private renderVoice() {
    const s = this.settings.value;
    const prefs = this.services.preferences;
    return html`<h2>${tdev('dev.voice')}</h2>
      <div class="row">
        <button
          type="button"
          class="secondary"
          aria-pressed=${s.voiceEnabled ? 'true' : 'false'}
          data-voice-toggle
          @click=${() => void prefs.set('voiceEnabled', !s.voiceEnabled)}
        >
          ${tdev(s.voiceEnabled ? 'dev.voiceOn' : 'dev.voiceOff')}
        </button>
        <label
          >${tdev('dev.volume')}<input
            type="range"
            min="0"
            max="100"
            step="10"
            .value=${String(Math.round(s.voiceVolume * 100))}
            data-voice-volume
            @change=${(e: Event) => void prefs.set('voiceVolume', Number((e.target as HTMLInputElement).value) / 100)}
        /></label>
        <label
          >${tdev('dev.voiceMode')}<select
            data-voice-mode
            @change=${(e: Event) => void prefs.set('voiceMode', (e.target as HTMLSelectElement).value as typeof s.voiceMode)}
          >
            ${(['auto', 'clips', 'speech'] as const).map((m) => html`<option value=${m} ?selected=${s.voiceMode === m}>${tdev(`dev.voiceMode.${m}`)}</option>`)}
          </select></label
        >
        <button type="button" class="secondary" data-voice-test @click=${() => this.services.voice.announce({ kind: 'test' })}>${tdev('dev.voiceTest')}</button>
      </div>`;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="devices-h">
      <h2 id="devices-h">${tdev('dev.title')}</h2>
      ${this.renderRows()}${this.renderVoice()} <wifi-qr-panel></wifi-qr-panel>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-devices': SettingsDevices;
  }
}
