/**
 * History's paged reads of the journal (issue 21): one page of the bookkeeping sales (all, or one
 * method) and one page of the orders this terminal sent to cpay. Loaded with the history screen,
 * not the first screen (`local-books.ts` imports it on first use): the checkout never pages.
 */
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { BOOKKEEPING_PAY_PLATFORM } from '../../kernel/bookkeeping-platform.js';
import type { Db } from './db.js';

/** Rows one history page of sent orders reads at most (a page is 20; a rare platform's filter stops here). */
export const SENT_PAGE_BUDGET = 2_000;

/**
 * One page of the bookkeeping sales created in [from, to), newest first (history pages): the
 * range's count and one backwards cursor of the `bookkeeping` index advanced to the page, so a
 * month of cash sales is never read for one page of it. With `subPayPlatform` (现金 402 / 银行卡
 * 401, which share the index's key), the same backwards cursor keeps that method's rows, skips the
 * earlier pages' ones and STOPS at the page size; its count is not known without reading the
 * window, so `total` says "this page, and one more row at least" while the page is full.
 */
export async function bookkeepingPage(
  db: Db,
  from: number,
  to: number,
  offset: number,
  limit: number,
  subPayPlatform?: number,
): Promise<{ readonly records: JournalEntry[]; readonly total: number }> {
  if (to <= from || limit <= 0) return { records: [], total: 0 };
  const index = db.transaction('journal').store.index('bookkeeping');
  const range = IDBKeyRange.bound([BOOKKEEPING_PAY_PLATFORM, from], [BOOKKEEPING_PAY_PLATFORM, to], false, true);
  if (subPayPlatform !== undefined) {
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
export async function sentPage(
  db: Db,
  from: number,
  to: number,
  offset: number,
  limit: number,
  accept: (e: JournalEntry) => boolean = () => true,
  budget = SENT_PAGE_BUDGET,
): Promise<{ readonly records: JournalEntry[]; readonly more: boolean }> {
  if (to <= from || limit <= 0) return { records: [], more: false };
  const index = db.transaction('journal').store.index('createdAt');
  const keep = (e: JournalEntry) => e.payPlatform !== BOOKKEEPING_PAY_PLATFORM && accept(e);
  const records = await walk(index, IDBKeyRange.bound(from, to, false, true), offset, limit, keep, budget);
  return { records, more: records.length === limit };
}

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
