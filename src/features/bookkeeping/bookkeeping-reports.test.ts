/** Bookkeeping sales in the history and the summary (pure merges and the summary flow with an unreachable cpay). */
import { describe, expect, it } from 'vitest';
import { lastValueFrom, of, toArray } from 'rxjs';
import type { Fen } from '@cpay/protocol';
import { mergeHistory, type HistoryQuery } from '../history/history.js';
import { summarise } from '../history/summary.js';
import { loadSummary } from '../history/summary-flow.js';
import { shiftReceiptOf } from '../history/summary-flow.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { localRefundRecord, methodTotals, saleEntry } from './bookkeeping.js';

const AT = 1_765_000_000_000;
const fen = (n: number) => n as Fen;
const cash = saleEntry({ outTradeNo: 'C1', method: 'cash', amount: fen(1234), tendered: fen(2000), change: fen(766), at: AT });
const card = saleEntry({ outTradeNo: 'K1', method: 'card', amount: fen(880), at: AT + 1 });
const refund = localRefundRecord(cash, 'R1', fen(234), AT + 2);
const q: HistoryQuery = { fromMs: AT - 1000, toMs: AT + 1000, kind: 'all', platforms: [], page: 1, pageSize: 20 };

describe('history', () => {
  it('lists cash and card sales and the local refund with their method, newest first, once each', () => {
    const rows = mergeHistory(q, [], [cash, card, cash], [refund, refund]);
    expect(rows.map((r) => [r.key, r.kind, r.method, r.status, r.source])).toEqual([
      ['R1', 'refund', 'cash', 'success', 'local'],
      ['K1', 'payment', 'card', 'success', 'local'],
      ['C1', 'payment', 'cash', 'success', 'local'],
    ]);
  });

  it('a fully refunded cash sale reads as refunded; a platform filter (WeChat/Alipay/member card) leaves it out', () => {
    const rows = mergeHistory(q, [], [{ ...cash, recordState: 3 }], []);
    expect(rows[0]?.status).toBe('refunded');
    expect(mergeHistory({ ...q, platforms: ['wechat'] }, [], [cash], [])).toEqual([]);
  });
});

describe('summary', () => {
  it('adds a cash line and a bank-card line to cpay figures; no fees, nothing credited', () => {
    const s = summarise([], 0, 1, methodTotals([cash, card], [refund]));
    expect(s.lines.map((l) => [l.platform, l.count, l.amount, l.refundCount, l.refundAmount, l.net, l.fees, l.income])).toEqual([
      ['cash', 1, 1234, 1, 234, 1000, 0, 0],
      ['bank_card', 1, 880, 0, 0, 880, 0, 0],
    ]);
    expect(s.total).toMatchObject({ count: 2, amount: 2114, net: 1880 });
    const receipt = shiftReceiptOf(s, { shopName: 'S', deviceName: 'D' }, 2);
    expect(receipt.rows).toEqual([
      { platform: 'cash', count: 1, amountFen: 1234 },
      { platform: 'bank_card', count: 1, amountFen: 880 },
    ]);
  });

  it('cpay unreachable: the cash and card lines still show, with the reason cpay is missing; without them it fails as before', async () => {
    const down: CpayPort = {
      warmup: () => undefined,
      call: () => of({ kind: 'not_sent', reason: 'offline', detail: 'the browser is offline', durationMs: 0 }) as never,
    };
    const terminal = () => ({ outSubMchId: 's', outShopId: 'p', deviceId: 'd' });
    const r = { fromMs: 0, toMs: 10 };
    const [withLocal] = await lastValueFrom(
      loadSummary(r, { cpay: down, terminal, nonce: () => 'n', bookkeeping: async () => methodTotals([cash], []) }).pipe(toArray()),
    );
    expect(withLocal).toMatchObject({ type: 'summary', summary: { total: { amount: 1234 }, serverError: expect.stringContaining('offline') } });
    const [without] = await lastValueFrom(loadSummary(r, { cpay: down, terminal, nonce: () => 'n', bookkeeping: async () => [] }).pipe(toArray()));
    expect(without).toMatchObject({ type: 'failed' });
  });
});
