/**
 * The tender step's types (现金 / 银行卡), shared by the step (tender-controller.ts), its panel and
 * its recording half (tender-record.ts, loaded after paint) without an import between those two.
 */
import type { Fen } from '@cpay/protocol';
import type { AppServices } from '../../app/context/services.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { BookkeepingMethod } from './bookkeeping.js';
import type { StaffOnShift } from './bookkeeping-flow.js';

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

/** What one Enter on the tender step came to. */
export type TenderOutcome =
  { readonly ok: true; readonly entry: JournalEntry; readonly recorded: RecordedSale } | { readonly ok: false; readonly error: string };

/** tender-record.ts, as the step loads it. */
export interface TenderRecordModule {
  recordTender(t: Tender, deps: { services: AppServices; prefix: () => string | undefined; staff: () => StaffOnShift }): Promise<TenderOutcome>;
  afterRecorded(s: AppServices, entry: JournalEntry, method: BookkeepingMethod, staff: StaffOnShift): void;
}
