/** Issue 14 point 7: the summary carries cpay's fees (pdg) and the amount credited (ia), per platform and in total. */
import { describe, expect, it } from 'vitest';
import type { OverviewRow } from '@cpay/protocol';
import { receiptText } from '../../platform/devices/printer/decode.js';
import { encodeReceipt } from '../../platform/devices/printer/escpos.js';
import { LAYOUT_58MM } from '../../platform/devices/printer/model.js';
import { shiftReceipt } from '../../kernel/receipt.js';
import { shiftReceiptOf } from './summary-flow.js';
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

  it('the printed shift summary carries the same fees and credited amount as the screen (58 mm bytes, zh-CN and English)', () => {
    const s = summarise(SEED_ROWS, 0, 1);
    const receipt = shiftReceiptOf(s, { shopName: '店', deviceName: '1号' }, 0);
    expect(receipt.fees).toEqual({ feesFen: 400, creditedFen: 9900 });
    const text = receiptText(encodeReceipt(shiftReceipt(receipt), LAYOUT_58MM).bytes);
    expect(text.find((l) => l.startsWith('手续费'))?.trim()).toMatch(/^手续费\s+4\.00$/);
    expect(text.find((l) => l.startsWith('入账金额'))?.trim()).toMatch(/^入账金额\s+99\.00$/);
    const en = receiptText(encodeReceipt(shiftReceipt({ ...receipt, lang: 'en' }), LAYOUT_58MM).bytes);
    expect(en.find((l) => l.startsWith('Fees'))?.trim()).toMatch(/^Fees\s+4\.00$/);
    expect(en.find((l) => l.startsWith('Credited'))?.trim()).toMatch(/^Credited\s+99\.00$/);
    // negative fees (refunds returned more than charged) print with their sign, as on screen
    const neg = shiftReceiptOf(summarise([{ ...SEED_ROWS[1]!, poundage: -12, incomeAmount: -300 }], 0, 1), { shopName: '店', deviceName: '1号' }, 0);
    expect(
      receiptText(encodeReceipt(shiftReceipt(neg), LAYOUT_58MM).bytes)
        .find((l) => l.startsWith('手续费'))
        ?.trim(),
    ).toMatch(/-0\.12$/);
  });

  it('negative fees (refunds returned more than the window charged) are kept, not clamped', () => {
    const s = summarise([{ ...SEED_ROWS[1]!, poundage: -12, incomeAmount: -300 }], 0, 1);
    expect(s.total).toMatchObject({ fees: -12, income: -300 });
  });
});
