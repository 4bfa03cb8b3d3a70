/**
 * Per-client token buckets (→ 429). A terminal polls about every 2 s, so the defaults leave a wide
 * margin while stopping a runaway client from flooding cpay through the relay. Memory stays bounded:
 * buckets that have refilled completely are dropped by `sweep()`.
 */

/** Bucket parameters: sustained requests per second and burst size. */
export interface RateLimitOptions {
  readonly perSecond: number;
  readonly burst: number;
}

/** Outcome of {@link RateLimiter.take}: allowed, or the seconds until a token is available. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSec: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** A token-bucket limiter keyed by client (address). `now` is injectable for tests. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private seen = 0;

  constructor(
    private readonly opts: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(opts.perSecond > 0) || !(opts.burst >= 1)) throw new RangeError(`bad rate limit: ${opts.perSecond}/s burst ${opts.burst}`);
  }

  /** Takes one token for `key`. */
  take(key: string): RateDecision {
    const t = this.now();
    const b = this.buckets.get(key);
    if (!b) {
      this.seen += 1;
      this.buckets.set(key, { tokens: this.opts.burst - 1, at: t });
      return { allowed: true };
    }
    b.tokens = Math.min(this.opts.burst, b.tokens + ((t - b.at) / 1000) * this.opts.perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((1 - b.tokens) / this.opts.perSecond)) };
  }

  /** Drops buckets that would be full by now (idle clients). */
  sweep(): void {
    const t = this.now();
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.opts.perSecond >= this.opts.burst) this.buckets.delete(key);
    }
  }

  /** Number of tracked clients (for tests and status). */
  get size(): number {
    return this.buckets.size;
  }

  /** Buckets ever opened (a client seen anew, or again after its idle bucket was swept): only grows. */
  get clientsSeen(): number {
    return this.seen;
  }
}
