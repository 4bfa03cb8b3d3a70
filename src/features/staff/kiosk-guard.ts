import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { combineLatest, firstValueFrom, map } from 'rxjs';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { ts } from '../../i18n/staff.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import type { PinCheck } from './staff-service.js';
import './staff-authorize.js';

/**
 * Kiosk mode is a setting kept across reloads, not just browser full screen: when full screen is
 * left (Esc, a reload) while kiosk mode is on, this banner offers to go back (one tap) or to leave
 * kiosk mode, which needs a manager's code and PIN.
 */
@customElement('kiosk-guard')
export class KioskGuard extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .panel {
        margin: 8px 16px;
        padding: 12px 16px;
        border: 2px solid var(--warn);
        border-radius: 8px;
        background: #fffbeb;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private asking = false;
  private readonly left = new ObservableController(
    this,
    () => combineLatest([this.services.preferences.settings$, this.services.platform.fullscreen$]).pipe(map(([s, fs]) => s.kioskMode === true && !fs)),
    false,
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  private async leave(e: CustomEvent<PinCheck>): Promise<void> {
    if (!e.detail.ok) return;
    this.asking = false;
    await leaveKiosk(this.services);
  }

  override render() {
    if (!this.left.value) return '';
    return html`<div class="panel" role="alert" data-kiosk-left>
      <p>${ts('staff.kiosk.left')}</p>
      <div class="row">
        <button data-kiosk-back @click=${() => void this.services.platform.toggleFullscreen().catch(() => undefined)}>${ts('staff.kiosk.back')}</button>
        <button
          class="secondary"
          data-kiosk-exit
          @click=${() => {
            this.asking = true;
          }}
        >
          ${ts('staff.kiosk.exit')}
        </button>
      </div>
      ${
        this.asking
          ? html`<staff-authorize
              .reason=${ts('staff.auth.kioskExit')}
              @staff-pin-ok=${(e: CustomEvent<PinCheck>) => void this.leave(e)}
              @staff-pin-cancel=${() => {
                this.asking = false;
              }}
            ></staff-authorize>`
          : ''
      }
    </div>`;
  }
}

/** Enters kiosk mode: the setting (kept across reloads) and full screen. */
export async function enterKiosk(s: AppServices): Promise<void> {
  // Full screen first, while the tap's user activation is fresh; then the setting.
  if (!(await firstValueFrom(s.platform.fullscreen$))) await s.platform.toggleFullscreen();
  await s.preferences.set('kioskMode', true);
}

/** Leaves kiosk mode (after a manager authorised it): the setting off and full screen left. */
export async function leaveKiosk(s: AppServices): Promise<void> {
  await s.preferences.set('kioskMode', false);
  if (await firstValueFrom(s.platform.fullscreen$)) await s.platform.toggleFullscreen();
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-guard': KioskGuard;
  }
}
