/**
 * What the payment flows need from the app, and the per-order bookkeeping they share.
 * All I/O arrives through these ports; all time through `scheduler` (durations) and `clock`
 * (server wall time for the journal).
 */
import type { SchedulerLike } from 'rxjs';
import type { Fen, MicroPayRequest, OrderStateOnWire, PayPlatformName } from '@cpay/protocol';
import type { CodeHint } from '../../kernel/customer-code.js';
import type { MicropayCallRecord } from './payment-report.js';
import type { FailReason, PaymentResult } from '../../kernel/payment.js';
import { NotReadyError, describeError } from '../../kernel/errors.js';
import type { CpayPort } from '../../platform/net/ports.js';
import type { HistoryStep, OrderRecorder, Warn } from '../../kernel/flow/pay-journal.js';
import type { Announcer, Clock, JournalPort, OrderNumberPort } from '../../kernel/flow/ports.js';

/** The bound terminal's identity, read when a payment starts (from the binding). */
export interface PayTerminal {
  readonly snCode: string;
  readonly outShopId: string;
  readonly deviceId: string;
  /** Order-number prefix. */
  readonly cloudCashierId: string;
  /** cpay-allocated device code (spec §4); never invented. */
  readonly subTerminalType: number;
  /** `bd`: the short description cpay shows the customer, e.g. the shop name. */
  readonly body: string;
  /** The signed-in staff member (journaled with each order it opens). */
  readonly staffId?: string;
}

/** Ports and environment of the payment flows. */
export interface PayDeps {
  readonly cpay: CpayPort;
  readonly journal: JournalPort;
  readonly orderNumbers: OrderNumberPort;
  readonly clock: Clock;
  readonly announcer: Announcer;
  readonly scheduler: SchedulerLike;
  readonly terminal: () => PayTerminal;
  /** 32 random `0-9a-zA-Z` characters (protocol `randomNonce(32)`). */
  readonly nonce: () => string;
  /** Uniform draw in [0, 1) for backoff jitter. */
  readonly random: () => number;
  readonly warn: Warn;
}

/** Mutable bookkeeping of one micropay order, private to its run (created inside `defer`). */
export interface MicropayRun {
  readonly amount: Fen;
  readonly outTradeNo: string;
  readonly hint: CodeHint;
  /** The request, built once: resends send it identically (spec §9.1 "retry the original request"). */
  readonly request: MicroPayRequest;
  readonly recorder: OrderRecorder;
  /** Scheduler time of the code's scan (delay_ms is counted from here). */
  readonly scannedAt: number;
  readonly calls: MicropayCallRecord[];
  /** True once any send of this order may have reached cpay. */
  mayHaveReached: boolean;
  /** Resends made because a query said cpay does not have the order. */
  notFoundResends: number;
  /** cpay's signed refusal of the last send, kept while the order is polled: if a query then says
   * cpay has no such order, nothing was charged and this is the reason shown. */
  refusal: { readonly reason: FailReason; readonly description: string } | undefined;
  userPaying: boolean;
  platform: PayPlatformName | undefined;
  lastState: OrderStateOnWire | undefined;
  /** Set when the outcome is decided; the run settles with it (or unknown at the give-up). */
  result: PaymentResult | undefined;
  /**
   * The history step of a final answer not yet journaled: written with the result in settle's one
   * write (issue 21, sixth round: two journal writes in a row held the 收款成功 frame back).
   */
  answeredStep?: HistoryStep;
}

/** Why the terminal cannot pay (not bound), or undefined; checked before anything is written. */
/** Why a sale cannot start: 'not_ready' for a live terminal left unconfigured, else 'caller_error'. */
export function terminalProblemReason(deps: Pick<PayDeps, 'terminal'>): 'not_ready' | 'caller_error' {
  try {
    deps.terminal();
    return 'caller_error';
  } catch (err: unknown) {
    return err instanceof NotReadyError ? 'not_ready' : 'caller_error';
  }
}

export function terminalProblem(deps: Pick<PayDeps, 'terminal'>): string | undefined {
  try {
    deps.terminal();
    return undefined;
  } catch (err: unknown) {
    return describeError(err);
  }
}
