import { freezeBatch, tallyOf, type PaymentTally, type ReportBatch } from '../../features/report/report.js';
import type { Db } from './db.js';
import { journalRow } from './journal-row.js';
import type { OutboxRecord } from './schema.js';

/** Outbox record kinds: a finished payment waiting for a batch, and a frozen batch. */
const TALLY = 'payment-tally';
const BATCH = 'report-batch';

/** A frozen batch with its outbox key (the id `confirm` needs). */
export type StoredBatch = ReportBatch & { readonly id: number };

const isTally = (r: OutboxRecord): r is OutboxRecord & { id: number; payload: PaymentTally } => r.kind === TALLY && r.id !== undefined;
const isBatch = (r: OutboxRecord): r is OutboxRecord & { id: number; payload: ReportBatch } => r.kind === BATCH && r.id !== undefined;

/**
 * The device_report outbox (spec §6.8) over the `outbox` store, crash-safe by construction:
 * - `enqueuePayment` moves a finished journal entry into the outbox and marks it `reported` in
 *   ONE transaction over `journal` + `outbox`, so a payment is queued exactly once (calling it
 *   again, or `sweep` after a crash, finds the mark and does nothing);
 * - `freeze` turns every waiting tally into one batch (fixed nonce and window) in one
 *   transaction; tallies queued later wait for the next batch; while a batch is unconfirmed it
 *   is returned again instead of freezing another, so batches go out strictly in order;
 * - `confirm` deletes the batch: the only way a count leaves the outbox is cpay's status 0.
 */
export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Queues a finished payment's tally once; false when not final, unknown, or already queued. */
  async enqueuePayment(outTradeNo: string): Promise<boolean> {
    const tx = this.db.transaction(['journal', 'outbox'], 'readwrite');
    const row = await tx.objectStore('journal').get(outTradeNo);
    if (!row || row.open === 1 || row.entry.reported === true) {
      await tx.done;
      return false;
    }
    await tx.objectStore('outbox').add({ kind: TALLY, createdAt: row.entry.updatedAt, attempts: 0, payload: tallyOf(row.entry) });
    await tx.objectStore('journal').put(journalRow({ ...row.entry, reported: true }));
    await tx.done;
    return true;
  }

  /**
   * Queues every finished, unqueued journal entry (after a crash or reload, and after each sale).
   * Returns how many. Reads the keys of the sparse `unreported` index only: a year of reported
   * orders is not read (before v5 this read every finished order after every sale).
   */
  async sweep(): Promise<number> {
    const keys = await this.db.getAllKeysFromIndex('journal', 'unreported', 1);
    let queued = 0;
    for (const key of keys) {
      if (await this.enqueuePayment(key)) queued += 1;
    }
    return queued;
  }

  /** The oldest unconfirmed batch, or a new one of all waiting tallies; undefined when idle. */
  async freeze(nonce: string, nowMs: number): Promise<StoredBatch | undefined> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const all = await tx.store.getAll();
    const pending = all.find(isBatch);
    const tallies = all.filter(isTally);
    if (pending || tallies.length === 0) {
      await tx.done;
      return pending ? { ...pending.payload, id: pending.id } : undefined;
    }
    const batch = freezeBatch(
      tallies.map((t) => t.payload),
      nonce,
      nowMs,
    );
    for (const t of tallies) await tx.store.delete(t.id);
    const id = await tx.store.add({ kind: BATCH, createdAt: nowMs, attempts: 0, payload: batch });
    await tx.done;
    return { ...batch, id };
  }

  /** cpay confirmed the batch: delete it (one transaction; its tallies went with the freeze). */
  async confirm(id: number): Promise<void> {
    await this.db.delete('outbox', id);
  }

  /** Counts a failed send of a batch (for diagnostics). */
  async markAttempt(id: number): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const rec = await tx.store.get(id);
    if (rec) await tx.store.put({ ...rec, attempts: rec.attempts + 1 });
    await tx.done;
  }

  /** Payments not yet confirmed by cpay (waiting tallies + payments in unconfirmed batches). */
  async pendingCount(): Promise<number> {
    const all = await this.db.getAll('outbox');
    return all.reduce((n, r) => n + (isTally(r) ? 1 : isBatch(r) ? Math.max(1, r.payload.outTradeNos.length) : 0), 0);
  }

  /** Records in the store, oldest first (diagnostics and tests). */
  async list(): Promise<OutboxRecord[]> {
    return this.db.getAll('outbox');
  }

  /** Number of records (kept for callers of the first version; prefer `pendingCount`). */
  async count(): Promise<number> {
    return this.pendingCount();
  }
}
