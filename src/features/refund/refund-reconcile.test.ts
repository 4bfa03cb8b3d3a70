import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { RefundRecord } from './refund.js';
import { notSent, status } from '../../testing/pay-test-kit.js';
import { reconcileRefunds } from './refund-reconcile.js';
import { OTN, queryRefundReply, refundEnv } from '../../testing/refund-test-kit.js';

const NOW = 1_763_776_800_000;
const rec = (orn: string, st: RefundRecord['status'], updatedAt = NOW): RefundRecord => ({
  outRefundNo: orn,
  outTradeNo: OTN,
  platform: 'wechat',
  totalFee: 2 as Fen,
  amount: 1 as Fen,
  status: st,
  createdAt: updatedAt,
  updatedAt,
});

describe('reconcileRefunds', () => {
  it('records what cpay says about open refunds, one query at a time; leaves unclear ones', async () => {
    const env = refundEnv(
      (_e, _n, req) => {
        const orn = (req as { outRefundNo: string }).outRefundNo;
        if (orn === 'P') return { outcome: queryRefundReply('P', 2) };
        if (orn === 'U') return { outcome: queryRefundReply('U', 4) };
        if (orn === 'OLD') return { outcome: status(104, 4308, '退款单不存在') };
        if (orn === 'NEW') return { outcome: status(104, 4308, '退款单不存在') };
        return { outcome: notSent };
      },
      {
        ledger: [
          rec('P', 'processing'),
          rec('U', 'unknown'),
          rec('OLD', 'created', NOW - 700_000),
          rec('NEW', 'created'),
          rec('OFF', 'unknown'),
          rec('DONE', 'success'),
        ],
      },
    );
    const changed: string[] = [];
    reconcileRefunds(env.deps).subscribe((r) => changed.push(`${r.outRefundNo}:${r.status}`));
    await env.run(60_000);
    expect(changed).toEqual(['P:success', 'U:processing', 'OLD:failed']);
    expect(env.calls('query_refund_order').map((c) => (c.req as { outRefundNo: string }).outRefundNo)).toEqual(['P', 'U', 'OLD', 'NEW', 'OFF']);
    expect(env.calls('query_refund_order')[0]?.req).toMatchObject({
      mchKey: { payPlatform: 1, outShopId: 'shop1' },
      client: { snCode: 'CPAYSIM_WEB1_SIM0000001' },
    });
    expect(env.ledger.get('NEW')?.status).toBe('created');
  });
});
