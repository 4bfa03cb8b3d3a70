import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  backoffDelay,
  mayResend,
  reconcileDelay,
  nextPollDelay,
  PAY_TIMING,
  remainingBeforeGiveUp,
  resendDelay,
  type PollReplyKind,
  type ResendReason,
} from './policy.js';

describe('spec timings', () => {
  it('are 2 s poll, 2 min give-up, 3 s for 103', () => {
    expect(PAY_TIMING.pollIntervalMs).toBe(2_000);
    expect(PAY_TIMING.giveUpAfterMs).toBe(120_000);
    expect(PAY_TIMING.retryLaterMs).toBe(3_000);
  });
});

describe('nextPollDelay', () => {
  it.each<[PollReplyKind, number]>([
    ['answered', 2_000],
    ['no_answer', 2_000],
    ['retry_later', 3_000],
  ])('%s → %i ms', (kind, ms) => {
    expect(nextPollDelay(kind)).toBe(ms);
  });
});

describe('resendDelay', () => {
  it.each<[ResendReason, number, number, number]>([
    ['retry_later', 0, 0.9, 3_000],
    ['retry_later', 5, 0.1, 3_000],
    ['unknown', 0, 0.9, 2_000],
    ['not_sent', 0, 0, 500],
    ['not_sent', 0, 0.5, 750],
    ['not_sent', 1, 0, 1_000],
    ['not_sent', 3, 0.999, 7_996],
    ['not_sent', 9, 0, 4_000],
  ])('%s attempt %i random %f → %i ms', (kind, attempt, random, ms) => {
    expect(resendDelay(kind, attempt, random)).toBe(ms);
  });
});

describe('mayResend', () => {
  it.each<[ResendReason, number, boolean]>([
    ['unknown', 0, true],
    ['unknown', 1, true],
    ['unknown', 2, false],
    ['retry_later', 2, true],
    ['retry_later', 3, false],
    ['not_sent', 2, true],
    ['not_sent', 3, false],
  ])('%s after %i resends → %s', (kind, resends, allowed) => {
    expect(mayResend(kind, resends)).toBe(allowed);
  });
});

describe('remainingBeforeGiveUp', () => {
  it.each<[number, number, number]>([
    [0, 0, 120_000],
    [1_000, 61_000, 60_000],
    [0, 120_000, 0],
    [0, 500_000, 0],
  ])('started %i, now %i → %i ms left', (startedAt, now, left) => {
    expect(remainingBeforeGiveUp(startedAt, now)).toBe(left);
  });
});

describe('backoffDelay', () => {
  const opts = { baseMs: 1_000, capMs: 60_000 };
  it.each<[number, number, number]>([
    [0, 0, 500],
    [0, 0.5, 750],
    [1, 0, 1_000],
    [2, 0.5, 3_000],
    [6, 0, 30_000],
    [7, 0, 30_000],
    [100, 0.999_999, 60_000],
    [-3, 0, 500],
  ])('attempt %i random %f → %i ms', (attempt, random, ms) => {
    expect(backoffDelay(attempt, { ...opts, random })).toBe(ms);
  });

  it('stays within [nominal/2, cap] and never decreases with the attempt for a fixed draw', () => {
    fc.assert(
      fc.property(fc.nat({ max: 50 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const d = backoffDelay(attempt, { ...opts, random });
        const next = backoffDelay(attempt + 1, { ...opts, random });
        expect(d).toBeGreaterThanOrEqual(Math.min(opts.capMs, opts.baseMs * 2 ** attempt) / 2 - 1);
        expect(d).toBeLessThanOrEqual(opts.capMs);
        expect(next).toBeGreaterThanOrEqual(d);
      }),
    );
  });
});

describe('reconcileDelay', () => {
  it.each<[number, number, number]>([
    [0, 0.5, 0],
    [1, 0, 1_000],
    [1, 0.5, 1_500],
    [2, 0.5, 3_000],
    [5, 0, 16_000],
    [6, 0.999, 59_970],
    [50, 0, 30_000],
  ])('after %i misses, random %f → %i ms', (misses, random, ms) => {
    expect(reconcileDelay(misses, random)).toBe(ms);
  });
});
