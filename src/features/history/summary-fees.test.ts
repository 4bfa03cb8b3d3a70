/** Issue 14 point 7: the summary carries cpay's fees (pdg) and the amount credited (ia), per platform and in total. */
import { describe, expect, it } from 'vitest';
import type { OverviewRow } from '@cpay/protocol';
import { summarise } from './summary.js';

/** The two rows of the seed's overview example (003 L13757-13825). */
const SEED_ROWS: OverviewRow[] = [
  {
    subPayPlatform: 200,
    tradeType: 1,
    successCount: 4,
    successAmount: 2400,
    settlementAmount: 2400,
    discountAmount: 0,
    paySettleAmount: 2400,
    refundSettleAmount: 2100,
    refundCreateCount: 1,
    refundCreateAmount: 300,
    poundage: 200,
    incomeAmount: 1900,
    orderRefundedAmount: 300,
  },
  {
    subPayPlatform: 100,
    tradeType: 1,
    successCount: 14,
    successAmount: 9100,
    settlementAmount: 9100,
    discountAmount: 100,
    paySettleAmount: 9100,
    refundSettleAmount: 8100,
    refundCreateCount: 1,
    refundCreateAmount: 300,
    poundage: 200,
    incomeAmount: 8000,
    orderRefundedAmount: 500,
  },
];

describe('summary fees and income', () => {
  it('per platform and in total, as the overview defines them (pdg, ia)', () => {
    const s = summarise(SEED_ROWS, 0, 1);
    expect(s.lines.map((l) => [l.platform, l.fees, l.income])).toEqual([
      ['wechat', 200, 8000],
      ['alipay', 200, 1900],
    ]);
    expect(s.total).toMatchObject({ fees: 400, income: 9900, amount: 11500, refundAmount: 600, net: 10900 });
  });

  it('negative fees (refunds returned more than the window charged) are kept, not clamped', () => {
    const s = summarise([{ ...SEED_ROWS[1]!, poundage: -12, incomeAmount: -300 }], 0, 1);
    expect(s.total).toMatchObject({ fees: -12, income: -300 });
  });
});
