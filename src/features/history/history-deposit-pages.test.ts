/**
 * A month of deposits in history (issue 21): each history page asks the deposit journal for its
 * own page (offset, limit) and the page count covers every deposit of the window; open orders and
 * refunds stay on page 1. The journal here is an in-memory list with the repository's contract
 * (newest first, count of the window); the IndexedDB side is asserted in query-plans.browser.test.ts.
 */
import { fen } from '@cpay/protocol';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { DepositRecord } from '../deposit/deposit.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { loadPage, type HistoryDeps } from './history-flow.js';
import type { HistoryQuery } from './history.js';

const DAY = 86_400_000;
const T0 = 1_760_000_000_000;
const deposit = (i: number): DepositRecord => ({
  outFreezeNo: `D${String(i).padStart(6, '0')}`,
  amount: fen(10_000),
  body: 'deposit',
  status: 'frozen',
  createdAt: T0 + i * DAY,
  updatedAt: T0 + i * DAY,
  history: [],
});
const all = Array.from({ length: 40 }, (_, i) => deposit(i));

function deps(asked: { from: number; to: number; offset: number; limit: number }[]): HistoryDeps {
  return {
    cpay: {
      call: () => {
        throw new Error('a deposits-only query calls no cpay list');
      },
    } as unknown as CpayPort,
    terminal: () => ({ outSubMchId: 's', outShopId: 'shop', deviceId: 'dev' }),
    nonce: () => 'n'.repeat(32),
    openPayments: async () => [],
    openRefunds: async () => [],
    deposits: async (from, to, offset, limit) => {
      asked.push({ from, to, offset, limit });
      const window = all.filter((d) => d.createdAt >= from && d.createdAt < to).sort((a, b) => b.createdAt - a.createdAt);
      return { records: window.slice(offset, offset + limit), total: window.length };
    },
  };
}

describe('history pages the deposit rows', () => {
  it('page 1 and page 3 of a 30-day window: each asks for its own slice; pages cover every deposit', async () => {
    const asked: { from: number; to: number; offset: number; limit: number }[] = [];
    const q = (page: number): HistoryQuery => ({ fromMs: T0 + 5 * DAY, toMs: T0 + 35 * DAY - 1, kind: 'deposits', platforms: [], page, pageSize: 12 });
    const first = await lastValueFrom(loadPage(q(1), deps(asked)));
    const third = await lastValueFrom(loadPage(q(3), deps(asked)));
    if (first.type !== 'page' || third.type !== 'page') throw new Error('no page');
    expect(asked).toEqual([
      { from: T0 + 5 * DAY, to: T0 + 35 * DAY, offset: 0, limit: 12 },
      { from: T0 + 5 * DAY, to: T0 + 35 * DAY, offset: 24, limit: 12 },
    ]);
    expect(first.pages).toBe(3);
    expect(first.rows.map((r) => r.outTradeNo)).toEqual(Array.from({ length: 12 }, (_, k) => `D${String(34 - k).padStart(6, '0')}`));
    expect(third.rows.map((r) => r.outTradeNo)).toEqual(['D000010', 'D000009', 'D000008', 'D000007', 'D000006', 'D000005']);
  });
});
