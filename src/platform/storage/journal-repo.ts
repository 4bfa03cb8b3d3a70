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

  /**
   * One page of the bookkeeping sales created in [from, to), newest first (history pages): the
   * range's count and one backwards cursor of the `bookkeeping` index advanced to the page, so a
   * month of cash sales is never read for one page of it.
   */
  async bookkeepingPage(
    from: number,
    to: number,
    offset: number,
    limit: number,
    subPayPlatform?: number,
  ): Promise<{ readonly records: JournalEntry[]; readonly total: number }> {
    if (to <= from || limit <= 0) return { records: [], total: 0 };
    const index = this.db.transaction('journal').store.index('bookkeeping');
    const range = IDBKeyRange.bound([BOOKKEEPING_PAY_PLATFORM, from], [BOOKKEEPING_PAY_PLATFORM, to], false, true);
    if (subPayPlatform !== undefined) {
      // One method (现金 402 / 银行卡 401): both share the index's key, so the same backwards cursor
      // of the range keeps that method's rows, skips the earlier pages' ones and STOPS at the page
      // size. Its count is not known without reading the window: `total` says "this page, and one
      // more row at least" while the page is full (the list then offers the next page).
      const matched = await walk(index, range, offset, limit, (e) => e.subPayPlatform === subPayPlatform);
      return { records: matched, total: offset + matched.length + (matched.length === limit ? 1 : 0) };
    }
    const total = await index.count(range);
    const records: JournalEntry[] = [];
    let cursor = await index.openCursor(range, 'prev');
    if (cursor && offset > 0) cursor = await cursor.advance(offset);
    while (cursor && records.length < limit) {
      records.push(cursor.value.entry);
      cursor = records.length < limit ? await cursor.continue() : null;
    }
    return { records, total };
  }

  /**
   * One page of the orders sent to cpay (every journal row but the bookkeeping sales, which have
   * their own index and pages) created in [from, to), newest first, that `accept` keeps: a
   * backwards cursor of the `createdAt` index that skips the earlier pages' rows and stops at the
   * page size (history shows these at once, before cpay's list answers). `more`: the page is full.
   * At most `budget` rows are read, so a rare platform over a year never reads the year.
   */
  async sentPage(
    from: number,
    to: number,
    offset: number,
    limit: number,
    accept: (e: JournalEntry) => boolean = () => true,
    budget = SENT_PAGE_BUDGET,
  ): Promise<{ readonly records: JournalEntry[]; readonly more: boolean }> {
    if (to <= from || limit <= 0) return { records: [], more: false };
    const index = this.db.transaction('journal').store.index('createdAt');
    const records = await walk(
      index,
      IDBKeyRange.bound(from, to, false, true),
      offset,
      limit,
      (e) => e.payPlatform !== BOOKKEEPING_PAY_PLATFORM && accept(e),
      budget,
    );
    return { records, more: records.length === limit };
  }
}

/** Rows one history page of sent orders reads at most (a page is 20; a rare platform's filter stops here). */
export const SENT_PAGE_BUDGET = 2_000;

/**
 * Walks `range` of `index` backwards keeping the entries `keep` accepts: skips the first `offset`
 * of them, returns the next `limit`, and stops there (or after `budget` rows read).
 */
async function walk(
  index: { openCursor(range: IDBKeyRange, dir: 'prev'): Promise<{ readonly value: { readonly entry: JournalEntry }; continue(): Promise<unknown> } | null> },
  range: IDBKeyRange,
  offset: number,
  limit: number,
  keep: (e: JournalEntry) => boolean,
  budget = Number.POSITIVE_INFINITY,
): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  let skipped = 0;
  let read = 0;
  for (let c = await index.openCursor(range, 'prev'); c && out.length < limit && read < budget;) {
    read += 1;
    const e = c.value.entry;
    if (keep(e)) {
      if (skipped < offset) skipped += 1;
      else out.push(e);
    }
    c = out.length < limit && read < budget ? ((await c.continue()) as typeof c) : null;
  }
  return out;
}
