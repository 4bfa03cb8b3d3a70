/**
 * The deposit journal over the `deposits` store (schema v3): one row per out_freeze_no, written
 * BEFORE micro_freeze leaves and on every transition; open deposits read through the `status` index.
 * Deposit numbers come from the same OrderNumberRepo counter as orders and refunds, so they share
 * the prefix, uniqueness and never-rolled-back rules (spec §11).
 */
import { OPEN_DEPOSIT_STATUSES, type DepositRecord } from '../../features/deposit/deposit.js';
import { StorageError } from '../../kernel/errors.js';
import type { DepositJournalPort, DepositPage } from '../../features/deposit/deposit-deps.js';
import type { Db } from './db.js';

/** DepositJournalPort over IndexedDB. */
export class DepositRepo implements DepositJournalPort {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces a deposit; durable when the promise resolves. */
  async put(record: DepositRecord): Promise<void> {
    try {
      await this.db.put('deposits', record);
    } catch (cause) {
      throw new StorageError('storage_failed', `Deposit ${record.outFreezeNo} could not be written to the journal; free some storage and try again.`, true, {
        cause,
      });
    }
  }

  /** One deposit by its number. */
  get(outFreezeNo: string): Promise<DepositRecord | undefined> {
    return this.db.get('deposits', outFreezeNo);
  }

  /** Deposits holding (or possibly holding) money, oldest first. */
  async listOpen(): Promise<DepositRecord[]> {
    const lists = await Promise.all(OPEN_DEPOSIT_STATUSES.map((s) => this.db.getAllFromIndex('deposits', 'status', s)));
    return lists.flat().sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Deposits created in [from, to) (server ms), oldest first (history and the shift summary). */
  async between(from: number, to: number): Promise<DepositRecord[]> {
    if (to <= from) return [];
    return this.db.getAllFromIndex('deposits', 'createdAt', IDBKeyRange.bound(from, to, false, true));
  }

  /**
   * Deposits created in [from, to), newest first: `offset` skipped, at most `limit` read (a
   * backwards cursor on the `createdAt` index, advanced past the earlier pages), and the count of
   * the whole window (the index's count: no record read).
   */
  async pageBetween(from: number, to: number, offset: number, limit: number): Promise<DepositPage> {
    if (to <= from || limit <= 0) return { records: [], total: 0 };
    const index = this.db.transaction('deposits').store.index('createdAt');
    const range = IDBKeyRange.bound(from, to, false, true);
    const total = await index.count(range);
    const records: DepositRecord[] = [];
    let cursor = await index.openCursor(range, 'prev');
    if (cursor && offset > 0) cursor = await cursor.advance(offset);
    while (cursor && records.length < limit) {
      records.push(cursor.value);
      cursor = records.length < limit ? await cursor.continue() : null;
    }
    return { records, total };
  }
}
