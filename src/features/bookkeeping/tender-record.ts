/**
 * The recording half of the tender step (tender-controller.ts), loaded after the keypad has painted:
 * the cash check, the sale written (number first, journal row next: bookkeeping-flow.ts), then the
 * receipt (with the drawer kick for cash) and the drawer log.
 */
import type { AppServices } from '../../app/context/services.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { tb } from '../../i18n/bookkeeping.js';
import { checkTendered, type BookkeepingMethod, type TenderError } from './bookkeeping.js';
import { formatFen } from '../../kernel/money.js';
import { amountErrorText } from '../pay/pay-status-view.js';
import { recordSale, type StaffOnShift } from './bookkeeping-flow.js';
import type { Tender, TenderOutcome } from './tender.js';

/** The text of a tender refusal, in the UI language. */
export function tenderErrorText(e: TenderError): string {
  return e.kind === 'short' ? tb('bk.tender.short', { amount: formatFen(e.amount), tendered: formatFen(e.tendered) }) : amountErrorText(e.error);
}

/** Checks the cash handed over and records the sale; a refusal or a storage failure is an error text. */
export async function recordTender(
  t: Tender,
  deps: { services: AppServices; prefix: () => string | undefined; staff: () => StaffOnShift },
): Promise<TenderOutcome> {
  const check = t.method === 'cash' ? checkTendered(t.amount, t.text) : undefined;
  if (check && !check.ok) return { ok: false, error: tenderErrorText(check.error) };
  const s = deps.services;
  let entry: JournalEntry;
  try {
    entry = await recordSale(
      { method: t.method, amount: t.amount, ...(check?.ok ? { tendered: check.tendered, change: check.change } : {}) },
      { orderNumbers: s.orderNumbers, journal: s.journal, clock: s.clock, prefix: deps.prefix, staff: deps.staff },
    );
  } catch (err: unknown) {
    return { ok: false, error: tb('bk.tender.storage', { detail: err instanceof Error ? err.message : String(err) }) };
  }
  return {
    ok: true,
    entry,
    recorded: {
      method: t.method,
      outTradeNo: entry.outTradeNo,
      amount: entry.amount,
      ...(entry.tenderedFen === undefined ? {} : { tendered: entry.tenderedFen }),
      ...(entry.changeFen === undefined ? {} : { change: entry.changeFen }),
    },
  };
}

/** Receipt (with the drawer kick for cash) and the drawer log: after the sale is safely recorded. */
export function afterRecorded(s: AppServices, entry: JournalEntry, method: BookkeepingMethod, staff: StaffOnShift): void {
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
