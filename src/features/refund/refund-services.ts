/**
 * The after-sale services the shell hands to the refund, history and summary screens (added to
 * AppServices as `afterSale`; `main.ts` wires the IndexedDB implementations). Printing and
 * reprinting are hooks: absent until a printer service exists, and the screens hide the buttons.
 */
import type { Observable } from 'rxjs';
import type { ReceiptDoc } from '../../kernel/receipt-doc.js';
import type { RefundRecord } from './refund.js';
import type { ReprintOrder } from '../history/reprint.js';
import type { LocalRefundBooks, PinGate, RefundLedgerPort, RefundSentence } from './refund-deps.js';
import type { ShiftStore } from '../shift/shift-deps.js';

/** Refund ledger with the queries the history needs. */
export interface RefundLedger extends RefundLedgerPort {
  listOpen(): Promise<RefundRecord[]>;
}

/** The manager PIN, settable from the settings screen. */
export interface ManagerPin extends PinGate {
  set(pin: string | undefined): Promise<void>;
}

/** After-sale services. */
export interface AfterSaleServices {
  readonly refunds: RefundLedger;
  /** The local books' atomic refund step (cash / card bookkeeping refunds, safe across windows). */
  readonly localRefunds: LocalRefundBooks;
  readonly pin: ManagerPin;
  /** Shifts (issue 20 handover: float, cash count, figures), kept in IndexedDB. */
  readonly shifts: ShiftStore;
  /** The order the refund screen should open (set by history or a scan), replays the latest. */
  readonly refundTarget$: Observable<string | undefined>;
  /** Opens the refund screen on an order. */
  openRefund(outTradeNo: string): void;
  /** Prints a receipt document (absent: no printer service yet). */
  readonly print?: (doc: ReceiptDoc) => void;
  /** Says a refund's platform and amount (spec §12); absent until the voice service takes refunds. */
  readonly announceRefund?: (sentence: RefundSentence) => void;
  /**
   * Reprints an order's payment receipt stating the order's real state, and tells the cashier
   * when it fails (absent: no printer service yet).
   */
  readonly reprint?: (order: ReprintOrder) => void;
}
