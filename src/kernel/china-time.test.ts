import { describe, expect, it } from 'vitest';
import { CST_OFFSET_MS, cstDateStart, cstDateText, cstDayStart, formatCst } from './china-time.js';

// 2024-03-01 15:59:59.999 UTC is 23:59:59.999 in China; one ms later it is the next day there.
const LAST_MS_OF_MARCH_1_CST = Date.UTC(2024, 2, 1, 15, 59, 59, 999);

describe('China Standard Time (UTC+8), whatever the tablet’s zone', () => {
  it('the offset is eight hours', () => {
    expect(CST_OFFSET_MS).toBe(28_800_000);
  });

  it('formats epoch ms as shop-local date and time', () => {
    expect(formatCst(0)).toBe('1970-01-01 08:00:00');
    expect(formatCst(LAST_MS_OF_MARCH_1_CST)).toBe('2024-03-01 23:59:59');
    expect(formatCst(LAST_MS_OF_MARCH_1_CST + 1)).toBe('2024-03-02 00:00:00');
    // A leap day, crossing midnight in China while it is still the 28th in UTC.
    expect(formatCst(Date.UTC(2024, 1, 28, 16, 5, 7))).toBe('2024-02-29 00:05:07');
  });

  it('the calendar date turns at CST midnight, not UTC midnight', () => {
    expect(cstDateText(LAST_MS_OF_MARCH_1_CST)).toBe('2024-03-01');
    expect(cstDateText(LAST_MS_OF_MARCH_1_CST + 1)).toBe('2024-03-02');
    expect(cstDateText(Date.UTC(2023, 11, 31, 16))).toBe('2024-01-01');
  });

  it('a date input value reads as that day’s CST midnight; a malformed one as undefined', () => {
    expect(cstDateStart('2024-03-02')).toBe(LAST_MS_OF_MARCH_1_CST + 1);
    expect(cstDateStart('1970-01-01')).toBe(-CST_OFFSET_MS);
    for (const bad of ['', '2024-3-2', '2024/03/02', '20240302', '2024-03-02T00:00', 'x']) expect(cstDateStart(bad), bad).toBeUndefined();
  });

  it('the day start is the CST midnight at or before the instant', () => {
    const midnight = LAST_MS_OF_MARCH_1_CST + 1;
    expect(cstDayStart(midnight)).toBe(midnight);
    expect(cstDayStart(midnight + 86_399_999)).toBe(midnight);
    expect(cstDayStart(midnight - 1)).toBe(midnight - 86_400_000);
    expect(cstDayStart(0)).toBe(-CST_OFFSET_MS);
  });

  it('date text and day start round-trip', () => {
    for (const ms of [0, LAST_MS_OF_MARCH_1_CST, LAST_MS_OF_MARCH_1_CST + 1, Date.UTC(2026, 11, 7, 7, 48)]) {
      expect(cstDateStart(cstDateText(ms))).toBe(cstDayStart(ms));
    }
  });
});
