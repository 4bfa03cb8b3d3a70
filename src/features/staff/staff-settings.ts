import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { t } from '../../i18n/index.js';
import { ts, type StaffMessageKey } from '../../i18n/staff.js';
import { formatFen, parseYuan } from '../../kernel/money.js';
import { enterToNextField } from '../../ui/form-enter.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';
import type { StaffChange, StaffInput, StaffListing, StaffState } from './staff-service.js';

/**
 * Settings → staff and permissions (managers only, like all of settings): the cashier refund
 * limit, the staff list, adding a member (PIN typed twice), changing name/role/PIN, disabling.
 */
@customElement('staff-settings')
export class StaffSettings extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 8px;
        max-width: 420px;
        margin-bottom: 12px;
      }
      label {
        display: grid;
        gap: 4px;
      }
      table {
        border-collapse: collapse;
        margin-bottom: 12px;
      }
      td,
      th {
        padding: 4px 8px;
        text-align: left;
        border-bottom: 1px solid var(--line);
      }
      tr.off td {
        color: var(--muted);
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private list: readonly StaffListing[] = [];
  @state() private editing: StaffListing | undefined;
  @state() private message = '';
  @state() private problems: readonly string[] = [];
  private readonly settings = new ObservableController(this, () => this.services.preferences.settings$, DEFAULT_SETTINGS);
  // Re-list on every staff change (a member signed out because disabled, a renamed manager…).
  private readonly staffState = new ObservableController<StaffState>(
    this,
    () => this.services.staff!.state$,
    { kind: 'loading' },
    () => this.refresh(),
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  private refresh(): void {
    this.list = this.services.staff?.list() ?? [];
  }

  private show(r: StaffChange, done: string): boolean {
    this.refresh();
    if (r.ok) {
      this.problems = [];
      this.message = done;
      return true;
    }
    this.message = '';
    this.problems = r.problems.map((p) => ts(`staff.problem.${p}` as StaffMessageKey));
    return false;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const get = (k: string) => String(f.get(k) ?? '');
    const input: StaffInput = {
      staffId: this.editing?.staffId ?? get('code').trim(),
      name: get('name'),
      role: get('role') === 'manager' ? 'manager' : 'cashier',
      pin: get('pin'),
      pinAgain: get('pinAgain'),
    };
    const staff = this.services.staff!;
    const r = this.editing ? await staff.edit(input) : await staff.add(input);
    if (this.show(r, ts(this.editing ? 'staff.settings.saved' : 'staff.settings.added', { name: input.name.trim() }))) {
      form.reset();
      this.editing = undefined;
    }
  }

  private async saveLimit(e: Event): Promise<void> {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('limit') ?? '');
    // 0 is a valid limit (every cashier refund needs a manager); parseYuan refuses zero as an amount.
    const parsed = parseYuan(text, 100_000_000 as Parameters<typeof parseYuan>[1]);
    const fen = parsed.ok ? parsed.fen : parsed.error.kind === 'zero' ? 0 : undefined;
    if (fen === undefined) {
      this.problems = [ts('staff.settings.limitInvalid')];
      return;
    }
    await this.services.preferences.set('cashierRefundLimitFen', fen);
    this.problems = [];
    this.message = ts('staff.settings.limitSaved');
  }

  override render() {
    const e = this.editing;
    const limit = this.settings.value.cashierRefundLimitFen ?? DEFAULT_SETTINGS.cashierRefundLimitFen;
    return html`<section class="panel" data-staff-settings>
      <h2>${ts('staff.settings.title')}</h2>
      <p class="hint">${ts('staff.settings.intro')}</p>
      <form data-staff-limit @submit=${(ev: Event) => void this.saveLimit(ev)}>
        <label
          >${ts('staff.settings.limit')}<input
            name="limit"
            inputmode="decimal"
            autocomplete="off"
            .value=${formatFen(limit as Parameters<typeof formatFen>[0])}
        /></label>
        <button type="submit" class="secondary">${ts('staff.settings.limitSave')}</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>${ts('staff.field.code')}</th>
            <th>${ts('staff.field.name')}</th>
            <th>${ts('staff.field.role')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${this.list.map(
            (r) =>
              html`<tr class=${r.disabled ? 'off' : ''} data-staff-row=${r.staffId}>
                <td>${r.staffId}</td>
                <td>${r.name}${r.disabled ? html` (${ts('staff.settings.disabled')})` : ''}</td>
                <td>${t(`staff.role.${r.role}`)}</td>
                <td>
                  <button
                    class="secondary"
                    data-staff-edit
                    @click=${() => {
                      this.editing = r;
                      this.problems = [];
                    }}
                  >
                    ${ts('staff.settings.edit')}
                  </button>
                  <button
                    class="secondary"
                    data-staff-toggle
                    @click=${() => void this.services.staff!.setDisabled(r.staffId, !r.disabled).then((x) => this.show(x, ''))}
                  >
                    ${ts(r.disabled ? 'staff.settings.enable' : 'staff.settings.disable')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form data-staff-form @submit=${(ev: Event) => void this.submit(ev)} @keydown=${enterToNextField}>
        <h3>${e ? `${ts('staff.settings.edit')} ${e.staffId}` : ts('staff.settings.add')}</h3>
        ${e ? '' : html`<label>${ts('staff.field.code')}<input name="code" data-new-code autocomplete="off" maxlength="16" /></label>`}
        <label>${ts('staff.field.name')}<input name="name" data-new-name autocomplete="off" maxlength="32" .value=${e?.name ?? ''} /></label>
        <label
          >${ts('staff.field.role')}<select name="role" data-new-role>
            <option value="cashier" ?selected=${e?.role !== 'manager'}>${t('staff.role.cashier')}</option>
            <option value="manager" ?selected=${e?.role === 'manager'}>${t('staff.role.manager')}</option>
          </select></label
        >
        <label
          >${ts(e ? 'staff.field.newPin' : 'staff.field.pin')}<input
            name="pin"
            data-new-pin
            type="password"
            inputmode="numeric"
            autocomplete="off"
            maxlength="8"
        /></label>
        <label
          >${ts('staff.field.pinAgain')}<input name="pinAgain" data-new-pin-again type="password" inputmode="numeric" autocomplete="off" maxlength="8"
        /></label>
        <button type="submit" data-staff-save>${ts(e ? 'staff.settings.save' : 'staff.settings.add')}</button>
      </form>
      ${
        this.problems.length > 0
          ? html`<ul class="error" role="alert" data-staff-problems>
              ${this.problems.map((p) => html`<li>${p}</li>`)}
            </ul>`
          : ''
      }
      ${this.message ? html`<p role="status" data-staff-message>${this.message}</p>` : ''}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-settings': StaffSettings;
  }
}
