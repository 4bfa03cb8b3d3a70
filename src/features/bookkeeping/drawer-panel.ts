import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { firstValueFrom } from 'rxjs';
import { customElement, state } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { tb } from '../../i18n/bookkeeping.js';
import type { DrawerEvent } from './drawer.js';
import type { PinCheck } from '../staff/staff-service.js';
import '../staff/staff-authorize.js';

/**
 * 打开钱箱 on demand (a manager's "no sale" open): the drawer kick goes through the printer path
 * (devices.openDrawer) and the open is written to the drawer log with who and why. Gated by
 * today's manager PIN (the refund PIN) when one is set.
 */
@customElement('drawer-panel')
export class DrawerPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: inline-block;
      }
      form {
        display: inline-flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
      }
      input {
        width: 8em;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private asking = false;
  /** A cashier asked: a manager authorises in place. */
  @state() private authorizing = false;
  @state() private message = '';
  @state() private busy = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  private async onOpen(): Promise<void> {
    this.message = '';
    const staff = this.services.staff;
    if (staff) {
      // A manager on shift opens it; a cashier asks a manager in place (code + PIN, the same lockout).
      if (staff.current?.role === 'manager') await this.kick();
      else this.authorizing = true;
      return;
    }
    // Shells without staff (tests): the manager PIN of the refund screen, when one is set.
    const required = await this.services.afterSale.pin.required().catch(() => true);
    if (required) {
      this.asking = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[data-drawer-pin]')?.focus();
      return;
    }
    await this.kick();
  }

  private async onPin(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[data-drawer-pin]');
    const pin = input?.value ?? '';
    if (input) input.value = '';
    const ok = await this.services.afterSale.pin.verify(pin).catch(() => false);
    if (!ok) {
      this.message = tb('bk.drawer.pinWrong');
      return;
    }
    this.asking = false;
    await this.kick();
  }

  private async kick(): Promise<void> {
    const s = this.services;
    this.busy = true;
    let sent: DrawerEvent['sent'] = 'failed';
    try {
      const o = await (s.devices?.openDrawer() ?? Promise.reject(new Error('no printer path')));
      sent = o.kind === 'interrupted' ? 'failed' : 'printer';
      this.message = sent === 'printer' ? tb('bk.drawer.opened') : tb('bk.drawer.failed', { detail: o.kind === 'interrupted' ? o.error.message : '' });
    } catch (err: unknown) {
      this.message = tb('bk.drawer.failed', { detail: err instanceof Error ? err.message : String(err) });
    }
    this.busy = false;
    // staff: the signed-in staff member ({ staffId, staffName }) replaces the binding's here.
    const b = await firstValueFrom(s.binding$).catch(() => undefined);
    await s.bookkeeping?.drawerLog
      .append({
        at: s.clock.serverNow(),
        reason: 'manual',
        ...(b?.staffId ? { staffId: b.staffId } : {}),
        ...(b?.staffName ? { staffName: b.staffName } : {}),
        sent,
      })
      .catch((err: unknown) => console.warn('[drawer] log', err));
  }

  override render() {
    if (this.authorizing)
      return html`<staff-authorize
        data-drawer-authorize
        .reason=${tb('bk.drawer.managerReason')}
        @staff-pin-ok=${(e: CustomEvent<PinCheck>) => {
          if (!e.detail.ok) return;
          this.authorizing = false;
          void this.kick();
        }}
        @staff-pin-cancel=${() => {
          this.authorizing = false;
        }}
      ></staff-authorize>`;
    return html`${
      this.asking
        ? html`<form @submit=${(e: SubmitEvent) => void this.onPin(e)} data-drawer-form>
            <label
              >${tb('bk.drawer.pinLabel')} <input type="password" inputmode="numeric" autocomplete="off" data-drawer-pin aria-label=${tb('bk.drawer.pin')}
            /></label>
            <button type="submit" data-drawer-submit>${tb('bk.drawer.open')}</button>
          </form>`
        : html`<button type="button" class="secondary" data-drawer-open ?disabled=${this.busy} @click=${() => void this.onOpen()}>
            ${tb('bk.drawer.open')}
          </button>`
    }
    ${this.message ? html`<span class="hint" role="status" data-drawer-message>${this.message}</span>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'drawer-panel': DrawerPanel;
  }
}
