import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { BindView } from './bind-view.js';
import '../../ui/qr-code.js';
import { theme } from '../../ui/theme.js';

const PHASE_TEXT: Partial<Record<BindView['phase'], MessageKey>> = {
  syncing: 'bind.syncing',
  requesting: 'bind.requesting',
  showing: 'bind.waiting',
  storing: 'bind.storing',
  confirming: 'bind.confirming',
  expired: 'bind.expired',
  cancelled: 'bind.cancelled',
};

/**
 * The binding QR with its countdown, progress text, and the next action.
 * @fires bind-start - generate a (new) QR
 * @fires bind-cancel - stop binding
 * @fires bind-done - leave after a successful binding
 */
@customElement('bind-panel')
export class BindPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .qr {
        margin: 16px 0;
      }
      p {
        margin: 8px 0;
      }
      .countdown {
        font-size: 1.4rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .ok {
        color: var(--ok);
        font-size: 1.3rem;
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) view: BindView = { phase: 'idle' };

  constructor() {
    super();
    new LocaleController(this);
  }

  private emit(name: 'bind-start' | 'bind-cancel' | 'bind-done') {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  private status() {
    const v = this.view;
    if (v.phase === 'bound' && v.binding)
      return html`<p class="ok" role="status" data-testid="bound">${t('bind.bound', { shop: v.binding.shopName, device: v.binding.deviceName })}</p>`;
    if (v.phase === 'failed') return html`<p class="error" role="alert">${t('bind.failed', { description: v.description ?? '' })}</p>`;
    const key = PHASE_TEXT[v.phase];
    return html`${key ? html`<p role="status">${t(key)}</p>` : ''}
    ${v.retry ? html`<p class="hint" role="status">${t('bind.retrying', { detail: v.retry.detail, seconds: v.retry.seconds })}</p>` : ''}`;
  }

  override render() {
    const v = this.view;
    const running = ['syncing', 'requesting', 'showing', 'storing', 'confirming'].includes(v.phase);
    return html` ${
        v.phase === 'showing' && v.url
          ? html`<div class="qr"><qr-code .text=${v.url} label=${t('bind.qrAlt')}></qr-code></div>
              <p class="countdown" aria-live="off" data-testid="countdown">${t('bind.remaining', { seconds: v.remainingSeconds ?? 0 })}</p>`
          : ''
      }
      ${this.status()}
      <div class="row">
        ${running ? html`<button class="secondary" @click=${() => this.emit('bind-cancel')}>${t('bind.cancel')}</button>` : ''}
        ${['idle', 'expired', 'failed', 'cancelled'].includes(v.phase) ? html`<button @click=${() => this.emit('bind-start')}>${t(v.phase === 'idle' ? 'bind.generate' : 'bind.newQr')}</button>` : ''}
        ${v.phase === 'bound' ? html`<button data-testid="bind-done" @click=${() => this.emit('bind-done')}>${t('bind.done')}</button>` : ''}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bind-panel': BindPanel;
  }
}
