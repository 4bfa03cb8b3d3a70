/**
 * What the refund flow needs from the app: the cpay port, the refund ledger, the order-number
 * port (refund numbers follow the order-number rules, spec §11), the journal (for the order's
 * creation time), an optional manager PIN check, voice, and time through the scheduler/clock.
 */
import type { SchedulerLike } from 'rxjs';
import type { Fen, PayPlatformName } from '@cpay/protocol';
import type { RefundRecord } from './refund.js';
import type { CpayPort } from '../../platform/net/ports.js';
import type { Warn } from '../../kernel/flow/pay-journal.js';
import type { Clock, JournalEntry, JournalPort, OrderNumberPort } from '../../kernel/flow/ports.js';

/** The bound terminal's identity as refund and query_refund_order need it (spec §7.6, §10.4 step 6). */
export interface RefundTerminal {
  readonly snCode: string;
  readonly outMchId: string;
  readonly outSubMchId: string;
  readonly outShopId: string;
  readonly deviceId: string;
  /** Refund-number prefix (cloud_cashier_id). */
  readonly cloudCashierId: string;
  /** The signed-in staff member (staff_id in order_client; authorization_staff_id when entitled). */
  readonly staffId?: string;
  /** The signed-in staff member's name: authorization_name when entitled (cpay appends it to refund_reason). */
  readonly staffName?: string;
  /** The manager who authorised this refund (above the cashier limit): authorization_staff_id instead of `staffId`. */
  readonly authorizationStaffId?: string;
  /** That manager's name: authorization_name instead of `staffName`. */
  readonly authorizationName?: string;
  /** order_client.terminal_type (1 Windows, 2 Android, 3 iOS, 4 Linux, 100 other). */
  readonly terminalType: number;
  readonly subTerminalType?: number;
  readonly sdkVersion: string;
  readonly spbillCreateIp: string;
}

/** `t` with the manager who authorised this refund (above the cashier limit) as its authorising staff; `t` itself without one. */
export function withAuthorizer(t: RefundTerminal, authorizer: { readonly staffId: string; readonly staffName?: string } | undefined): RefundTerminal {
  if (!authorizer) return t;
  const { authorizationName: _previous, ...rest } = t;
  return { ...rest, authorizationStaffId: authorizer.staffId, ...(authorizer.staffName ? { authorizationName: authorizer.staffName } : {}) };
}

/** The local refund ledger (IndexedDB). Writes are durable when the promise resolves. */
export interface RefundLedgerPort {
  put(record: RefundRecord): Promise<void>;
  /** Every refund of one order, oldest first. */
  forOrder(outTradeNo: string): Promise<RefundRecord[]>;
}

/**
 * What one atomic step of the local books writes: the refund record and, when refunds now cover
 * it, the sale marked refunded; `result` is what the caller gets back either way.
 */
export interface LocalRefundStep<T> {
  readonly result: T;
  readonly refund?: RefundRecord;
  readonly sale?: JournalEntry;
}

/**
 * The till's own books written atomically, for a local (cash / card bookkeeping) refund
 * (platform/storage/local-refund-books.ts: ONE IndexedDB readwrite transaction over the journal
 * and the refunds). `decide` gets the sale and its refunds as they are inside that transaction and
 * must be synchronous; what it returns is written in the same transaction. Two windows of the
 * till refunding one sale therefore serialize: the second one's `decide` sees the first one's
 * refund (decision 0038-local-refund-atomic).
 */
export interface LocalRefundBooks {
  atomically<T>(outTradeNo: string, decide: (sale: JournalEntry | undefined, refunds: readonly RefundRecord[]) => LocalRefundStep<T>): Promise<T>;
}

/** The manager PIN gate; `required()` false means no PIN is configured. */
export interface PinGate {
  required(): Promise<boolean>;
  verify(pin: string): Promise<boolean>;
}

/** What the terminal says about a refund: platform and amount (spec §12). */
export type RefundSentence =
  | { readonly kind: 'refund_accepted'; readonly platform: PayPlatformName; readonly amount: Fen }
  | { readonly kind: 'refund_success'; readonly platform: PayPlatformName; readonly amount: Fen }
  | { readonly kind: 'refund_failed'; readonly amount: Fen };

/** Ports and environment of the refund flow. */
export interface RefundDeps {
  readonly cpay: CpayPort;
  readonly ledger: RefundLedgerPort;
  readonly orderNumbers: OrderNumberPort;
  readonly journal: Pick<JournalPort, 'get'>;
  /** A bookkeeping sale's refund: checked and written in one atomic step of the local books. */
  readonly localBooks: LocalRefundBooks;
  readonly pin: PinGate;
  readonly clock: Clock;
  readonly scheduler: SchedulerLike;
  readonly terminal: () => RefundTerminal;
  /** 32 random `0-9a-zA-Z` characters. */
  readonly nonce: () => string;
  /** Uniform draw in [0, 1) for backoff jitter. */
  readonly random: () => number;
  readonly announce: (sentence: RefundSentence) => void;
  readonly warn: Warn;
}

/** Refund timings (spec §9.1, §10.7); the settle poll reuses the payment poll interval. */
export const REFUND_TIMING = {
  /** Keep asking query_refund_order this long after acceptance, then report "accepted". */
  settleWatchMs: 120_000,
  /** Look-back for the server refund list when the order's creation time is unknown. */
  lookBackMs: 366 * 24 * 3_600_000,
  /** Page size of brief_query_order_list (the simulator and cpay accept up to 100). */
  pageSize: 100,
  /** Pages read at most for one order's refunds. */
  maxPages: 20,
  /** Fresh refund numbers tried after status 102. */
  maxNewNumbers: 1,
} as const;
