import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import { ZERO_COUNTERS, addTally, freezeBatch, reportRequest, snParts, tallyOf, type ReportIdentity } from './report.js';
import { cstDayStart } from '../../kernel/china-time.js';
import { chartBars, shiftWindow, summarise } from '../history/summary.js';

const tally = (platform: 'wechat' | 'alipay' | undefined, status: string, amount: number, at = 1_000, payPlatform = 3) =>
  tallyOf({
    outTradeNo: `O${amount}`,
    status,
    amount: amount as Fen,
    ...(platform ? { platform } : {}),
    updatedAt: at,
    apiCallingInfos: [{ outTradeNo: `O${amount}`, code: 200, status: 0, internalStatus: 0, delayMs: 5, description: '', payPlatform }],
  });

describe('device_report counters', () => {
  it('counts attempts and successes per platform; amounts of successful payments only', () => {
    const c = [tally('wechat', 'success', 2), tally('wechat', 'failed', 7), tally('alipay', 'success', 5), tally(undefined, 'success', 9)].reduce(
      addTally,
      ZERO_COUNTERS,
    );
    expect(c).toEqual({
      wxPayCount: 2,
      wxPaySuccessCount: 1,
      wxPayAmount: 2,
      aliPayCount: 1,
      aliPaySuccessCount: 1,
      aliPayAmount: 5,
      otherPayCount: 1,
      otherPaySuccessCount: 1,
      otherPayAmount: 9,
    });
  });

  it("uses the calls' platform when cpay never named one", () => {
    expect(tally(undefined, 'unknown', 1, 0, 2).payPlatform).toBe(2);
  });

  it('freezes a window from the first payment to now, with every api_calling_info', () => {
    const b = freezeBatch([tally('wechat', 'success', 2, 5_000), tally('alipay', 'success', 3, 2_000)], 'N', 9_000);
    expect(b).toMatchObject({ nonce: 'N', beginMs: 2_000, endMs: 9_000, outTradeNos: ['O2', 'O3'] });
    expect(b.apiCallingInfos).toHaveLength(2);
  });

  it('builds the request with company and model from the sn', () => {
    expect(snParts('LANDI_QM600_LA197LB331212')).toEqual({ companyCode: 'LANDI', model: 'LANDI_QM600' });
    const id: ReportIdentity = {
      sn: 'LANDI_QM600_X',
      outMchId: 'm',
      outSubMchId: 's',
      cloudCashierId: 'c',
      authenType: 1,
      outShopId: 'o',
      deviceId: 'd',
      appCpayVersion: '1.0.0',
      networkType: 'wifi',
      deviceShiftType: 1,
    };
    const req = reportRequest(freezeBatch([], 'N', 10_999), id);
    expect(req).toMatchObject({ deviceType: 1, beginTimestamp: 10, endTimestamp: 10, nonce: 'N', deviceShiftType: 1, wxPayCount: 0 });
    expect(req.apiCallingInfos).toBeUndefined();
  });
});

describe('summary', () => {
  const row = (spp: number, sc: number, sa: number, rcc: number, rca: number) => ({
    subPayPlatform: spp,
    successCount: sc,
    successAmount: sa,
    settlementAmount: 0,
    discountAmount: 0,
    paySettleAmount: 0,
    refundSettleAmount: 0,
    refundCreateCount: rcc,
    refundCreateAmount: rca,
    poundage: 0,
    incomeAmount: 0,
    orderRefundedAmount: 0,
  });

  it('folds rows per platform (trade types summed), totals and net', () => {
    const s = summarise([row(200, 4, 2400, 1, 300), row(100, 14, 9100, 1, 300), row(100, 1, 100, 0, 0), row(999, 1, 5, 0, 0)], 0, 1);
    expect(s.lines.map((l) => [l.platform, l.count, l.amount, l.refundAmount, l.net])).toEqual([
      ['wechat', 15, 9200, 300, 8900],
      ['alipay', 4, 2400, 300, 2100],
      ['other', 1, 5, 0, 5],
    ]);
    expect(s.total).toMatchObject({ count: 20, amount: 11605, refundCount: 2, refundAmount: 600, net: 11005 });
  });

  it('chart bars never divide by zero', () => {
    expect(chartBars(summarise([row(100, 0, 0, 0, 0)], 0, 1).lines, 200, 80)).toEqual([{ platform: 'wechat', x: 0, width: 96, payHeight: 0, refundHeight: 0 }]);
  });

  it('shift and day windows (CST midnight)', () => {
    const noonCst = Date.UTC(2026, 10, 22, 4);
    expect(cstDayStart(noonCst)).toBe(Date.UTC(2026, 10, 21, 16));
    expect(shiftWindow(undefined, noonCst, 5)).toEqual({ fromMs: 5, toMs: noonCst });
    expect(shiftWindow({ startedAt: 7 }, 100, 0)).toEqual({ fromMs: 7, toMs: 100 });
    expect(shiftWindow({ startedAt: 7, endedAt: 50 }, 100, 0)).toEqual({ fromMs: 7, toMs: 50 });
  });
});
