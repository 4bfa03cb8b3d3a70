/**
 * Retry timing for boot and binding as pure functions (design.md "Streams": policies are table
 * tested; nothing here reads a clock). Exponential with a cap: 1 s, 2 s, 4 s … 30 s.
 */

/** Parameters of an exponential backoff. */
export interface Backoff {
  readonly baseMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

/** While cpay is unreachable at boot: keep trying forever, never more often than the cap allows. */
export const BOOT_BACKOFF: Backoff = { baseMs: 1_000, factor: 2, maxMs: 30_000 };

/** Network errors while binding: short, because the QR lives only `ttl` seconds. */
export const BIND_BACKOFF: Backoff = { baseMs: 1_000, factor: 2, maxMs: 8_000 };

/** Generating the binding QR gives up (and offers a button) after this many failed attempts. */
export const BIND_GENERATE_MAX_ATTEMPTS = 4;

/** Delay before retry number `failures` (1 = first retry). Always within [baseMs, maxMs]. */
export function backoffDelay(failures: number, policy: Backoff): number {
  const n = Math.max(1, Math.floor(failures));
  const raw = policy.baseMs * policy.factor ** (n - 1);
  return Math.min(policy.maxMs, Number.isFinite(raw) ? raw : policy.maxMs);
}

/**
 * Delay before the next binding poll: `interval` after an answer (spec §5.2 step 6), backoff after
 * a failure, and never beyond the time the QR has left (`remainingMs`), so retries cannot extend
 * polling past `ttl`.
 */
export function nextBindPollDelay(intervalMs: number, consecutiveFailures: number, remainingMs: number): number {
  const wanted = consecutiveFailures > 0 ? backoffDelay(consecutiveFailures, BIND_BACKOFF) : intervalMs;
  return Math.max(0, Math.min(wanted, remainingMs));
}
