import { appendDrawerEvent, asDrawerLog, drawerEventsBetween, type DrawerEvent } from '../../features/bookkeeping/drawer.js';
import type { Db } from './db.js';

/** Where the drawer log lives in the `settings` store (never a Settings key). */
export const DRAWER_LOG_KEY = '__drawerLog';

/**
 * The cash drawer's open events (features/bookkeeping/drawer.ts) in the `settings` store: one
 * array under DRAWER_LOG_KEY, appended in one read-write transaction (no lost event when two
 * appends race), capped. No schema change.
 */
export class DrawerLogRepo {
  constructor(private readonly db: Db) {}

  /** Appends one event; durable when the promise resolves. */
  async append(e: DrawerEvent): Promise<void> {
    const tx = this.db.transaction('settings', 'readwrite');
    const log = asDrawerLog(await tx.store.get(DRAWER_LOG_KEY));
    await tx.store.put(appendDrawerEvent(log, e), DRAWER_LOG_KEY);
    await tx.done;
  }

  /** Events in [fromMs, toMs) (server ms), oldest first. */
  async between(fromMs: number, toMs: number): Promise<DrawerEvent[]> {
    return drawerEventsBetween(asDrawerLog(await this.db.get('settings', DRAWER_LOG_KEY)), fromMs, toMs);
  }
}
