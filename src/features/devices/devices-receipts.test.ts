import { describe, expect, it } from 'vitest';
import type { HistoryStatus } from '../history/history.js';
import { paymentReceiptStatus } from './devices-receipts.js';

describe('paymentReceiptStatus', () => {
  it('prints "paid" for success only; every other state says what it is or unknown', () => {
    const all: HistoryStatus[] = ['success', 'pending', 'failed', 'refunded', 'unknown', 'processing', 'manual', 'frozen', 'settled'];
    expect(Object.fromEntries(all.map((s) => [s, paymentReceiptStatus(s)]))).toEqual({
      success: 'success',
      refunded: 'refunded',
      failed: 'failed',
      pending: 'unknown',
      unknown: 'unknown',
      processing: 'unknown',
      manual: 'unknown',
      frozen: 'unknown',
      settled: 'unknown',
    });
  });
});
