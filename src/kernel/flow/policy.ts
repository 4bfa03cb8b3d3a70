/**
 * Timing policies for the payment flows as pure functions (spec §9.1, §10.2 step 7, §10.7).
 * Flows ask these for every delay; nothing here reads a clock or draws a random number, so each
 * rule is a table test.
 */

/** The terminal's payment timings (spec §10.7). */
export const PAY_TIMING = {
  /** Wait after each completed brief_query_order / query_order reply before the next query. */
  pollIntervalMs: 2_000,
  /** Stop polling and show the unknown-result text this long after the payment request left. */
  giveUpAfterMs: 120_000,
  /** Status 103: wait this long, then send the identical request again. */
  retryLaterMs: 3_000,
  /** Status 3 (unknown) on brief_micro_pay: resend the identical request this many times, then poll. */
  maxUnknownResends: 2,
  /** Status 103 on brief_micro_pay: resend at most this many times, then poll. */
  maxRetryLaterResends: 3,
  /** Request certainly not sent (offline): try again this many times before giving up unsent. */
  maxNotSentResends: 3,
  /**
   * brief_query_order says cpay has no such order (a final status on the query) while the
   * micropay's fate was unknown: resend the identical brief_micro_pay this many times. The same
   * out_trade_no and content make it idempotent at cpay, so a resend can never charge twice.
   */
  maxNotFoundResends: 2,
  /**
   * Reconciliation after a restart has no customer code to resend: an order that cpay still does
   * not have this long after it was created (the 2-minute window, relay timeouts and a margin)
   * never arrived, and is settled as not charged.
   */
  neverArrivedAfterMs: 300_000,
} as const;

/** How the last poll reply went, as far as the timing of the next poll is concerned. */
export type PollReplyKind = 'answered' | 'retry_later' | 'no_answer';

/** Delay before the next query, counted from the moment the last reply (or failure) arrived. */
export function nextPollDelay(kind: PollReplyKind): number {
  return kind === 'retry_later' ? PAY_TIMING.retryLaterMs : PAY_TIMING.pollIntervalMs;
}

/** Why the identical brief_micro_pay is being sent again. */
export type ResendReason = 'unknown' | 'retry_later' | 'not_sent';

/**
 * Delay before resending the identical brief_micro_pay: 103 → 3 s (spec §9.1); status 3 → the
 * poll interval; certainly-unsent (offline) → backoff with jitter from `random` in [0, 1).
 */
export function resendDelay(kind: ResendReason, attempt: number, random: number): number {
  if (kind === 'retry_later') return PAY_TIMING.retryLaterMs;
  if (kind === 'unknown') return PAY_TIMING.pollIntervalMs;
  return backoffDelay(attempt, { ...NOT_SENT_BACKOFF, random });
}

/** Whether the identical request may be sent again after `resends` resends for this reason. */
export function mayResend(kind: ResendReason, resends: number): boolean {
  const limit = kind === 'unknown' ? PAY_TIMING.maxUnknownResends : kind === 'retry_later' ? PAY_TIMING.maxRetryLaterResends : PAY_TIMING.maxNotSentResends;
  return resends < limit;
}

/** Milliseconds left before the give-up point (never negative). */
export function remainingBeforeGiveUp(startedAt: number, now: number, giveUpAfterMs: number = PAY_TIMING.giveUpAfterMs): number {
  return Math.max(0, startedAt + giveUpAfterMs - now);
}

/** Options for exponential backoff; `random` in [0, 1) is drawn by the caller (injected). */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
  /** A uniform draw in [0, 1). 0.5 gives the midpoint of the jitter window. */
  readonly random: number;
}

/**
 * Exponential backoff with a cap and "equal jitter": the delay for attempt n (0-based) is
 * half of min(cap, base·2ⁿ) fixed plus up to the other half at random, so retries from many
 * terminals spread out but never come sooner than half the nominal delay.
 */
export function backoffDelay(attempt: number, { baseMs, capMs, random }: BackoffOptions): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const nominal = Math.min(capMs, baseMs * 2 ** exponent);
  const draw = Math.min(Math.max(random, 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * draw);
}

/** Resending a request that certainly never left (offline, relay refused). */
export const NOT_SENT_BACKOFF: Omit<BackoffOptions, 'random'> = { baseMs: 1_000, capMs: 8_000 };

/** Background reconciliation of open orders: 2 s at first, backing off to 1 min (spec §10.2, issue #5). */
export const RECONCILE_BACKOFF: Omit<BackoffOptions, 'random'> = { baseMs: 2_000, capMs: 60_000 };

/**
 * Delay before the next reconciliation query of an open order after `misses` consecutive
 * queries without a final state (offline, unknown or still pending). A cashier's "query again"
 * resets `misses` to 0.
 */
export function reconcileDelay(misses: number, random: number): number {
  return misses <= 0 ? 0 : backoffDelay(misses - 1, { ...RECONCILE_BACKOFF, random });
}
