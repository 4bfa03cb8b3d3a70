import { consume } from '@lit/context';
import type { Fen } from '@cpay/protocol';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import { amountErrorText } from '../pay/pay-status-view.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import { formatFen } from '../../kernel/money.js';
import { isPlaceholderSubTerminalType, parseMaxAmount, parseSpbillIp, parseSubTerminalType, type SettingError } from './terminal-settings.js';
import { tp, type PayMessageKey } from '../../i18n/pay.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';

type Field = SettingError['field'];

/** The refusal text of one setting. */
export function settingErrorText(e: SettingError): string {
  if (e.field === 'maxAmount') return amountErrorText(e.money);
  return tp(`pay.settings.${e.field}.${e.kind}` as PayMessageKey, { input: e.input });
}

/**
 * Settings → payments: maximum per payment (yuan, checked by domain/money.ts), the cpay-allocated
 * sub_terminal_type (required; the shipped placeholder is flagged) and spbill_create_ip. Saved
 * together when all three are valid; the checkout reads them from the settings at each sale.
 */
@customElement('settings-payment')
export class SettingsPayment extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      label {
        display: grid;
        gap: 4px;
        margin-bottom: 12px;
        font-weight: 600;
      }
      .err {
        color: var(--danger, #b00020);
        font-weight: 400;
      }
      .hint {
        font-weight: 400;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private message = '';
  private readonly settings = new ObservableController<Settings>(this, () => this.services.preferences.settings$, DEFAULT_SETTINGS);

  constructor() {
    super();
    new LocaleController(this);
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const value = (name: string) => this.renderRoot.querySelector<HTMLInputElement>(`input[name=${name}]`)?.value ?? '';
    const max = parseMaxAmount(value('maxAmount'));
    const sub = parseSubTerminalType(value('subTerminalType'));
    const ip = parseSpbillIp(value('spbillCreateIp'));
    const errors: Partial<Record<Field, string>> = {};
    for (const r of [max, sub, ip]) if (!r.ok) errors[r.error.field] = settingErrorText(r.error);
    this.errors = errors;
    this.message = '';
    if (!max.ok || !sub.ok || !ip.ok) return;
    const p = this.services.preferences;
    await Promise.all([p.set('maxAmountFen', max.value), p.set('subTerminalType', sub.value), p.set('spbillCreateIp', ip.value)]);
    this.message = tp('pay.settings.saved');
  }

  private field(name: Field, label: string, value: string, hint: string) {
    const err = this.errors[name];
    return html`<label
      >${label}<input
        name=${name}
        .value=${value}
        inputmode=${name === 'spbillCreateIp' ? 'decimal' : 'numeric'}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${`${name}-note`}
      />
      <span id=${`${name}-note`} class=${err ? 'err' : 'hint'} data-error=${err ? name : ''}>${err ?? hint}</span></label
    >`;
  }

  override render() {
    const s = { ...DEFAULT_SETTINGS, ...this.settings.value };
    const subHint = isPlaceholderSubTerminalType(s.subTerminalType) ? tp('pay.settings.subTerminalHint', { value: s.subTerminalType }) : '';
    return html`<section class="panel" data-settings-payment>
      <h2>${tp('pay.settings.title')}</h2>
      <form @submit=${(e: Event) => void this.save(e)}>
        ${this.field('maxAmount', tp('pay.settings.maxAmount'), formatFen(s.maxAmountFen as Fen), '')}
        ${this.field('subTerminalType', tp('pay.settings.subTerminalType'), String(s.subTerminalType), subHint)}
        ${this.field('spbillCreateIp', tp('pay.settings.spbillIp'), s.spbillCreateIp, tp('pay.settings.spbillHint'))}
        <button type="submit" data-testid="save-payment-settings">${tp('pay.settings.save')}</button>
      </form>
      ${this.message ? html`<p role="status" data-payment-settings-message>${this.message}</p>` : ''}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-payment': SettingsPayment;
  }
}
