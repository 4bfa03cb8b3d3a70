/**
 * A month of cash / card sales in history (issue 21): like the deposits, each history page asks the
 * local books for its own page of bookkeeping sales (offset, limit) and the page count covers them
 * all; the local refunds come with page 1 only. The books here are an in-memory list with the
 * port's contract (newest first, the window's count); the IndexedDB side (one count and one
 * backwards cursor of the v7 `bookkeeping` index) is asserted in query-plans.browser.test.ts.
 */
import { fen } from '@cpay/protocol';
import { lastValueFrom, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { RefundRecord } from '../refund/refund.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { loadPage, type HistoryDeps } from './history-flow.js';
import type { HistoryQuery, LocalPayment } from './history.js';

const HOUR = 3_600_000;
const T0 = 1_760_000_000_000;
const sale = (i: number): LocalPayment => ({
  outTradeNo: `B${String(i).padStart(6, '0')}`,
  kind: 'bookkeeping',
  amount: fen(100 + i),
  status: 'success',
  platform: 'bookkeeping',
  subPayPlatform: i % 4 === 0 ? 401 : 402,
  recordState: 2,
  createdAt: T0 + i * HOUR,
});
const sales = Array.from({ length: 45 }, (_, i) => sale(i));
const localRefund: RefundRecord = {
  outRefundNo: 'LR1',
  outTradeNo: 'B000003',
  platform: 'bookkeeping',
  subPayPlatform: 402,
  totalFee: fen(103),
  amount: fen(103),
  status: 'success',
  createdAt: T0 + 4 * HOUR,
  updatedAt: T0 + 4 * HOUR,
};

function deps(asked: { offset: number; limit: number }[]): HistoryDeps {
  return {
    // cpay's list of the window holds nothing here (the bookkeeping sales are never on it).
    cpay: { call: () => of({ kind: 'reply', reply: { status: 0, body: { items: [], totalCount: 0 } } }) } as unknown as CpayPort,
    terminal: () => ({ outSubMchId: 's', outShopId: 'shop', deviceId: 'dev' }),
    nonce: () => 'n'.repeat(32),
    openPayments: async () => [],
    openRefunds: async () => [],
    bookkeeping: async (from, to, offset, limit) => {
      asked.push({ offset, limit });
      const window = sales.filter((s) => s.createdAt >= from && s.createdAt < to).sort((a, b) => b.createdAt - a.createdAt);
      return { sales: window.slice(offset, offset + limit), total: window.length, refunds: offset === 0 ? [localRefund] : [] };
    },
  };
}

describe('history pages the bookkeeping sales', () => {
  const q = (page: number, kind: HistoryQuery['kind'] = 'all'): HistoryQuery => ({
    fromMs: T0,
    toMs: T0 + 45 * HOUR - 1,
    kind,
    platforms: [],
    page,
    pageSize: 20,
  });

  it('page 1 holds the newest 20 sales and the local refund; page 3 the last 5; the pages cover all 45', async () => {
    const asked: { offset: number; limit: number }[] = [];
    const first = await lastValueFrom(loadPage(q(1), deps(asked)));
    const third = await lastValueFrom(loadPage(q(3), deps(asked)));
    if (first.type !== 'page' || third.type !== 'page') throw new Error('no page');
    expect(asked).toEqual([
      { offset: 0, limit: 20 },
      { offset: 40, limit: 20 },
    ]);
    expect(first.pages).toBe(3);
    const firstSales = first.rows.filter((r) => r.kind === 'payment');
    expect(firstSales.map((r) => r.outTradeNo)).toEqual(Array.from({ length: 20 }, (_, k) => `B${String(44 - k).padStart(6, '0')}`));
    expect(firstSales[0]).toMatchObject({ method: 'card', status: 'success', source: 'local', platform: 'bookkeeping' });
    expect(firstSales[1]).toMatchObject({ method: 'cash' });
    expect(first.rows.filter((r) => r.kind === 'refund').map((r) => [r.outRefundNo, r.method])).toEqual([['LR1', 'cash']]);
    expect(third.rows.map((r) => r.outTradeNo)).toEqual(['B000004', 'B000003', 'B000002', 'B000001', 'B000000']);
  });

  it('a refunds-only query asks for no sales and counts no pages of them; the refund is listed', async () => {
    const asked: { offset: number; limit: number }[] = [];
    const e = await lastValueFrom(loadPage(q(1, 'refunds'), deps(asked)));
    if (e.type !== 'page') throw new Error('no page');
    expect(asked).toEqual([{ offset: 0, limit: 0 }]);
    expect(e.pages).toBe(1); // one (empty) page of cpay's list, none of the 45 sales
    expect(e.rows.map((r) => r.outRefundNo)).toEqual(['LR1']);
  });
});
