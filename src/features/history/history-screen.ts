import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { BehaviorSubject, firstValueFrom, map, type Observable } from 'rxjs';
import { servicesContext, type AppServices } from '../../app/context/services.js';
import './history-filters.js';
import type { HistoryFilterDetail } from './history-filters.js';
import './history-list.js';
import { theme } from '../../ui/theme.js';
import { LocaleController } from '../../ui/locale-controller.js';
import { ObservableController } from '../../ui/observable-controller.js';
import { cstDateText } from '../../kernel/china-time.js';
import { dayQuery, type HistoryQuery } from './history.js';
import type { ReprintOrder } from './reprint.js';
import { historyFlow, type HistoryEvent } from './history-flow.js';
import { tr } from '../../i18n/refund.js';
import { historyCsvLabels, ts } from '../../i18n/shift.js';
import { downloadText } from '../../platform/browser/download.js';

const PAGE_SIZE = 20;

/**
 * Transaction history (spec §6.9): today by default; date range, type and platform filters;
 * paging; server rows merged with this terminal's unknown/unsettled orders. A row opens the
 * refund screen on that order; paid orders reprint when a printer service is wired. Binds the history flow
 * through ObservableController; renders only.
 */
@customElement('history-screen')
export class HistoryScreen extends LitElement {
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
      .warn {
        color: var(--warn);
      }
      .note {
        min-height: 1.5em;
      }
    `,
  ];

  @consume({ context: servicesContext }) services!: AppServices;
  @state() private query: HistoryQuery | undefined;
  @state() private exportNote: { readonly tone: 'ok' | 'warn' | 'error'; readonly text: string } | undefined;
  @state() private exporting = false;
  private readonly query$ = new BehaviorSubject<HistoryQuery | undefined>(undefined);
  private readonly page = new ObservableController<HistoryEvent | undefined>(this, () => this.events(), undefined);

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setQuery(dayQuery('', '', this.services.clock.serverNow(), { kind: 'all', platforms: [], page: 1, pageSize: PAGE_SIZE }));
  }

  /** Every row of the filtered date range as a CSV download (UTF-8 with BOM). */
  private async exportCsv(): Promise<void> {
    const q = this.query;
    if (!q || this.exporting) return;
    this.exporting = true;
    this.exportNote = { tone: 'ok', text: ts('export.busy') };
    try {
      const books = this.services.bookkeeping; // the local books (one reader, built by the composition root)
      // The export's code and the CSV writer (papaparse) load when an export is asked for (issue 21).
      const [{ exportHistory }, { historyCsv }] = await Promise.all([import('./history-export.js'), import('./history-csv.js')]);
      const r = await firstValueFrom(exportHistory(q, { ...this.services.flowDeps.history, ...(books ? { books } : {}) }));
      const file = `history-${cstDateText(q.fromMs)}-${cstDateText(q.toMs)}.csv`;
      downloadText(document, file, historyCsv(r.rows, historyCsvLabels()));
      const count = r.rows.length;
      this.exportNote = r.serverError
        ? { tone: 'warn', text: ts('export.partial', { count, detail: r.serverError }) }
        : r.truncated
          ? { tone: 'warn', text: ts('export.truncated') }
          : { tone: 'ok', text: ts('export.done', { count, file }) };
    } catch (e) {
      this.exportNote = { tone: 'error', text: ts('export.failed', { detail: e instanceof Error ? e.message : String(e) }) };
    } finally {
      this.exporting = false;
    }
  }

  private events(): Observable<HistoryEvent | undefined> {
    const s = this.services;
    const defined$ = this.query$.pipe(map((q) => q ?? dayQuery('', '', s.clock.serverNow(), { kind: 'all', platforms: [], page: 1, pageSize: PAGE_SIZE })));
    return historyFlow(defined$, s.flowDeps.history);
  }

  private setQuery(q: HistoryQuery): void {
    this.query = q;
    this.query$.next(q);
  }

  private onFilter(d: HistoryFilterDetail): void {
    this.setQuery(dayQuery(d.from, d.to, this.services.clock.serverNow(), { kind: d.kind, platforms: d.platforms, page: 1, pageSize: PAGE_SIZE }));
  }

  override render() {
    const q = this.query;
    const e = this.page.value;
    const reprint = this.services.afterSale.reprint;
    return html`<h1>${tr('history.title')}</h1>
      <history-filters
        .kind=${q?.kind ?? 'all'}
        .from=${q ? cstDateText(q.fromMs) : ''}
        .to=${q ? cstDateText(q.toMs) : ''}
        @history-filter=${(ev: CustomEvent<HistoryFilterDetail>) => this.onFilter(ev.detail)}
      ></history-filters>
      <div class="row">
        <button type="button" class="secondary" data-export-history ?disabled=${this.exporting || !q} @click=${() => void this.exportCsv()}>
          ${ts('export.history')}
        </button>
      </div>
      ${
        this.exportNote
          ? html`<p class=${this.exportNote.tone === 'error' ? 'error' : this.exportNote.tone === 'warn' ? 'warn' : 'hint'} role="status" data-export-note>
              ${this.exportNote.text}
            </p>`
          : ''
      }
      ${
        // One status line that keeps its place (loading, local rows first, cpay unreachable, or empty): rows never move under the cashier when cpay's answer lands.
        e?.type === 'page' && e.serverError
          ? html`<p class="warn note" role="alert" data-history-offline>${tr('history.serverError', { detail: e.serverError })}</p>`
          : html`<p class="hint note" role="status" ?data-history-waiting=${e?.type === 'page' && e.waiting === true}>
              ${e?.type === 'loading' ? '…' : e?.type === 'page' && e.waiting ? tr('history.waiting') : ''}
            </p>`
      }
      ${
        e?.type === 'page'
          ? html`<history-list
              .rows=${e.rows}
              .page=${e.query.page}
              .pages=${e.pages}
              ?canReprint=${reprint !== undefined}
              @history-open=${(ev: CustomEvent<{ outTradeNo: string }>) => this.services.afterSale.openRefund(ev.detail.outTradeNo)}
              @history-reprint=${(ev: CustomEvent<ReprintOrder>) => reprint?.(ev.detail)}
              @history-page=${(ev: CustomEvent<{ page: number }>) => {
                if (q) this.setQuery({ ...q, page: ev.detail.page });
              }}
            ></history-list>`
          : ''
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'history-screen': HistoryScreen;
  }
}
