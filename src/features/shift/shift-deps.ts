/**
 * Ports of the shift handover (issue 20): where shifts are kept, and the local books the
 * handover reads (journal, refund ledger, drawer log). `main.ts` wires the IndexedDB parts.
 */
import type { Cashier, ShiftClose, ShiftRecord } from './shift.js';

/** Where shifts are kept (one record per shift, keyed by its start). Times are server ms. */
export interface ShiftStore {
  /** The open shift, or else the last closed one. */
  current(): Promise<ShiftRecord | undefined>;
  /** Opens a shift with its float; when one is already open, that one is returned unchanged. */
  open(at: number, floatFen: number, cashier?: Cashier): Promise<ShiftRecord>;
  /**
   * Closes the open shift that started at `startedAt` with its count and figures (ended at
   * `close.toMs`); the cashier closing it joins the list. Undefined when that shift is not open.
   */
  close(startedAt: number, close: ShiftClose, cashier?: Cashier): Promise<ShiftRecord | undefined>;
  /** Shifts started in [fromMs, toMs), newest first. */
  between(fromMs: number, toMs: number): Promise<readonly ShiftRecord[]>;
  /** The last `limit` closed shifts, newest first. */
  recent(limit: number): Promise<readonly ShiftRecord[]>;
}

/**
 * The terminal's own books, read by the shape of their rows (the handover does not depend on
 * the bookkeeping feature's code): journal rows with PayPlatform 4 / SubPayPlatform 401|402 and
 * their local refunds (refund ledger or journal).
 */
export interface LocalBooks {
  /** Journal entries created in [fromMs, toMs). */
  journal(fromMs: number, toMs: number): Promise<readonly unknown[]>;
  /** Refund ledger records created in [fromMs, toMs). */
  refunds(fromMs: number, toMs: number): Promise<readonly unknown[]>;
  /** One journal entry (the sale of a refund made in a later shift). */
  entry(outTradeNo: string): Promise<unknown>;
  /** Drawer openings in [fromMs, toMs), when the terminal keeps a drawer log (absent: not counted). */
  drawerOpens?(fromMs: number, toMs: number): Promise<number>;
}
