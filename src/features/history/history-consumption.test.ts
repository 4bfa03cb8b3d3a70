/** Issue 14 point 3: a deposit consumption listed by cpay (WeChat 14) is a charged order in the history, not a pending one. */
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import { rowOfListed } from './history.js';

describe('history rows of deposit consumptions', () => {
  it('WeChat 14 (押金消费成功) is shown as paid', () => {
    const row = rowOfListed({
      kind: 'order',
      subPayPlatform: 100,
      tradeType: 1,
      outTradeNo: '01000052C1',
      totalFee: 3750 as Fen,
      createTime: 1,
      state: { platform: 'wechat', cts: 14 },
    });
    expect(row).toMatchObject({ kind: 'payment', status: 'success', amount: 3750 });
  });

  it('WeChat 13 (押金解冻成功) is still not a payment result', () => {
    expect(rowOfListed({ kind: 'order', outTradeNo: 'x', createTime: 1, state: { platform: 'wechat', cts: 13 } }).status).toBe('pending');
  });
});
