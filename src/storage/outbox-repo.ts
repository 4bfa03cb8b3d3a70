import type { Db } from './db.js';
import type { OutboxRecord } from './schema.js';

/** FIFO queue of reports waiting to be sent; order matters (a concatMap drains it). */
export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Appends a record and returns its id. */
  async add(kind: string, payload: unknown, createdAt: number): Promise<number> {
    return this.db.add('outbox', { kind, payload, createdAt, attempts: 0 });
  }

  /** Records in insertion order. */
  async list(): Promise<OutboxRecord[]> {
    return this.db.getAll('outbox');
  }

  /** Counts the waiting records (the status bar's "pending reports"). */
  async count(): Promise<number> {
    return this.db.count('outbox');
  }

  /** Bumps the attempt counter of a record that failed to send. */
  async markAttempt(id: number): Promise<void> {
    const rec = await this.db.get('outbox', id);
    if (rec) await this.db.put('outbox', { ...rec, attempts: rec.attempts + 1 });
  }

  /** Removes a record that was delivered. */
  async remove(id: number): Promise<void> {
    await this.db.delete('outbox', id);
  }
}
