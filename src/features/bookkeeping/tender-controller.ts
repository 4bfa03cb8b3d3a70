/**
 * The checkout's bookkeeping step (现金 / 银行卡): after the amount, the cashier presses F2 (cash)
 * or F3 (card), or taps the buttons. Cash asks what the customer handed over (digits on the
 * keyboard or keypad, or a quick-amount button; Enter alone = the exact amount) and shows the
 * change; less than the amount is refused with the shortfall. Card asks the cashier to confirm
 * that the external card terminal approved the payment. Enter records the sale (number first,
 * journal row next: bookkeeping-flow.ts), then the receipt prints and, for cash, the drawer opens
 * (the kick is part of the receipt job) and the drawer log records it. Nothing goes to cpay.
 */
import type { Fen } from '@cpay/protocol';
import type { AppServices } from '../../app/context/services.js';
import { formatFen } from '../../kernel/money.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { tb } from '../../i18n/bookkeeping.js';
import { checkTendered, type BookkeepingMethod } from './bookkeeping.js';
import type { StaffOnShift } from './bookkeeping-flow.js';
import type { RecordedSale, Tender, TenderKey, TenderRecordModule } from './tender.js';

export type { RecordedSale, Tender, TenderKey } from './tender.js';

/** The change for the typed text, when it can be told ('' otherwise). */
export function changePreview(t: Tender): string {
  if (t.method !== 'cash') return '';
  const c = checkTendered(t.amount, t.text);
  return c.ok ? formatFen(c.change) : '';
}

/** Quick "customer handed over" amounts for cash: the exact amount, then the next round notes above it. */
export function quickTenders(amount: Fen): Fen[] {
  const out = new Set<number>([amount]);
  for (const step of [1000, 5000, 10000]) {
    const up = Math.ceil(amount / step) * step;
    if (up > amount) out.add(up);
  }
  return [...out].sort((a, b) => a - b).slice(0, 4) as Fen[];
}

/** Drives the tender step for one checkout; `changed` redraws the host. */
export class TenderController {
  tender: Tender | undefined;
  recorded: RecordedSale | undefined;
  /** The recording half of the step (tender-record.ts), loaded on first use or by `prefetch`. */
  private record: Promise<TenderRecordModule> | undefined;

  constructor(
    private readonly services: () => AppServices,
    private readonly prefix: () => string | undefined,
    // staff: the signed-in staff member ({ staffId, staffName }) plugs in here; today the binding's.
    private readonly staff: () => StaffOnShift,
    private readonly changed: () => void,
  ) {}

  /** Starts loading the recording code (the checkout calls it after the keypad has painted). */
  prefetch(): void {
    void this.loadRecord().catch(() => undefined);
  }

  private loadRecord(): Promise<TenderRecordModule> {
    this.record ??= import('./tender-record.js').catch((err: unknown) => {
      this.record = undefined; // a failed load is tried again on the next Enter
      throw err;
    });
    return this.record;
  }

  /** Opens the tender step for `amount` (already checked by the checkout). */
  open(method: BookkeepingMethod, amount: Fen): void {
    this.recorded = undefined;
    this.tender = { method, amount, text: '', error: '', saving: false };
    this.changed();
  }

  /** Closes it without recording anything. */
  cancel(): void {
    this.tender = undefined;
    this.changed();
  }

  /** Clears the last result (a new sale is being typed). */
  clearResult(): void {
    if (this.recorded) {
      this.recorded = undefined;
      this.changed();
    }
  }

  /** A quick-amount button: that much was handed over. */
  setTendered(fen: Fen): void {
    const t = this.tender;
    if (!t || t.saving) return;
    this.tender = { ...t, text: formatFen(fen), error: '' };
    this.changed();
  }

  /** A key while the step is open. */
  key(k: TenderKey): void {
    const t = this.tender;
    if (!t || t.saving) return;
    if (k === 'escape') return this.cancel();
    if (k === 'enter') return void this.confirm();
    if (t.method !== 'cash') return; // card: only Enter / Esc
    let text = t.text;
    if (k === 'backspace') text = text.slice(0, -1);
    else if (k === 'clear') text = '';
    else if (k === '.' && text.includes('.')) return;
    else text = `${text}${k}`.slice(0, 12);
    this.tender = { ...t, text, error: '' };
    this.changed();
  }

  /**
   * Records the sale (Enter / 确认收款). Resolves once recorded (or refused). The recording code
   * (tender-record.ts) loads after the keypad has painted (issue 21: the checkout route's budget);
   * the step is marked saving first, so a second Enter while it loads does nothing.
   */
  async confirm(): Promise<JournalEntry | undefined> {
    const t = this.tender;
    if (!t || t.saving) return undefined;
    this.tender = { ...t, saving: true, error: '' };
    this.changed();
    const refuse = (error: string): undefined => {
      this.tender = { ...t, saving: false, error };
      this.changed();
      return undefined;
    };
    let record: TenderRecordModule;
    try {
      record = await this.loadRecord();
    } catch (err: unknown) {
      return refuse(tb('bk.tender.storage', { detail: err instanceof Error ? err.message : String(err) }));
    }
    const s = this.services();
    const r = await record.recordTender(t, { services: s, prefix: this.prefix, staff: this.staff });
    if (!r.ok) return refuse(r.error);
    this.tender = undefined;
    this.recorded = r.recorded;
    this.changed();
    s.announcer.say({ kind: 'payment_success', platform: 'bookkeeping', amount: r.entry.amount });
    record.afterRecorded(s, r.entry, t.method, this.staff());
    return r.entry;
  }
}
