/**
 * The camera button of the checkout, refund and deposit screens (issue 6: tablets without a
 * scanner). Tiny on purpose: the scanner view, its decoder and the ~1 MB wasm load only on the
 * first click (camera-view.ts). The view feeds what it reads into the scan hub as a `camera`
 * scan, so each screen takes it exactly like a HID scan. Hidden when the app has no devices.
 */
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { tdev } from '../../i18n/devices.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';

/**
 * A camera outline as inline SVG (an emoji 📷 is a missing-glyph box on a tablet or Chromium without
 * an emoji font). Decorative: the button's text names it; drawn in the button's text colour.
 */
const cameraIcon = html`<svg
  viewBox="0 0 24 24"
  width="20"
  height="20"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linejoin="round"
  aria-hidden="true"
  data-icon="camera"
>
  <path d="M3 8h4l2-3h6l2 3h4v11H3z" />
  <circle cx="12" cy="13" r="3.5" />
</svg>`;

/** Opens the camera scanner over the page (lazy chunk); resolves once it is shown. */
export async function openCameraScanner(services: AppServices): Promise<void> {
  const devices = services.devices;
  if (!devices) return;
  const { showCameraView } = await import('./camera-view.js');
  showCameraView(document.body, (scan) => devices.feed(scan), navigator.mediaDevices);
}

/** A "Scan with camera" button. */
@customElement('camera-scan-button')
export class CameraScanButton extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: inline-block;
      }
      button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
      }
      svg {
        flex: none;
      }
    `,
  ];
  @consume({ context: servicesContext }) services!: AppServices;
  @property({ type: Boolean }) disabled = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    if (!this.services?.devices) return '';
    return html`<button
      type="button"
      class="secondary"
      data-camera-open
      ?disabled=${this.disabled}
      @click=${() => void openCameraScanner(this.services).catch((e: unknown) => console.warn('[camera]', e))}
    >
      ${cameraIcon}${tdev('dev.camera.open')}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'camera-scan-button': CameraScanButton;
  }
}
