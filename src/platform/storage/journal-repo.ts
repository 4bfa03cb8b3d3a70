import type { JournalEntry, JournalPort } from '../../kernel/flow/ports.js';
import { BOOKKEEPING_PAY_PLATFORM } from '../../kernel/bookkeeping-platform.js';
import type { Db } from './db.js';
import { journalRow } from './journal-row.js';

/**
 * JournalPort over the `journal` store. Each row keeps the entry plus an `open` flag (0/1) that
 * is indexed, because IndexedDB cannot index booleans and `listOpen` must not scan every order
 * (and, from v5, the sparse `unreported` flag: see journal-row.ts).
 */
export class JournalRepo implements JournalPort {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces the entry; durable when the promise resolves. */
  async put(entry: JournalEntry): Promise<void> {
    await this.db.put('journal', journalRow(entry));
  }

  /** The entry for `outTradeNo`, if any. */
  async get(outTradeNo: string): Promise<JournalEntry | undefined> {
    const row = await this.db.get('journal', outTradeNo);
    return row?.entry;
  }

  /** Open entries (pending/unknown), oldest first. */
  async listOpen(): Promise<JournalEntry[]> {
    const rows = await this.db.getAllFromIndex('journal', 'open', 1);
    return rows.map((r) => r.entry).sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Entries created in [from, to) (server ms) through the `createdAt` index, newest first, at
   * most `limit` (a cursor that stops at the limit: a page never reads the year behind it).
   */
  async between(from: number, to: number, limit: number): Promise<JournalEntry[]> {
    const out: JournalEntry[] = [];
    if (limit <= 0 || to <= from) return out;
    const tx = this.db.transaction('journal');
    for (
      let c = await tx.store.index('createdAt').openCursor(IDBKeyRange.bound(from, to, false, true), 'prev');
      c && out.length < limit;
      c = await c.continue()
    ) {
      out.push(c.value.entry);
    }
    await tx.done;
    return out;
  }

  /**
   * Bookkeeping sales (PayPlatform 4: cash / card recorded here) created in [from, to), newest
   * first, at most `limit`: one key range of the sparse v7 `bookkeeping` index, which holds only
   * those rows, so a window's thousands of cpay orders are never read.
   */
  async bookkeepingBetween(from: number, to: number, limit: number): Promise<JournalEntry[]> {
    if (limit <= 0 || to <= from) return [];
    const range = IDBKeyRange.bound([BOOKKEEPING_PAY_PLATFORM, from], [BOOKKEEPING_PAY_PLATFORM, to], false, true);
    const rows = await this.db.getAllFromIndex('journal', 'bookkeeping', range);
    return rows
      .reverse()
      .slice(0, limit)
      .map((r) => r.entry);
  }
}
