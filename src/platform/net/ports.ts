/**
 * The cpay client port (docs/contracts.md, "App ports"). Flows see only this; the
 * implementation (`cpay-client.ts`) holds the keys, signs with `prepareRequest`, posts to the
 * relay and reads with `readResponse`.
 */
import type { Observable } from 'rxjs';
import type { EndpointName, Reply, RequestOf, ResponseOf } from '@cpay/protocol';

/** Why a call's outcome is unknown: the request may have reached cpay. */
export type UnknownReason = 'timeout' | 'network' | 'relay_unknown' | 'bad_signature' | 'garbled';
/** Why a call certainly never reached cpay. */
export type NotSentReason = 'offline' | 'relay_refused' | 'upstream_unreachable';

/**
 * One call's outcome, as a value (never an error):
 * - `reply`: cpay answered and the answer verified (any `status`, read it);
 * - `unknown`: the request may have reached cpay (timeout, relay 504 / `x-relay-outcome: unknown`,
 *   network error after sending, a signature that does not verify, a garbled body);
 * - `not_sent`: certainly never reached cpay (offline, refused by the relay, upstream unreachable).
 */
export type CallOutcome<T> =
  | { readonly kind: 'reply'; readonly reply: Reply<T>; readonly httpStatus: number; readonly durationMs: number }
  | { readonly kind: 'unknown'; readonly reason: UnknownReason; readonly detail: string; readonly httpStatus?: number; readonly durationMs: number }
  | { readonly kind: 'not_sent'; readonly reason: NotSentReason; readonly detail: string; readonly httpStatus?: number; readonly durationMs: number };

/** The cpay client. */
export interface CpayPort {
  /** Cold: each subscription sends one request; unsubscribing aborts it. Emits one outcome, then completes. */
  call<E extends EndpointName>(endpoint: E, req: RequestOf<E>): Observable<CallOutcome<ResponseOf<E>>>;
  /**
   * POST /relay/warmup, fire and forget (pre-connects the relay's upstream before a payment);
   * then again every 0.5 s until the next call (the scan) unless `keepWarm: false`.
   */
  warmup(options?: { readonly keepWarm?: boolean }): void;
  /**
   * A customer code is arriving (a key of it was typed): no keep-warm ping for the next second, so
   * none lands between the code's Enter and its request (issue 21); the request itself ends them.
   */
  hold?(): void;
}
