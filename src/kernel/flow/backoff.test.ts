import { describe, expect, it } from 'vitest';
import { BIND_BACKOFF, BOOT_BACKOFF, backoffDelay, nextBindPollDelay } from './backoff.js';

describe('backoffDelay', () => {
  it.each([
    [0, 1_000],
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 16_000],
    [6, 30_000],
    [50, 30_000],
    [5000, 30_000],
  ])('boot: failure %i waits %i ms', (failures, ms) => {
    expect(backoffDelay(failures, BOOT_BACKOFF)).toBe(ms);
  });

  it.each([
    [1, 1_000],
    [3, 4_000],
    [4, 8_000],
    [9, 8_000],
  ])('bind: failure %i waits %i ms', (failures, ms) => {
    expect(backoffDelay(failures, BIND_BACKOFF)).toBe(ms);
  });
});

describe('nextBindPollDelay', () => {
  it.each([
    // interval, failures, remaining → delay
    [1_000, 0, 100_000, 1_000],
    [5_000, 0, 100_000, 5_000],
    [1_000, 3, 100_000, 4_000],
    [1_000, 9, 100_000, 8_000],
    [1_000, 3, 2_500, 2_500],
    [1_000, 0, 0, 0],
    [1_000, 2, -5, 0],
  ])('interval %i, %i failures, %i ms left → %i ms', (interval, failures, remaining, ms) => {
    expect(nextBindPollDelay(interval, failures, remaining)).toBe(ms);
  });
});
