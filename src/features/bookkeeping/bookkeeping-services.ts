/**
 * The local books: what screens need for bookkeeping sales beyond the journal, the sales and local
 * refunds of a window and the cash drawer's log. ONE port, built once by the composition root
 * (platform/storage/local-books.ts, wired in main.ts) and read by the history, the summary and the
 * shift handover (which reads it by shape, as its `LocalBooks`).
 */
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { RefundRecord } from '../refund/refund.js';
import type { LocalBooks } from '../shift/shift-deps.js';
import type { DrawerEvent } from './drawer.js';

/** The drawer log port (platform/storage/drawer-log-repo.ts). */
export interface DrawerLogPort {
  append(e: DrawerEvent): Promise<void>;
  /** Events in [fromMs, toMs), oldest first. */
  between(fromMs: number, toMs: number): Promise<DrawerEvent[]>;
}

/** Bookkeeping reads and the drawer log; also the handover's and the export's `LocalBooks`. */
export interface BookkeepingServices extends LocalBooks {
  /** Bookkeeping sales (journal kind `bookkeeping`) created in [fromMs, toMs), newest first. */
  sales(fromMs: number, toMs: number): Promise<JournalEntry[]>;
  /** One page of those sales, newest first, and how many the window holds (history pages). */
  salesPage(
    fromMs: number,
    toMs: number,
    offset: number,
    limit: number,
    /** One method only (402 cash, 401 card): `total` is then a lower bound (the page, plus 1 while it is full). */
    subPayPlatform?: number,
  ): Promise<{ readonly records: JournalEntry[]; readonly total: number }>;
  /**
   * One page of the orders this terminal sent to cpay (not the bookkeeping sales) created in
   * [fromMs, toMs), newest first, that `accept` keeps; `more` while the page is full. History paints
   * them before cpay's list answers.
   */
  sentPage?(
    fromMs: number,
    toMs: number,
    offset: number,
    limit: number,
    accept?: (e: JournalEntry) => boolean,
  ): Promise<{ readonly records: JournalEntry[]; readonly more: boolean }>;
  /** `LocalBooks.journal`: the same sales as `sales` (only bookkeeping rows: nothing else is on the books). */
  journal(fromMs: number, toMs: number): Promise<JournalEntry[]>;
  /** Local bookkeeping refunds (platform `bookkeeping`) created in [fromMs, toMs). */
  refunds(fromMs: number, toMs: number): Promise<RefundRecord[]>;
  /** One journal entry (the sale of a refund made in a later window). */
  entry(outTradeNo: string): Promise<JournalEntry | undefined>;
  /** Drawer openings the printer was sent in [fromMs, toMs) (a failed kick opened nothing). */
  drawerOpens(fromMs: number, toMs: number): Promise<number>;
  readonly drawerLog: DrawerLogPort;
}
