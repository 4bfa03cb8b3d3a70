import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { EMPTY, Subject, scan, startWith } from 'rxjs';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import './bind-panel.js';
import './legacy-config-form.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import type { BindInput } from './bind-flow.js';
import { parseLegacyConfigUrl } from './legacy-bind.js';
import { t } from '../../i18n/index.js';
import { INITIAL_BIND_VIEW, reduceBindView, type BindView } from './bind-view.js';
import type { BindingRecord } from '../../kernel/binding.js';

/** Binding: starts a QR session on arrival; the legacy configuration link is the alternative. */
@customElement('bind-screen')
export class BindScreen extends LitElement {
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
      section {
        margin-bottom: 24px;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private legacyError = '';
  /** The binding this terminal has when 绑定 was opened: a new binding waits for the cashier's yes (it would replace it). */
  @state() private rebindOf: BindingRecord | undefined;
  /** The binding QR whose prompt was last spoken. */
  private promptedUrl: string | undefined;
  private readonly input$ = new Subject<BindInput>();
  private readonly view = new ObservableController<BindView>(this, EMPTY, INITIAL_BIND_VIEW, (v) => this.onView(v));

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Escape cancels a running binding (keyboard first). */
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') this.input$.next({ type: 'cancel' });
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
    this.rebindOf = this.services.binding.value;
    if (!this.rebindOf) this.startQr();
  }

  private confirmRebind(): void {
    this.rebindOf = undefined;
    this.startQr();
  }

  override disconnectedCallback(): void {
    this.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  /** (Re)subscribes to the QR flow and starts a session (a new QR). */
  private startQr(): void {
    this.view.setSource(this.services.flows.bind(this.input$).pipe(scan(reduceBindView, INITIAL_BIND_VIEW), startWith(INITIAL_BIND_VIEW)));
    queueMicrotask(() => this.input$.next({ type: 'start' }));
  }

  private onView(v: BindView): void {
    if (v.phase === 'bound') this.services.flows.restartBoot();
    // Spec §12: the binding prompt is spoken once per QR shown.
    if (v.phase === 'showing' && v.url !== this.promptedUrl) {
      this.promptedUrl = v.url;
      this.services.voice.announce({ kind: 'bind_prompt' });
    }
  }

  private submitLegacy(url: string): void {
    const config = parseLegacyConfigUrl(url);
    if (!config) {
      this.legacyError = t('bind.legacyInvalid');
      return;
    }
    this.legacyError = '';
    this.input$.next({ type: 'cancel' });
    this.view.setSource(this.services.flows.legacyBind(config).pipe(scan(reduceBindView, INITIAL_BIND_VIEW)));
  }

  /** Already bound: which shop, and a question before a new QR (scanning it moves the terminal to the scanner's shop). */
  private renderRebind(b: BindingRecord) {
    return html`<h1>${t('bind.title')}</h1>
      <section class="panel">
        <p data-rebind-question>${t('bind.rebindQuestion', { shop: b.shopName, device: b.deviceName })}</p>
        <div class="row">
          <button type="button" data-rebind-confirm @click=${() => this.confirmRebind()}>${t('bind.rebindConfirm')}</button>
          <button type="button" class="secondary" data-rebind-cancel @click=${() => this.services.navigate('checkout')}>${t('bind.rebindCancel')}</button>
        </div>
      </section>`;
  }

  override render() {
    if (this.rebindOf) return this.renderRebind(this.rebindOf);
    // Once bound, the scan instruction and the legacy form are over: only the result and 完成 remain.
    const bound = this.view.value.phase === 'bound';
    return html`<h1>${t('bind.title')}</h1>
      <section class="panel">
        ${bound ? '' : html`<p data-bind-intro>${t('bind.intro')}</p>`}
        <bind-panel
          .view=${this.view.value}
          @bind-start=${() => this.startQr()}
          @bind-cancel=${() => this.input$.next({ type: 'cancel' })}
          @bind-done=${() => this.services.navigate('checkout')}
        ></bind-panel>
        <sandbox-bind-panel .url=${this.view.value.phase === 'showing' ? this.view.value.url : undefined}></sandbox-bind-panel>
      </section>
      ${bound ? '' : html`<section class="panel"><legacy-config-form .error=${this.legacyError} @legacy-submit=${(e: CustomEvent<{ url: string }>) => this.submitLegacy(e.detail.url)}></legacy-config-form></section>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bind-screen': BindScreen;
  }
}
