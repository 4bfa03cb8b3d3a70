import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { HISTORY_PLATFORMS, type HistoryKind, type HistoryPlatform } from './history.js';
import { tr } from '../../i18n/refund.js';
import { theme } from '../../ui/theme.js';

/** Detail of `history-filter`: the filters as chosen (dates as `YYYY-MM-DD`, CST days). */
export interface HistoryFilterDetail {
  readonly kind: HistoryKind;
  readonly from: string;
  readonly to: string;
  /** Payment methods: cpay's platforms and the till's own books (现金 `cash`, 银行卡 `bank_card`). */
  readonly platforms: readonly HistoryPlatform[];
}

const KINDS: readonly HistoryKind[] = ['all', 'payments', 'refunds', 'deposits'];

/**
 * Date range, type and platform filters of the history (presentational).
 *
 * @fires history-filter - {@link HistoryFilterDetail}
 */
@customElement('history-filters')
export class HistoryFilters extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin-bottom: 16px;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: end;
      }
      label {
        display: grid;
        gap: 4px;
      }
      fieldset {
        border: 1px solid var(--line);
        border-radius: 8px;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
      }
      fieldset label {
        display: flex;
        align-items: center;
        gap: 8px;
        min-height: 48px;
      }
    `,
  ];

  @property() kind: HistoryKind = 'all';
  @property() from = '';
  @property() to = '';

  private submit(e: Event): void {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const platforms = HISTORY_PLATFORMS.filter((p) => f.get(`p-${p}`) === 'on');
    const kind = KINDS.find((k) => k === f.get('kind')) ?? 'all';
    const detail: HistoryFilterDetail = { kind, from: String(f.get('from') ?? ''), to: String(f.get('to') ?? ''), platforms };
    this.dispatchEvent(new CustomEvent<HistoryFilterDetail>('history-filter', { detail, bubbles: true, composed: true }));
  }

  override render() {
    return html`<form @submit=${(e: Event) => this.submit(e)}>
      <label>${tr('history.from')}<input type="date" name="from" .value=${this.from} /></label>
      <label>${tr('history.to')}<input type="date" name="to" .value=${this.to} /></label>
      <label
        >${tr('history.filter.kind')}<select name="kind" data-history-kind>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${tr(`history.kind.${k}`)}</option>`)}
        </select></label
      >
      <fieldset>
        <legend>${tr('history.filter.platform')}</legend>
        ${HISTORY_PLATFORMS.map((p) => html`<label><input type="checkbox" name="p-${p}" data-platform=${p} />${tr(`platform.${p}`)}</label>`)}
      </fieldset>
      <button type="submit">${tr('history.search')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'history-filters': HistoryFilters;
  }
  interface HTMLElementEventMap {
    'history-filter': CustomEvent<HistoryFilterDetail>;
  }
}
