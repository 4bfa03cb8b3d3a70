/**
 * The camera scanner over the page (its own lazy chunk; the decoder and wasm load from here):
 * opens the rear camera, reads frames with the native BarcodeDetector or the bundled zxing-wasm
 * polyfill (devices/scanner/camera.ts), feeds the first code read into the scan hub and closes.
 * No camera, a refused permission or an insecure page give a clear message with the way out
 * (a scanner or typing). Escape or the close button end it; the camera is always released.
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { retry, take, type Subscription } from 'rxjs';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { isDeviceError } from '../../platform/devices/errors.js';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the camera overlay runs its own camera session (getUserMedia) while open; main.ts hands in only the platform objects
import { cameraScans, createDetector, openCamera, type DetectorCtor } from '../../platform/devices/scanner/camera.js';
import type { RawScan } from '../../platform/devices/scanner/types.js';
import { tdev } from '../../i18n/devices.js';

type CameraProblem = 'permission_denied' | 'unsupported' | 'camera_unavailable';
const problemOf = (e: unknown): CameraProblem =>
  isDeviceError(e, 'permission_denied') ? 'permission_denied' : isDeviceError(e, 'unsupported') ? 'unsupported' : 'camera_unavailable';

/** The overlay; `feed` gets the scan, `mediaDevices` is injected (`navigator.mediaDevices`). */
@customElement('camera-scan-view')
export class CameraScanView extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 50;
        display: grid;
        place-items: center;
        background: rgb(0 0 0 / 0.6);
      }
      .box {
        background: var(--bg, #fff);
        border-radius: 12px;
        padding: 16px;
        display: grid;
        gap: 12px;
        max-width: min(92vw, 560px);
      }
      video {
        width: 100%;
        max-height: 60vh;
        background: #000;
        border-radius: 8px;
      }
    `,
  ];

  feed: (scan: RawScan) => void = () => undefined;
  mediaDevices: Pick<MediaDevices, 'getUserMedia'> | undefined;
  @state() private status: 'starting' | 'scanning' | CameraProblem = 'starting';
  private stream: MediaStream | undefined;
  private sub: Subscription | undefined;
  /** Escape closes the view only: stopped here so the checkout behind it does not cancel the sale. */
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopImmediatePropagation();
      this.remove();
    }
  };

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey, { capture: true });
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey, { capture: true });
    this.sub?.unsubscribe();
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = undefined;
  }

  private async start(): Promise<void> {
    try {
      const native = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
      const [opened, loaded] = await Promise.allSettled([openCamera(this.mediaDevices), createDetector(native)]);
      if (opened.status === 'fulfilled') this.stream = opened.value;
      if (opened.status === 'rejected') throw opened.reason;
      if (loaded.status === 'rejected') throw loaded.reason;
      const [stream, detector] = [opened.value, loaded.value];
      await this.updateComplete;
      const video = this.renderRoot.querySelector('video');
      if (!this.isConnected || !video) {
        this.disconnectedCallback();
        return;
      }
      video.srcObject = stream;
      await video.play();
      this.status = 'scanning';
      // A frame the decoder cannot read yet (video still warming up) is retried, not fatal.
      this.sub = cameraScans(video, detector)
        .pipe(retry({ count: 20, delay: 250 }), take(1))
        .subscribe({
          next: (scan) => {
            this.feed(scan);
            this.remove();
          },
          error: (e: unknown) => {
            this.status = problemOf(e);
          },
        });
    } catch (e) {
      console.warn('[camera]', e);
      this.status = problemOf(e);
      for (const t of this.stream?.getTracks() ?? []) t.stop(); // no camera light without a decoder
    }
  }

  override render() {
    const s = this.status;
    const problem = s !== 'starting' && s !== 'scanning';
    return html`<div class="box" role="dialog" aria-modal="true" aria-label=${tdev('dev.camera.title')} data-camera-status=${s}>
      <h2>${tdev('dev.camera.title')}</h2>
      ${
        problem
          ? html`<p class="error" role="alert" data-camera-error=${s}>${tdev(`dev.camera.${s}`)}</p>`
          : html`<video muted playsinline></video>
              <p class="hint" role="status">${tdev(s === 'starting' ? 'dev.camera.starting' : 'dev.camera.scanning')}</p>`
      }
      <button type="button" class="secondary" data-camera-close @click=${() => this.remove()}>${tdev('dev.camera.close')}</button>
    </div>`;
  }
}

/** Shows the camera scanner on `parent` (one at a time). */
export function showCameraView(
  parent: HTMLElement,
  feed: (scan: RawScan) => void,
  mediaDevices: Pick<MediaDevices, 'getUserMedia'> | undefined,
): CameraScanView {
  parent.querySelector('camera-scan-view')?.remove();
  const view = document.createElement('camera-scan-view');
  view.feed = feed;
  view.mediaDevices = mediaDevices;
  parent.append(view);
  return view;
}

declare global {
  interface HTMLElementTagNameMap {
    'camera-scan-view': CameraScanView;
  }
}
