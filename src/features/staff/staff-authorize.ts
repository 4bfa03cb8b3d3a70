import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { ts } from '../../i18n/staff.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import { NO_LOCKOUT } from './staff.js';
import './staff-pin-entry.js';

/**
 * A manager's code and PIN asked in place for a gated action (a large refund, settings, leaving
 * kiosk mode): the signed-in cashier stays signed in; wrong PINs count towards the same lockout.
 *
 * @fires staff-pin-ok - a manager authorised (detail.staff is the manager)
 * @fires staff-pin-cancel - the cashier gave up
 */
@customElement('staff-authorize')
export class StaffAuthorize extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin: 16px 0;
        padding: 16px;
        border: 2px solid var(--warn);
        border-radius: 8px;
        background: #fffbeb;
        max-width: 560px;
      }
      h2 {
        margin-top: 0;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  /** Why a manager is needed (shown above the fields). */
  @property() reason = '';
  private readonly lockout = new ObservableController(this, () => this.services.staff!.lockout$, NO_LOCKOUT);

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`<div role="dialog" aria-labelledby="t">
      <h2 id="t">${ts('staff.auth.title')}</h2>
      <p data-auth-reason>${this.reason}</p>
      <staff-pin-entry
        cancellable
        .check=${(code: string, pin: string) => this.services.staff!.authorize(code, pin)}
        .lockout=${this.lockout.value}
        .submitLabel=${ts('staff.auth.submit')}
      ></staff-pin-entry>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-authorize': StaffAuthorize;
  }
}
