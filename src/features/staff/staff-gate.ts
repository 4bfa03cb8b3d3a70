import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { ts, type StaffMessageKey } from '../../i18n/staff.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import { enterToNextField } from '../../ui/form-enter.js';
import { NO_LOCKOUT } from './staff.js';
import type { StaffState } from './staff-service.js';
import './staff-pin-entry.js';
import '../../ui/locale-picker.js';
import { getLocale, loadLocale, setLocale, type Locale } from '../../i18n/index.js';

/**
 * Before anything else: the first manager is created (first start, or the first start after an
 * update on a terminal without staff), or a staff member signs in for the shift.
 */
@customElement('staff-gate')
export class StaffGate extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        padding: 24px;
      }
      form {
        display: grid;
        gap: 12px;
        max-width: 360px;
      }
      label {
        display: grid;
        gap: 4px;
      }
      p {
        max-width: 720px;
      }
      .lang {
        display: flex;
        justify-content: flex-end;
        margin-bottom: 8px;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private problems: readonly string[] = [];
  @state() private pending = false;
  private readonly staffState = new ObservableController<StaffState>(this, () => this.services.staff!.state$, { kind: 'loading' });
  private readonly lockout = new ObservableController(this, () => this.services.staff!.lockout$, NO_LOCKOUT);

  constructor() {
    super();
    new LocaleController(this);
  }

  private async createFirst(e: Event): Promise<void> {
    e.preventDefault();
    if (this.pending) return;
    const f = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? '');
    this.pending = true;
    try {
      const r = await this.services.staff!.createFirstManager({ staffId: get('code').trim(), name: get('name'), pin: get('pin'), pinAgain: get('pinAgain') });
      const legacy = this.staffState.value.kind === 'none' && this.staffState.value.legacyPin;
      this.problems = r.ok ? [] : r.problems.map((p) => ts(legacy && p === 'pin' ? 'staff.problem.legacyPin' : (`staff.problem.${p}` as StaffMessageKey)));
    } finally {
      this.pending = false;
    }
  }

  /** The shop's language, chosen before anything else is typed (kept as the same preference the settings use). */
  private async changeLocale(locale: Locale): Promise<void> {
    await loadLocale(locale);
    setLocale(locale);
    await this.services.preferences.set('locale', locale);
  }

  private renderFirst(legacy: boolean) {
    return html`<div class="lang">
        <locale-picker .locale=${getLocale()} @locale-pick=${(e: CustomEvent<{ locale: Locale }>) => void this.changeLocale(e.detail.locale)}></locale-picker>
      </div>
      <h1>${ts('staff.first.title')}</h1>
      <p>${ts(legacy ? 'staff.first.legacyIntro' : 'staff.first.intro')}</p>
      <form data-staff-first @submit=${(e: Event) => void this.createFirst(e)} @keydown=${enterToNextField}>
        <label>${ts('staff.field.code')}<input name="code" data-first-code autocomplete="off" maxlength="16" autofocus /></label>
        <label>${ts('staff.field.name')}<input name="name" data-first-name autocomplete="off" maxlength="32" /></label>
        <label
          >${ts(legacy ? 'staff.field.legacyPin' : 'staff.field.pin')}<input
            name="pin"
            data-first-pin
            type="password"
            inputmode="numeric"
            autocomplete="off"
            maxlength="8"
        /></label>
        ${legacy ? '' : html`<label>${ts('staff.field.pinAgain')}<input name="pinAgain" data-first-pin-again type="password" inputmode="numeric" autocomplete="off" maxlength="8" /></label>`}
        <button type="submit" data-first-submit ?disabled=${this.pending}>${ts('staff.first.submit')}</button>
        ${
          this.problems.length > 0
            ? html`<ul class="error" role="alert" data-first-problems>
                ${this.problems.map((p) => html`<li>${p}</li>`)}
              </ul>`
            : ''
        }
      </form>`;
  }

  protected override updated(): void {
    // Keyboard-first: the first field has the focus when the form appears.
    const first = this.renderRoot.querySelector<HTMLInputElement>('input[data-first-code]');
    if (first && !this.renderRoot.contains(this.renderRoot.querySelector(':focus')) && document.activeElement === document.body) first.focus();
  }

  override render() {
    const s = this.staffState.value;
    if (s.kind === 'none') return this.renderFirst(s.legacyPin);
    if (s.kind === 'signed_out')
      return html`<h1>${ts('staff.signIn.title')}</h1>
        <p>${ts('staff.signIn.intro')}</p>
        <staff-pin-entry
          data-staff-sign-in
          .check=${(code: string, pin: string) => this.services.staff!.signIn(code, pin)}
          .lockout=${this.lockout.value}
          .submitLabel=${ts('staff.signIn.submit')}
        ></staff-pin-entry>`;
    return html`<p role="status">…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-gate': StaffGate;
  }
}
