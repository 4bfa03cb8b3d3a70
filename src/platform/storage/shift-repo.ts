import type { ShiftStore } from '../../features/shift/shift-deps.js';
import { isShiftRecord, withCashier, type Cashier, type ShiftClose, type ShiftRecord } from '../../features/shift/shift.js';
import { StorageError } from '../../kernel/errors.js';
import type { Db } from './db.js';

/**
 * ShiftStore over the `shifts` store (schema v6): one record per shift keyed by its start. The
 * open shift is the newest record without `endedAt`. Opening and closing each run in one
 * transaction, so a crash never leaves two open shifts or a close without its count.
 */
export class ShiftRepo implements ShiftStore {
  constructor(private readonly db: Db) {}

  /** The newest shift: the open one, or else the last closed. */
  async current(): Promise<ShiftRecord | undefined> {
    const c = await this.db.transaction('shifts').store.openCursor(null, 'prev');
    return c && isShiftRecord(c.value) ? c.value : undefined;
  }

  /** Opens a shift unless one is open (that one is returned). */
  async open(at: number, floatFen: number, cashier?: Cashier): Promise<ShiftRecord> {
    if (!Number.isSafeInteger(floatFen) || floatFen < 0) throw new RangeError(`not a float in fen: ${floatFen}`);
    const tx = this.db.transaction('shifts', 'readwrite');
    const last = await tx.store.openCursor(null, 'prev');
    if (last && last.value.endedAt === undefined) {
      await tx.done;
      return last.value;
    }
    // A clock that went back never puts a new shift before the last one (keys stay in order).
    const startedAt = last ? Math.max(at, (last.value.endedAt ?? last.value.startedAt) + 1) : at;
    const shift: ShiftRecord = { startedAt, floatFen, cashiers: withCashier([], cashier) };
    await tx.store.add(shift);
    await this.finish(tx.done, 'opened');
    return shift;
  }

  /** Closes the open shift that started at `startedAt`. */
  async close(startedAt: number, close: ShiftClose, cashier?: Cashier): Promise<ShiftRecord | undefined> {
    const tx = this.db.transaction('shifts', 'readwrite');
    const open = await tx.store.get(startedAt);
    if (!open || open.endedAt !== undefined) {
      await tx.done;
      return undefined;
    }
    const closed: ShiftRecord = { ...open, endedAt: Math.max(close.toMs, open.startedAt), cashiers: withCashier(open.cashiers, cashier), close };
    await tx.store.put(closed);
    await this.finish(tx.done, 'closed');
    return closed;
  }

  /** Shifts started in [fromMs, toMs), newest first. */
  async between(fromMs: number, toMs: number): Promise<readonly ShiftRecord[]> {
    if (toMs <= fromMs) return [];
    const all = await this.db.getAll('shifts', IDBKeyRange.bound(fromMs, toMs, false, true));
    return all.filter(isShiftRecord).reverse();
  }

  /** The last `limit` closed shifts, newest first. */
  async recent(limit: number): Promise<readonly ShiftRecord[]> {
    const out: ShiftRecord[] = [];
    const tx = this.db.transaction('shifts');
    for (let c = await tx.store.openCursor(null, 'prev'); c && out.length < limit; c = await c.continue()) {
      if (isShiftRecord(c.value) && c.value.endedAt !== undefined) out.push(c.value);
    }
    await tx.done;
    return out;
  }

  private async finish(done: Promise<void>, what: string): Promise<void> {
    try {
      await done;
    } catch (cause) {
      throw new StorageError('storage_failed', `The shift could not be ${what} (storage refused the write); free some storage and try again.`, true, { cause });
    }
  }
}
