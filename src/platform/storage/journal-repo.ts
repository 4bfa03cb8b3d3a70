import { isOpenJournalStatus, type JournalEntry, type JournalPort } from '../../kernel/flow/ports.js';
import type { Db } from './db.js';

/**
 * JournalPort over the `journal` store. Each row keeps the entry plus an `open` flag (0/1) that
 * is indexed, because IndexedDB cannot index booleans and `listOpen` must not scan every order.
 */
export class JournalRepo implements JournalPort {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces the entry; durable when the promise resolves. */
  async put(entry: JournalEntry): Promise<void> {
    await this.db.put('journal', { outTradeNo: entry.outTradeNo, open: isOpenJournalStatus(entry.status) ? 1 : 0, entry });
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
}
