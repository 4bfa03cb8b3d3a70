/** Issue 13: a sale abandoned before its code is no payment in the history (no 处理中 row, no refund button). */
import type { Fen } from '@cpay/protocol';
import { describe, expect, it } from 'vitest';
import { mergeHistory, type HistoryQuery, type LocalPayment } from './history.js';

const q: HistoryQuery = { fromMs: 0, toMs: 10_000, kind: 'all', platforms: [], page: 1, pageSize: 20 };
const entry = (no: string, phases: string[], status = 'pending'): LocalPayment => ({
  outTradeNo: no,
  amount: 1 as Fen,
  status,
  createdAt: 1_000,
  kind: 'micropay',
  history: phases.map((phase) => ({ phase })),
});

describe('history rows of local payments', () => {
  it('leaves out a micropay that never recorded its code; keeps one that was sent', () => {
    const rows = mergeHistory(
      q,
      [],
      [entry('A', ['awaiting_code']), entry('B', ['awaiting_code', 'submitting']), entry('C', ['awaiting_code', 'submitting'], 'unknown')],
      [],
    );
    expect(rows.map((r) => [r.outTradeNo, r.status])).toEqual([
      ['C', 'unknown'],
      ['B', 'pending'],
    ]);
  });

  it('still leaves out cancelled sales, and keeps entries written before phases were passed along', () => {
    const old: LocalPayment = { outTradeNo: 'D', amount: 1 as Fen, status: 'pending', createdAt: 1_000 };
    expect(mergeHistory(q, [], [entry('E', ['awaiting_code', 'cancelled'], 'cancelled'), old], []).map((r) => r.outTradeNo)).toEqual(['D']);
  });
});
