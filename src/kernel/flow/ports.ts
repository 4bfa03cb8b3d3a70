/**
 * Storage and environment ports the payment flows see (docs/contracts.md, "App ports").
 *
 * Flows import only these interfaces; `src/main.ts` wires the real implementations
 * (IndexedDB journal, persisted order-number counter, voice announcer). The cpay client
 * port (`CpayPort`, `CallOutcome`) lives in `src/platform/net/ports.ts`.
 */
import type { ApiCallingInfo, Fen, OrderStateOnWire, PayPlatformName } from '@cpay/protocol';
import type { BOOKKEEPING_PAY_PLATFORM } from '../bookkeeping-platform.js';

/** Server-synchronised wall clock: local clock + offset learnt from `ping`. */
export interface Clock {
  /** Milliseconds since the epoch, corrected to the server's time. */
  serverNow(): number;
}

/** What kind of order a journal entry tracks (refunds and deposits come later). */
export type JournalKind = 'micropay' | 'scan_code' | 'bookkeeping';

/**
 * Where an order stands. `pending` and `unknown` are open (recovery queries them until final);
 * the rest are final. `unknown` means cpay may or may not have charged: never shown as failure.
 */
export type JournalStatus = 'pending' | 'unknown' | 'success' | 'failed' | 'cancelled' | 'closed';

/** The statuses that keep an entry open; the journal's `listOpen()` returns exactly these. */
export const OPEN_JOURNAL_STATUSES: readonly JournalStatus[] = ['pending', 'unknown'];

/** True when recovery must still reconcile this entry with the server. */
export function isOpenJournalStatus(status: JournalStatus): boolean {
  return OPEN_JOURNAL_STATUSES.includes(status);
}

/** One step in an order's state history (append-only; `at` is server time in ms). */
export interface JournalHistoryItem {
  readonly at: number;
  /** Payment phase name from `src/kernel/payment.ts` (e.g. `submitting`, `polling`, `success`). */
  readonly phase: string;
  /** What caused the step: the API call and its status, or a local event such as `created`. */
  readonly cause: string;
  readonly status?: number;
  readonly internalStatus?: number;
  readonly cts?: number;
  readonly description?: string;
}

/**
 * An order in the journal (IndexedDB store keyed by `outTradeNo`, index on `status`).
 * Written BEFORE the first request for the order leaves the page, then on every transition.
 * The customer's payment code is never stored in clear (`maskedCode` keeps the ends only).
 */
export interface JournalEntry {
  readonly outTradeNo: string;
  readonly kind: JournalKind;
  readonly amount: Fen;
  readonly body: string;
  readonly status: JournalStatus;
  /** Known once cpay answers with an order state; scan-code orders know it from the start. */
  readonly platform?: PayPlatformName;
  readonly maskedCode?: string;
  /** Scan-code pay: the QR content to show again after a reload. */
  readonly codeUrl?: string;
  /** Last order state cpay reported (for display and device_report's order_status/tsd). */
  readonly lastState?: OrderStateOnWire;
  /** Human-readable reason for failed/unknown (cpay `description` or the spec's unknown text). */
  readonly description?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The staff member signed in when the order was opened (src/features/staff); absent before staff existed. */
  readonly staffId?: string;
  readonly history: readonly JournalHistoryItem[];
  /** device_report's entries, one per brief_micro_pay call of this order (resends included). */
  readonly apiCallingInfos?: readonly ApiCallingInfo[];
  /** Set by the report flow once device_report carried this entry. */
  readonly reported?: boolean;
  /**
   * Set with the write that makes the order paid: its payment receipt is due and its print job
   * may not be stored yet. Cleared once the job is stored (the print queue prints it once).
   */
  readonly receiptOwed?: true;
  /**
   * Bookkeeping sales only (kind `bookkeeping`, src/features/bookkeeping/): cash or a card taken on
   * an external terminal, recorded locally and never sent to cpay. PayPlatform 4 (记账模式) and
   * SubPayPlatform 401 (银行卡记账) / 402 (现金记账), 003 L443-455; `recordState` is
   * RecordOrderState (1 initial, 2 success, 3 refunded, 003 L524-532).
   */
  readonly payPlatform?: typeof BOOKKEEPING_PAY_PLATFORM;
  readonly subPayPlatform?: 401 | 402;
  readonly recordState?: 1 | 2 | 3;
  /** Cash: what the customer handed over and the change given back (fen). */
  readonly tenderedFen?: Fen;
  readonly changeFen?: Fen;
  /** Bookkeeping sales: the name of who recorded it (their code is `staffId`). */
  readonly staffName?: string;
}

/** The order journal (IndexedDB). All writes are durable when the promise resolves. */
export interface JournalPort {
  /** Inserts or replaces the entry (the entry carries its whole history). */
  put(entry: JournalEntry): Promise<void>;
  get(outTradeNo: string): Promise<JournalEntry | undefined>;
  /** Entries whose status is open (`pending` or `unknown`), oldest first. */
  listOpen(): Promise<JournalEntry[]>;
}

/**
 * Hands out order/refund numbers. The implementation persists the new number (and the counter
 * state it came from) BEFORE resolving, using `nextOrderNo` from `src/kernel/order-no.ts`.
 */
export interface OrderNumberPort {
  next(prefix: string): Promise<string>;
}

/** What the terminal says aloud: the platform and the amount, never "timeout" for a paid order. */
export type Sentence =
  | { readonly kind: 'payment_success'; readonly platform: PayPlatformName | 'unknown'; readonly amount: Fen }
  | { readonly kind: 'payment_failed'; readonly amount: Fen }
  | { readonly kind: 'payment_unknown'; readonly amount: Fen }
  | { readonly kind: 'waiting_password' };

/** Voice output (devices/voice). Fire and forget. */
export interface Announcer {
  say(sentence: Sentence): void;
}
