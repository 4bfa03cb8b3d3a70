import { provide } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { map, of } from 'rxjs';
import '../../ui/notice-banner.js';
import './status-bar.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import type { BootEvent } from '../../features/binding/boot-flow.js';
import { getLocale, t } from '../../i18n/index.js';
import { bootNotice, routeAfterBoot } from './boot-notice.js';
import { routeAfterSignIn } from './nav-guard.js';
import { helpHref } from './help.js';
import { loadKioskGuard, loadScreen, loadStaffAuthorize, loadStaffGate, renderScreen } from './routes.js';
import { servicesContext, type AppServices, type Route } from '../context/services.js';
import { ShellStatus } from './shell-status.js';
import type { PinCheck, StaffState } from '../../features/staff/staff-service.js';

/** What a notice is about, ignoring attempt counts and delays. */
const noticeKind = (e: BootEvent | undefined) => (e ? `${e.type}:${e.type === 'check_failed' ? e.failure : ''}` : undefined);

/** The shell: header and navigation, status bar, boot notice, and the current screen. Routes only. */
@customElement('cpay-app')
export class CpayApp extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: center;
        justify-content: space-between;
        padding: 8px 16px;
        background: var(--accent);
        color: #fff;
      }
      header h1 {
        color: #fff;
        margin: 0;
        font-size: 1.3rem;
      }
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      nav button,
      a.help {
        white-space: nowrap;
        padding: 0 14px;
      }
      a.help {
        display: inline-flex;
        align-items: center;
        min-height: 48px;
        box-sizing: border-box;
        border: 2px solid #fff;
        border-radius: 8px;
        color: #fff;
        font-weight: 600;
        text-decoration: none;
      }
      @media (max-width: 600px) {
        a.help {
          padding: 0 10px;
          min-height: 44px;
        }
      }
      @media (max-width: 600px) {
        header {
          padding: 8px;
        }
        nav {
          gap: 6px;
        }
        nav button {
          padding: 0 10px;
          min-height: 44px;
        }
      }
      nav button {
        background: #fff;
        color: var(--accent);
      }
      nav button[aria-current='page'] {
        background: #0a3d73;
        color: #fff;
        border-color: #fff;
      }
      main {
        flex: 1;
        /* The receipt preview docked at the corner (devices-ui.ts) takes its own room, so it never
           covers the screen's buttons (银行卡 F3, 打开钱箱 after a sale): beside the screen when wide,
           below it on a phone. */
        padding-bottom: var(--receipt-dock-h, 0px);
      }
      /* Beside the screen from 1000 px (1024×768: narrower dock, app.css; checkout-screen.ts). */
      @media (min-width: 1000px) {
        main {
          padding-right: var(--receipt-dock-w, 0px);
        }
      }
      main[tabindex]:focus,
      main[tabindex]:focus-visible {
        outline: none;
      }
      .loading {
        padding: 24px;
      }
      .staff {
        display: flex;
        align-items: center;
        gap: 8px;
        color: #fff;
        font-weight: 600;
      }
      .gate-auth {
        padding: 24px;
      }
      .skip {
        position: absolute;
        left: -9999px;
      }
      .skip:focus {
        left: 8px;
        top: 8px;
        z-index: 10;
        background: #fff;
        padding: 8px;
        color: var(--accent);
      }
    `,
  ];

  @provide({ context: servicesContext }) @property({ attribute: false }) services!: AppServices;
  /** Kind of the dismissed notice: retries of the same problem stay dismissed, a new problem shows. */
  @state() private dismissed: string | undefined;
  private lastRoute: Route | undefined;
  private readonly status = new ShellStatus(this, () => this.services);
  private readonly route = new ObservableController<Route>(
    this,
    () => this.services.route$ ?? of('loading'),
    'loading',
    (r) => void loadScreen(r),
  );
  private readonly boot = new ObservableController<BootEvent | undefined>(
    this,
    () => this.services.flows.boot$,
    undefined,
    (e) => this.onBoot(e),
  );
  private readonly navRefused = new ObservableController<string>(this, () => this.services.navRefused$ ?? of(''), '');
  /** The last staff state was nobody signed in (a sign-in is a fresh start of a shift). */
  private staffWasOut = false;
  /** Who is on shift; a shell without staff (tests) counts as signed in with every right. */
  private readonly staff = new ObservableController<StaffState | undefined>(
    this,
    () => this.services.staff?.state$ ?? of(undefined),
    { kind: 'loading' },
    // The sign-in (or first manager) form is its own chunk: loaded only when nobody is signed in (issue 21).
    (st) => {
      if (st && st.kind !== 'signed_in' && st.kind !== 'loading') void loadStaffGate();
      // Signed in where the last member signed out: a cashier does not start on a manager's screen.
      if (st?.kind === 'signed_in' && this.staffWasOut) {
        const to = routeAfterSignIn(this.route.value, st.staff.role);
        if (to) this.services.navigate(to);
      }
      this.staffWasOut = st?.kind === 'signed_out' || st?.kind === 'none';
    },
  );
  /** Kiosk mode's banner (and its manager PIN) load only on a terminal with kiosk mode on. */
  private readonly kiosk = new ObservableController<boolean>(
    this,
    () => this.services.preferences.settings$.pipe(map((x) => x.kioskMode === true)),
    false,
    (on) => {
      if (on) void loadKioskGuard();
    },
  );
  /** Settings opened to a cashier by a manager's PIN, for this visit only. */
  @state() private settingsUnlocked = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override updated(): void {
    // Moving to another screen moves focus to its content, so keyboard and screen-reader users
    // start at the new screen instead of on a button that no longer exists.
    const r = this.route.value;
    // (Not while the sign-in stands before the screens: its staff-code field keeps the focus.)
    const gated = this.staff.value !== undefined && this.staff.value.kind !== 'signed_in';
    if (this.lastRoute !== undefined && this.lastRoute !== r && !gated) this.renderRoot.querySelector<HTMLElement>('main')?.focus();
    if (r !== 'settings' && this.settingsUnlocked) this.settingsUnlocked = false; // a manager's unlock lasts one visit
    this.lastRoute = r;
  }

  private onBoot(e: BootEvent | undefined): void {
    if (e?.type === 'ready') this.dismissed = undefined; // a later problem is news again
    if (!e || this.route.value !== 'loading') return;
    const next = routeAfterBoot(e, this.status.binding !== undefined);
    if (next) this.services.navigate(next);
  }

  private onNotice(id: string): void {
    if (id === 'retry') this.services.flows.restartBoot();
    if (id === 'rebind' || id === 'bind') this.services.navigate('bind');
    this.dismissed = noticeKind(this.boot.value);
  }

  private renderNotice() {
    const notice = noticeKind(this.boot.value) === this.dismissed ? undefined : bootNotice(this.boot.value);
    if (!notice) return '';
    const labels = { retry: t('boot.retryNow'), bind: t('nav.bind'), rebind: t('boot.rebind'), dismiss: t('boot.dismiss') } as const;
    return html`<notice-banner
      .message=${notice.message}
      tone=${notice.tone}
      .actions=${notice.actions.map((id, i) => ({ id, label: labels[id], primary: i === 0 }))}
      @notice-action=${(e: CustomEvent<{ id: string }>) => this.onNotice(e.detail.id)}
    ></notice-banner>`;
  }

  /** The signed-in member and the 交班 (sign out) button; refused while a sale is in progress. */
  private renderStaff() {
    const st = this.staff.value;
    if (st?.kind !== 'signed_in') return '';
    return html`<span class="staff"
      ><span data-staff-who=${st.staff.staffId}>${t('staff.bar.who', { name: st.staff.staffName, role: t(`staff.role.${st.staff.role}`) })}</span>
      <button data-sign-out ?disabled=${this.status.busy} @click=${() => void this.services.staff?.signOut()}>${t('staff.bar.signOut')}</button></span
    >`;
  }

  /** The screen, or what stands before it: the first manager, a sign-in, or a manager's PIN for settings. */
  private renderMain(r: Route) {
    const st = this.staff.value;
    if (st !== undefined && st.kind !== 'signed_in') return html`<staff-gate></staff-gate>`;
    if (r === 'settings' && st?.kind === 'signed_in' && st.staff.role !== 'manager' && !this.settingsUnlocked) {
      void loadStaffAuthorize(); // the manager PIN dialog: its own chunk, loaded when a gate asks
      return html`<div class="gate-auth">
        <staff-authorize
          data-settings-authorize
          .reason=${t('staff.auth.settings')}
          @staff-pin-ok=${(e: CustomEvent<PinCheck>) => {
            if (e.detail.ok) this.settingsUnlocked = true;
          }}
          @staff-pin-cancel=${() => this.services.navigate('checkout')}
        ></staff-authorize>
      </div>`;
    }
    return renderScreen(r);
  }

  override render() {
    const r = this.route.value;
    const st = this.staff.value;
    const gated = st !== undefined && st.kind !== 'signed_in';
    // Unbound on the binding screen: nothing that takes money is offered until the binding is done.
    const unbound = r === 'bind' && this.status.binding === undefined;
    const nav = (to: Route, label: string) =>
      html`<button aria-current=${r === to ? 'page' : 'false'} data-nav=${to} @click=${() => this.services.navigate(to)}>${label}</button>`;
    // Help opens the manual's page for this screen in a new window (a running sale is not disturbed).
    // Tapped with the pointer it lets go of the focus, so a later keyboard Enter confirms the sale's
    // step instead of opening the manual again (pointer-focus.ts leaves links alone).
    const help = html`<a
      class="help"
      data-help
      href=${helpHref(r, getLocale())}
      target="_blank"
      rel="noopener"
      title=${t('nav.helpHint')}
      @click=${(e: MouseEvent) => {
        if (e.detail !== 0) (e.currentTarget as HTMLElement).blur();
      }}
      >${t('nav.help')}</a
    >`;
    return html`<a class="skip" href="#main">${t('app.skip')}</a>
      <header>
        <h1>${t('app.title')}</h1>
        ${this.renderStaff()}
        ${gated || r === 'setup' || r === 'loading' ? '' : html`<nav aria-label=${t('app.title')}>${unbound ? '' : html`${nav('checkout', t('nav.checkout'))}${nav('refund', t('nav.refund'))}${nav('deposit', t('nav.deposit'))}${nav('history', t('nav.history'))}${nav('summary', t('nav.summary'))}`}${nav('bind', t('nav.bind'))}${nav('settings', t('nav.settings'))}${help}</nav>`}
        ${gated || r === 'setup' ? help : ''}
      </header>
      ${this.status.render()} ${this.renderNotice()} ${this.kiosk.value ? html`<kiosk-guard></kiosk-guard>` : ''}
      ${this.navRefused.value ? html`<p class="panel" role="alert" data-nav-refused>${this.navRefused.value}</p>` : ''}
      <main id="main" tabindex="-1">${this.renderMain(r)}</main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cpay-app': CpayApp;
  }
}
