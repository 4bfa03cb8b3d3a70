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
import { amountErrorText } from '../pay/pay-status-view.js';
import { checkTendered, type BookkeepingMethod, type TenderError } from './bookkeeping.js';
import { recordSale, type StaffOnShift } from './bookkeeping-flow.js';

/** The open tender step. */
export interface Tender {
  readonly method: BookkeepingMethod;
  readonly amount: Fen;
  /** Cash handed over as typed (yuan text); '' = exact amount. */
  readonly text: string;
  /** The refusal of the last Enter ('' when none). */
  readonly error: string;
  /** True while the sale is being written (keys do nothing). */
  readonly saving: boolean;
}

/** The last recorded sale, for the result panel. */
export interface RecordedSale {
  readonly method: BookkeepingMethod;
  readonly outTradeNo: string;
  readonly amount: Fen;
  readonly tendered?: Fen;
  readonly change?: Fen;
}

/** Keys the tender step understands (the checkout's PayKey). */
export type TenderKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.' | 'backspace' | 'clear' | 'enter' | 'escape';

/** The text of a tender refusal, in the UI language. */
export function tenderErrorText(e: TenderError): string {
  return e.kind === 'short' ? tb('bk.tender.short', { amount: formatFen(e.amount), tendered: formatFen(e.tendered) }) : amountErrorText(e.error);
}

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

  constructor(
    private readonly services: () => AppServices,
    private readonly prefix: () => string | undefined,
    // staff: the signed-in staff member ({ staffId, staffName }) plugs in here; today the binding's.
    private readonly staff: () => StaffOnShift,
    private readonly changed: () => void,
  ) {}

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

  /** Records the sale (Enter / 确认收款). Resolves once recorded (or refused). */
  async confirm(): Promise<JournalEntry | undefined> {
    const t = this.tender;
    if (!t || t.saving) return undefined;
    const check = t.method === 'cash' ? checkTendered(t.amount, t.text) : undefined;
    if (check && !check.ok) {
      this.tender = { ...t, error: tenderErrorText(check.error) };
      this.changed();
      return undefined;
    }
    this.tender = { ...t, saving: true, error: '' };
    this.changed();
    const s = this.services();
    let entry: JournalEntry;
    try {
      entry = await recordSale(
        { method: t.method, amount: t.amount, ...(check?.ok ? { tendered: check.tendered, change: check.change } : {}) },
        { orderNumbers: s.orderNumbers, journal: s.journal, clock: s.clock, prefix: this.prefix, staff: this.staff },
      );
    } catch (err: unknown) {
      this.tender = { ...t, saving: false, error: tb('bk.tender.storage', { detail: err instanceof Error ? err.message : String(err) }) };
      this.changed();
      return undefined;
    }
    this.tender = undefined;
    this.recorded = {
      method: t.method,
      outTradeNo: entry.outTradeNo,
      amount: entry.amount,
      ...(entry.tenderedFen === undefined ? {} : { tendered: entry.tenderedFen }),
      ...(entry.changeFen === undefined ? {} : { change: entry.changeFen }),
    };
    this.changed();
    s.announcer.say({ kind: 'payment_success', platform: 'bookkeeping', amount: entry.amount });
    this.afterRecorded(s, entry, t.method);
    return entry;
  }

  /** Receipt (with the drawer kick for cash) and the drawer log: after the sale is safely recorded. */
  private afterRecorded(s: AppServices, entry: JournalEntry, method: BookkeepingMethod): void {
    const printed = s.devices?.afterPayment({
      outTradeNo: entry.outTradeNo,
      amount: entry.amount,
      platform: 'bookkeeping',
      bookkeeping: {
        method,
        ...(entry.tenderedFen === undefined ? {} : { tenderedFen: entry.tenderedFen, changeFen: entry.changeFen ?? 0 }),
      },
    });
    if (method !== 'cash') {
      void printed?.catch((err: unknown) => console.warn('[printer]', err));
      return;
    }
    const staff = this.staff();
    const log = (sent: 'printer' | 'failed') =>
      s.bookkeeping?.drawerLog
        .append({
          at: s.clock.serverNow(),
          reason: 'cash_sale',
          outTradeNo: entry.outTradeNo,
          ...(staff.staffId === undefined ? {} : { staffId: staff.staffId }),
          ...(staff.staffName === undefined ? {} : { staffName: staff.staffName }),
          sent,
        })
        .catch((err: unknown) => console.warn('[drawer] log', err));
    if (!printed) return void log('failed');
    printed.then(
      (o) => void log(o.kind === 'interrupted' ? 'failed' : 'printer'),
      (err: unknown) => {
        console.warn('[printer]', err);
        void log('failed');
      },
    );
  }
}
