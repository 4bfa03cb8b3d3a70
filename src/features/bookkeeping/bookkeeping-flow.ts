/**
 * Recording a bookkeeping sale and refunding one, locally (bookkeeping.ts). Order and refund
 * numbers come from the same allocator as cpay orders (OrderNumberPort: the number is persisted
 * before it is handed out), the journal row is written before anything else (receipt, drawer),
 * and nothing is sent to cpay. Works with no network at all.
 */
import type { Fen } from '@cpay/protocol';
import type { Clock, JournalEntry, JournalPort, OrderNumberPort } from '../../kernel/flow/ports.js';
import type { LocalRefundBooks, LocalRefundStep, RefundLedgerPort } from '../refund/refund-deps.js';
import type { RefundRecord } from '../refund/refund.js';
import {
  afterRefund,
  checkLocalRefund,
  isBookkeepingEntry,
  localRefundRecord,
  refundedOf,
  saleEntry,
  type BookkeepingMethod,
  type LocalRefundError,
  type RefundStaff,
} from './bookkeeping.js';

/** Who is recording: today the binding's staff; the signed-in staff member once merged. */
export interface StaffOnShift {
  readonly staffId?: string;
  readonly staffName?: string;
}

/** Ports of a bookkeeping sale. */
export interface BookkeepingSaleDeps {
  readonly orderNumbers: OrderNumberPort;
  readonly journal: Pick<JournalPort, 'put'>;
  readonly clock: Clock;
  /** The binding's cloud_cashier_id (order-number prefix); undefined while unbound. */
  readonly prefix: () => string | undefined;
  // staff: the signed-in staff member ({ staffId, staffName }) plugs in here.
  readonly staff: () => StaffOnShift;
}

/** A sale to record (the cash amounts already checked by `checkTendered`). */
export interface SaleRequest {
  readonly method: BookkeepingMethod;
  readonly amount: Fen;
  readonly tendered?: Fen;
  readonly change?: Fen;
}

/** The terminal is not bound: there is no order-number prefix to number the sale with. */
export class UnboundError extends Error {
  constructor() {
    super('the terminal is not bound: bind it before recording sales');
    this.name = 'UnboundError';
  }
}

/**
 * Records one sale: the number is allocated (and persisted) first, then the journal row is
 * written; resolves to the stored entry once durable. A failure leaves nothing half-recorded
 * (a number may be skipped, never reused).
 */
export async function recordSale(req: SaleRequest, deps: BookkeepingSaleDeps): Promise<JournalEntry> {
  const prefix = deps.prefix();
  if (prefix === undefined) throw new UnboundError();
  const outTradeNo = await deps.orderNumbers.next(prefix);
  const staff = deps.staff();
  const entry = saleEntry({
    outTradeNo,
    method: req.method,
    amount: req.amount,
    ...(req.tendered === undefined ? {} : { tendered: req.tendered }),
    ...(req.change === undefined ? {} : { change: req.change }),
    at: deps.clock.serverNow(),
    ...(staff.staffId === undefined ? {} : { staffId: staff.staffId }),
    ...(staff.staffName === undefined ? {} : { staffName: staff.staffName }),
  });
  await deps.journal.put(entry);
  return entry;
}

/** Ports of a local refund. */
export interface LocalRefundDeps {
  readonly orderNumbers: OrderNumberPort;
  /** Reads for the first check (before a number is allocated); the writes go through `books`. */
  readonly journal: Pick<JournalPort, 'get'>;
  readonly ledger: Pick<RefundLedgerPort, 'forOrder'>;
  /** The check-and-write step, atomic across windows. */
  readonly books: LocalRefundBooks;
  readonly clock: Clock;
  readonly prefix: () => string | undefined;
  /** Who is refunding (and the manager who authorised it), kept on the refund record. */
  readonly refundStaff?: () => RefundStaff;
}

/** A local refund's outcome. */
export type LocalRefundResult =
  { readonly ok: true; readonly record: RefundRecord; readonly sale: JournalEntry } | { readonly ok: false; readonly error: LocalRefundError };

/**
 * Refunds `amount` of a bookkeeping sale locally. A first check against what remains refuses the
 * plain cases before a number is used; the refund number is then allocated; then ONE atomic step
 * re-reads the sale and its refunds, checks again and writes the refund record (settled: the
 * cashier hands the money back) and, when refunds cover it, the sale marked refunded
 * (RecordOrderState 3). Another window that refunded the same sale in between is seen by that
 * step: the refund is refused (`too_much`) and nothing is written (its number stays unused, never
 * reused). Never sent to cpay.
 */
export async function refundLocally(outTradeNo: string, amount: Fen, deps: LocalRefundDeps): Promise<LocalRefundResult> {
  const sale = await deps.journal.get(outTradeNo);
  if (!sale || !isBookkeepingEntry(sale)) return { ok: false, error: { kind: 'not_bookkeeping' } };
  const first = checkLocalRefund(sale, await deps.ledger.forOrder(outTradeNo), amount);
  if (!first.ok) return first;
  const prefix = deps.prefix();
  if (prefix === undefined) throw new UnboundError();
  const outRefundNo = await deps.orderNumbers.next(prefix);
  const at = deps.clock.serverNow();
  const staff = deps.refundStaff?.();
  return deps.books.atomically(outTradeNo, (current, refunds): LocalRefundStep<LocalRefundResult> => {
    if (!current || !isBookkeepingEntry(current)) return { result: { ok: false, error: { kind: 'not_bookkeeping' } } };
    const check = checkLocalRefund(current, refunds, amount);
    if (!check.ok) return { result: check };
    const record = localRefundRecord(current, outRefundNo, amount, at, staff);
    const updated = afterRefund(current, (refundedOf(outTradeNo, refunds) + amount) as Fen, at);
    return { result: { ok: true, record, sale: updated }, refund: record, ...(updated === current ? {} : { sale: updated }) };
  });
}
