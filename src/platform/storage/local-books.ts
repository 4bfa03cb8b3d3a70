/**
 * The local books (issue 20 cash / card bookkeeping, issue 21 a year of data): the ONE reader of
 * the terminal's own sales and refunds, built once by the composition root (main.ts) and handed to
 * the history, the summary and the shift handover (`services.bookkeeping`).
 *
 * Sales are a key range of the sparse v7 `bookkeeping` journal index (only PayPlatform 4 rows are
 * in it), so a day, a shift or 30 days of books never reads the window's cpay orders; refunds are
 * the refund ledger's `createdAt` range of the window, kept to the local (platform `bookkeeping`)
 * ones, so the handover never looks up the sale of a cpay refund.
 */
import type { BookkeepingServices, DrawerLogPort } from '../../features/bookkeeping/bookkeeping-services.js';
import type { Db } from './db.js';
import { JournalRepo } from './journal-repo.js';
import { RefundRepo } from './refund-repo.js';

/** Most bookkeeping sales one window returns (the newest ones; a year of a busy stall is far less). */
export const BOOKKEEPING_WINDOW_LIMIT = 50_000;

/** The local books over the terminal database and its drawer log. */
export function localBooks(db: Db, drawerLog: DrawerLogPort): BookkeepingServices {
  const journal = new JournalRepo(db);
  const ledger = new RefundRepo(db);
  const sales = (from: number, to: number) => journal.bookkeepingBetween(from, to, BOOKKEEPING_WINDOW_LIMIT);
  return {
    sales,
    // History's paged reads load with the history screen (journal-pages.ts), not the first screen.
    salesPage: async (from, to, offset, limit, sub) => (await import('./journal-pages.js')).bookkeepingPage(db, from, to, offset, limit, sub),
    sentPage: async (from, to, offset, limit, accept) => (await import('./journal-pages.js')).sentPage(db, from, to, offset, limit, accept),
    journal: sales,
    refunds: async (from, to) => (await ledger.between(from, to)).filter((r) => r.platform === 'bookkeeping'),
    entry: (no) => journal.get(no),
    drawerOpens: async (from, to) => (await drawerLog.between(from, to)).filter((e) => e.sent === 'printer').length,
    drawerLog,
  };
}
