import type { RefundRecord } from '../../features/refund/refund.js';
import { StorageError } from '../../kernel/errors.js';
import type { RefundLedgerPort } from '../../features/refund/refund-deps.js';
import type { Db } from './db.js';

/** Statuses still waiting for a final state. */
const OPEN_REFUND_STATUSES = ['created', 'unknown', 'processing'] as const;

/**
 * The refund ledger over the `refunds` store (schema v2): one row per out_refund_no, written
 * BEFORE the refund request leaves and on every transition, read per order through the
 * `outTradeNo` index. A status never goes back to `created` once the refund moved on.
 */
export class RefundRepo implements RefundLedgerPort {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces a refund; durable when the promise resolves. */
  async put(record: RefundRecord): Promise<void> {
    try {
      await this.db.put('refunds', record);
    } catch (cause) {
      throw new StorageError('storage_failed', `Refund ${record.outRefundNo} could not be written to the ledger; free some storage and try again.`, true, {
        cause,
      });
    }
  }

  /** Every refund of one order, oldest first. */
  async forOrder(outTradeNo: string): Promise<RefundRecord[]> {
    const rows = await this.db.getAllFromIndex('refunds', 'outTradeNo', outTradeNo);
    return rows.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Refunds created in [from, to) (server ms), oldest first: the shift summary and history use it. */
  async between(from: number, to: number): Promise<RefundRecord[]> {
    if (to <= from) return [];
    return this.db.getAllFromIndex('refunds', 'createdAt', IDBKeyRange.bound(from, to, false, true));
  }

  /** Refunds still waiting for a final state (created, unknown, processing), oldest first; through the `status` index. */
  async listOpen(): Promise<RefundRecord[]> {
    const lists = await Promise.all(OPEN_REFUND_STATUSES.map((s) => this.db.getAllFromIndex('refunds', 'status', s)));
    return lists.flat().sort((a, b) => a.createdAt - b.createdAt);
  }
}
