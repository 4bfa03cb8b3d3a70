/**
 * The cash drawer's log: every time the terminal kicked the drawer open (a cash sale, or a manager
 * on demand), with who and why. The shift handover reads it (drawer opens during the shift).
 * Kept in the `settings` store under DRAWER_LOG_KEY (no schema change), newest last, capped.
 */

/** Why the drawer was opened. */
export type DrawerReason = 'cash_sale' | 'manual';

/** One drawer-open event. */
export interface DrawerEvent {
  /** Server time, ms. */
  readonly at: number;
  readonly reason: DrawerReason;
  /** The cash sale's order number (reason `cash_sale`). */
  readonly outTradeNo?: string;
  /** Who opened it (the signed-in staff member once the staff feature is merged). */
  readonly staffId?: string;
  readonly staffName?: string;
  /** How the kick went: `printer` (handed to the printer path: the USB printer, or the on-screen printer when none is paired), `failed`. */
  readonly sent: 'printer' | 'failed';
}

/** Events kept at most (about a month of a busy stall); the oldest go first. */
export const DRAWER_LOG_LIMIT = 5_000;

/** The log with `e` appended, capped at DRAWER_LOG_LIMIT. */
export function appendDrawerEvent(log: readonly DrawerEvent[], e: DrawerEvent, limit: number = DRAWER_LOG_LIMIT): DrawerEvent[] {
  const next = [...log, e];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** Events in [fromMs, toMs). */
export function drawerEventsBetween(log: readonly DrawerEvent[], fromMs: number, toMs: number): DrawerEvent[] {
  return log.filter((e) => e.at >= fromMs && e.at < toMs);
}

/** Narrows stored data to a drawer log (anything else reads as empty). */
export function asDrawerLog(value: unknown): DrawerEvent[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is DrawerEvent =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as DrawerEvent).at === 'number' &&
      ((v as DrawerEvent).reason === 'cash_sale' || (v as DrawerEvent).reason === 'manual'),
  );
}
