/** advanceEntry: the write that makes an order paid marks its receipt owed (issue 15, fault run #92). */
import type { Fen } from '@cpay/protocol';
import { describe, expect, it } from 'vitest';
import { advanceEntry } from './pay-journal.js';
import type { JournalEntry } from './ports.js';

const pending: JournalEntry = {
  outTradeNo: '0100005200000031',
  kind: 'scan_code',
  amount: 5 as Fen,
  body: 'b',
  status: 'pending',
  createdAt: 1,
  updatedAt: 1,
  history: [],
};

describe('advanceEntry receipt mark', () => {
  it('marks the receipt owed on the transition to success, in the same entry', () => {
    const paid = advanceEntry(pending, { status: 'success' }, { phase: 'success', cause: 'settled' }, 2);
    expect(paid).toMatchObject({ status: 'success', receiptOwed: true, updatedAt: 2 });
  });

  it('marks nothing for other outcomes or for a write on an order already paid', () => {
    for (const status of ['failed', 'unknown', 'closed', 'cancelled', 'pending'] as const)
      expect(advanceEntry(pending, { status }, { phase: status, cause: 'x' }, 2).receiptOwed).toBeUndefined();
    const { receiptOwed: _o, ...printed } = advanceEntry(pending, { status: 'success' }, { phase: 'success', cause: 'settled' }, 2);
    expect(advanceEntry(printed, { status: 'success' }, { phase: 'success', cause: 'again' }, 3).receiptOwed).toBeUndefined();
    expect(advanceEntry(printed, { description: 'note' }, { phase: 'success', cause: 'note' }, 3).receiptOwed).toBeUndefined();
  });
});
