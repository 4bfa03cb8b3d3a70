/**
 * What screens need for bookkeeping sales beyond the journal: the sales and local refunds of a
 * window (history, summary; `shift` reads the same) and the cash drawer's log. Wired by main.ts.
 */
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { RefundRecord } from '../refund/refund.js';
import type { DrawerEvent } from './drawer.js';

/** The drawer log port (platform/storage/drawer-log-repo.ts). */
export interface DrawerLogPort {
  append(e: DrawerEvent): Promise<void>;
  /** Events in [fromMs, toMs), oldest first. */
  between(fromMs: number, toMs: number): Promise<DrawerEvent[]>;
}

/** Bookkeeping reads and the drawer log. */
export interface BookkeepingServices {
  /** Bookkeeping sales (journal kind `bookkeeping`) created in [fromMs, toMs), newest first. */
  sales(fromMs: number, toMs: number): Promise<JournalEntry[]>;
  /** Local bookkeeping refunds (platform `bookkeeping`) created in [fromMs, toMs). */
  refunds(fromMs: number, toMs: number): Promise<RefundRecord[]>;
  readonly drawerLog: DrawerLogPort;
}

/** Most journal rows one window reads for bookkeeping sales (a year of a busy stall is far less per day). */
export const BOOKKEEPING_WINDOW_LIMIT = 20_000;
