import { describe, expect, it } from 'vitest';
import { isValidOrderNo } from './order-no.js';
import { STATUS_RULES, classifyOrderState, classifyRefundState, classifyStatus, isOrderNotFoundState, statusRequiresSignature } from './status.js';
import type { OrderStateClass, PayPlatformName } from './types.js';

describe('classifyStatus (spec §9)', () => {
  it.each([
    [0, 0, 'success'],
    [3, 0, 'unknown'],
    [101, 0, 'caller_error'],
    [102, 0, 'new_number'],
    [103, 0, 'retry_later'],
    [104, 0, 'final'],
    [104, 407, 'never_cancel'],
    [102, 407, 'new_number'],
    [999, 0, 'unknown'],
  ] as const)('status %i / internal %i → %s', (s, is, outcome) => {
    expect(classifyStatus(s, is)).toBe(outcome);
  });
  it('marks only 3 and 101 as unsigned and 103 as retry after 3 s', () => {
    expect([0, 3, 101, 102, 103, 104, 555].filter((s) => !statusRequiresSignature(s))).toEqual([3, 101]);
    expect(STATUS_RULES[103].retryAfterMs).toBe(3000);
    expect(STATUS_RULES[102].retrySame).toBe(false);
  });
});

describe('classifyOrderState (spec §10.2 step 6)', () => {
  const cases: [PayPlatformName, number, OrderStateClass][] = [
    ['wechat', 1, 'pending'],
    ['wechat', 2, 'success'],
    ['wechat', 3, 'success'],
    ['wechat', 4, 'refunded'],
    ['wechat', 5, 'failed'],
    ['wechat', 6, 'pending'],
    ['wechat', 7, 'failed'],
    ['wechat', 8, 'failed'],
    ['wechat', 9, 'user_paying'],
    ['wechat', 10, 'failed'],
    ['wechat', 11, 'failed'],
    ['wechat', 12, 'pending'],
    ['wechat', 13, 'deposit'],
    ['wechat', 14, 'deposit'],
    ['alipay', 1, 'pending'],
    ['alipay', 2, 'success'],
    ['alipay', 4, 'user_paying'],
    ['alipay', 5, 'failed'],
    ['alipay', 6, 'success'],
    ['alipay', 7, 'failed'],
    ['card', 1, 'pending'],
    ['card', 2, 'success'],
    ['card', 3, 'user_paying'],
    ['card', 4, 'refunded'],
    ['card', 5, 'failed'],
    ['bookkeeping', 2, 'success'],
    ['bookkeeping', 3, 'refunded'],
    ['alipay', 3, 'pending'],
    ['wechat', 99, 'pending'],
  ];
  it.each(cases)('%s cts %i → %s', (platform, cts, expected) => {
    expect(classifyOrderState({ platform, cts })).toBe(expected);
  });
  it('classifies refund states', () => {
    expect(classifyRefundState({ platform: 'wechat', state: 4 })).toBe('pending');
    expect(classifyRefundState({ platform: 'wechat', state: 2 })).toBe('success');
    expect(classifyRefundState({ platform: 'wechat', state: 5 })).toBe('manual');
    expect(classifyRefundState({ platform: 'alipay', state: 5 })).toBe('failed');
  });
});

describe('isValidOrderNo (spec §11)', () => {
  it.each([
    ['0100826651692015704554111', '01008266', true],
    ['01008266', '01008266', false],
    ['0200826651692015704554111', '01008266', false],
    ['01008266-1', '01008266', false],
    [`01008266${'1'.repeat(24)}`, '01008266', true],
    [`01008266${'1'.repeat(25)}`, '01008266', false],
    ['sz0100lmnxAB12', 'sz0100lmnx', true],
  ] as const)('%s with prefix %s → %s', (no, prefix, ok) => {
    expect(isValidOrderNo(no, prefix)).toBe(ok);
  });
});

describe('isOrderNotFoundState: the only "no such order" signals (003 L500 / L522)', () => {
  it('is WeChat state 11 and Alipay state 7, each on its own platform only', () => {
    expect(isOrderNotFoundState({ platform: 'wechat', cts: 11 })).toBe(true);
    expect(isOrderNotFoundState({ platform: 'alipay', cts: 7 })).toBe(true);
    // The other platform's number, a paid state, a card or bookkeeping order, no state: never "not charged".
    expect(isOrderNotFoundState({ platform: 'wechat', cts: 7 })).toBe(false);
    expect(isOrderNotFoundState({ platform: 'alipay', cts: 11 })).toBe(false);
    expect(isOrderNotFoundState({ platform: 'wechat', cts: 2 })).toBe(false);
    for (const cts of [7, 11]) {
      expect(isOrderNotFoundState({ platform: 'card', cts })).toBe(false);
      expect(isOrderNotFoundState({ platform: 'bookkeeping', cts })).toBe(false);
    }
    expect(isOrderNotFoundState(undefined)).toBe(false);
  });

  it('an undocumented refund state is pending (ask again), never success or failed', () => {
    expect(classifyRefundState({ platform: 'wechat', state: 99 })).toBe('pending');
    expect(classifyRefundState({ platform: 'card', state: 5 })).toBe('pending');
  });
});
