import type { Fen } from '@cpay/protocol';
import { describe, expect, it } from 'vitest';
import type { HistoryRow, HistoryStatus } from './history.js';
import { isReprintable, reprintOrderOf } from './reprint.js';

const row = (status: HistoryStatus, kind: HistoryRow['kind'] = 'payment'): HistoryRow => ({
  key: 'k',
  kind,
  outTradeNo: '0100005200000001',
  platform: 'wechat',
  amount: 2 as Fen,
  at: 0,
  status,
  source: 'server',
});

describe('reprint from the history', () => {
  it.each<[HistoryStatus, boolean]>([
    ['success', true],
    ['refunded', true],
    ['failed', false],
    ['unknown', false],
    ['pending', false],
    ['processing', false],
    ['manual', false],
  ])('a %s payment offers a reprint: %s', (status, offered) => {
    expect(isReprintable(row(status))).toBe(offered);
  });

  it('never offers a payment reprint on refund or deposit rows', () => {
    expect(isReprintable(row('success', 'refund'))).toBe(false);
    expect(isReprintable(row('success', 'deposit'))).toBe(false);
  });

  it("carries the row's real status and the payment's time to the printer", () => {
    expect(reprintOrderOf(row('refunded'))).toEqual({ outTradeNo: '0100005200000001', amount: 2, platform: 'wechat', status: 'refunded', at: 0 });
    expect(reprintOrderOf({ ...row('success'), at: 1_765_000_000_000 }).at).toBe(1_765_000_000_000); // never the time of the copy
  });
});
