import type { Shift } from '../../features/history/summary.js';
import type { ShiftPort } from '../../features/history/summary-shift.js';
import type { Db } from './db.js';

const CURRENT = 'shift:current';
const HISTORY = 'shift:history';
const KEEP = 50;

const isShift = (v: unknown): v is Shift =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Shift).startedAt === 'number' &&
  ((v as Shift).endedAt === undefined || typeof (v as Shift).endedAt === 'number');

/**
 * ShiftPort over the `settings` store (two keys; no schema change): the current shift and the
 * last 50 closed ones. Start and end each run in one transaction so a crash never leaves two
 * open shifts or loses a closed one.
 */
export class ShiftRepo implements ShiftPort {
  constructor(private readonly db: Db) {}

  /** The open shift, or the last closed one. */
  async current(): Promise<Shift | undefined> {
    const v = await this.db.get('settings', CURRENT);
    return isShift(v) ? v : undefined;
  }

  /** Opens a shift at `at`, closing an open one first. */
  async start(at: number): Promise<Shift> {
    const tx = this.db.transaction('settings', 'readwrite');
    const prev = await tx.store.get(CURRENT);
    const history = await tx.store.get(HISTORY);
    const list = Array.isArray(history) ? history.filter(isShift) : [];
    if (isShift(prev) && prev.endedAt === undefined) await tx.store.put([{ ...prev, endedAt: at }, ...list].slice(0, KEEP), HISTORY);
    const shift: Shift = { startedAt: at };
    await tx.store.put(shift, CURRENT);
    await tx.done;
    return shift;
  }

  /** Closes the open shift at `at`. */
  async end(at: number): Promise<Shift | undefined> {
    const tx = this.db.transaction('settings', 'readwrite');
    const prev = await tx.store.get(CURRENT);
    if (!isShift(prev) || prev.endedAt !== undefined) {
      await tx.done;
      return undefined;
    }
    const closed: Shift = { ...prev, endedAt: Math.max(at, prev.startedAt) };
    const history = await tx.store.get(HISTORY);
    await tx.store.put([closed, ...(Array.isArray(history) ? history.filter(isShift) : [])].slice(0, KEEP), HISTORY);
    await tx.store.put(closed, CURRENT);
    await tx.done;
    return closed;
  }

  /** Closed shifts, newest first. */
  async history(): Promise<readonly Shift[]> {
    const v = await this.db.get('settings', HISTORY);
    return Array.isArray(v) ? v.filter(isShift) : [];
  }
}
