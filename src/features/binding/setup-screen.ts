import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { parseProvisioningQr, validateIdentity, type FieldProblem, type IdentityCheck } from './provisioning.js';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import './provision-form.js';
import type { ProvisionForm } from './provision-form.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import { getLocale, loadLocale, setLocale, t, type Locale } from '../../i18n/index.js';
import '../../ui/locale-picker.js';

/** First run: provisions the terminal's sn and initial key, then boots (which leads to binding). */
@customElement('setup-screen')
export class SetupScreen extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        padding: 24px;
        min-width: 0;
      }
      @media (max-width: 600px) {
        :host {
          padding: 12px;
        }
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
  @state() private problems: readonly FieldProblem[] = [];
  @state() private pending = false;
  @state() private demoError = '';
  @query('provision-form') private form!: ProvisionForm;
  private readonly relay = new ObservableController(this, () => this.services.signals.relay$, { relay: 'unknown', cpay: 'unknown' });

  constructor() {
    super();
    new LocaleController(this);
  }

  private async apply(check: IdentityCheck): Promise<void> {
    if (!check.ok) {
      this.problems = check.problems;
      return;
    }
    this.pending = true;
    try {
      await this.services.identity.save(check.identity);
      // The model's cpay-assigned sub_terminal_type, when the provisioning QR carries it.
      if (check.subTerminalType !== undefined) await this.services.preferences.set('subTerminalType', check.subTerminalType);
      this.form.reset();
      this.problems = [];
      this.services.navigate('loading');
      this.services.flows.restartBoot();
    } finally {
      this.pending = false;
    }
  }

  /** The shop's language, chosen before anything else: applied at once and stored (the same preference as in the settings). */
  private async changeLocale(locale: Locale): Promise<void> {
    await loadLocale(locale);
    setLocale(locale);
    await this.services.preferences.set('locale', locale);
  }

  private async demo(): Promise<void> {
    this.demoError = '';
    this.pending = true;
    try {
      const check = await this.services.identity.demoDevice();
      this.pending = false;
      await this.apply(check);
    } catch (err) {
      this.demoError = t('setup.demoUnavailable', { detail: err instanceof Error ? err.message : String(err) });
    } finally {
      this.pending = false;
    }
  }

  override render() {
    return html`<div class="lang">
        <locale-picker .locale=${getLocale()} @locale-pick=${(e: CustomEvent<{ locale: Locale }>) => void this.changeLocale(e.detail.locale)}></locale-picker>
      </div>
      <h1>${t('setup.title')}</h1>
      <p>${t('setup.intro')}</p>
      <provision-form
        .problems=${this.problems}
        ?pending=${this.pending}
        ?demoAvailable=${this.relay.value.mode !== 'live'}
        @provision-submit=${(e: CustomEvent<{ sn: string; key: string }>) => void this.apply(validateIdentity(e.detail.sn, e.detail.key))}
        @provision-qr=${(e: CustomEvent<{ text: string }>) => void this.apply(parseProvisioningQr(e.detail.text))}
        @provision-demo=${() => void this.demo()}
      ></provision-form>
      ${this.demoError ? html`<p class="error" role="alert">${this.demoError}</p>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'setup-screen': SetupScreen;
  }
}
