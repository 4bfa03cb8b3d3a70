import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { RefundRecord } from './refund.js';
import { notSent, reply, status } from '../../testing/pay-test-kit.js';
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

describe('reconcileRefunds: when a refund stops holding money', () => {
  const notFound = status(104, 4308, '退款单不存在');
  const reconcile = async (script: Parameters<typeof refundEnv>[0], ledger: RefundRecord[], more: { failLedger?: boolean } = {}) => {
    const env = refundEnv(script, { ledger, ...more });
    const warned: string[] = [];
    const deps = { ...env.deps, warn: (m: string) => void warned.push(m) };
    const changed: string[] = [];
    let error: unknown;
    let complete = false;
    reconcileRefunds(deps).subscribe({
      next: (r) => changed.push(`${r.outRefundNo}:${r.status}`),
      error: (e: unknown) => void (error = e),
      complete: () => (complete = true),
    });
    await env.run(60_000);
    return { env, changed, warned, error, complete };
  };

  it('a refund cpay accepted (processing) is never marked failed on "not found", however old: it keeps holding its money', async () => {
    const r = await reconcile(() => ({ outcome: notFound }), [rec('ACC', 'processing', NOW - 3_600_000)]);
    expect(r.changed).toEqual([]);
    expect(r.env.ledger.get('ACC')?.status).toBe('processing');
  });

  it('an unknown refund cpay does not know after 10 minutes is failed (it never arrived); at exactly 10 minutes it still holds', async () => {
    // answered at once (delayMs 0), so the clock reads NOW when the answer is judged
    const r = await reconcile(() => ({ outcome: notFound, delayMs: 0 }), [rec('GONE', 'unknown', NOW - 600_001), rec('EDGE', 'created', NOW - 600_000)]);
    expect(r.changed).toEqual(['GONE:failed']);
    expect(r.env.ledger.get('GONE')).toMatchObject({ status: 'failed', updatedAt: NOW });
    expect(r.env.ledger.get('EDGE')?.status).toBe('created');
  });

  it('an old created refund is failed only on a final answer: "try later" (103) or 104/407 leave it open', async () => {
    const answers = [status(103, 0, '稍后重试'), status(104, 407, '单号重复')];
    const r = await reconcile((_e, n) => ({ outcome: answers[n - 1] ?? notSent }), [rec('A', 'created', NOW - 700_000), rec('B', 'unknown', NOW - 700_000)]);
    expect(r.changed).toEqual([]);
    expect(r.env.ledger.get('A')?.status).toBe('created');
    expect(r.env.ledger.get('B')?.status).toBe('unknown');
  });

  it("takes only this refund's state from the answer, not another refund of the same order", async () => {
    const both = reply({
      refunds: [
        { outRefundNo: 'OTHER', outTradeNo: OTN, totalFee: 2 as Fen, refundFee: 1 as Fen, refundState: { platform: 'wechat' as const, state: 2 } },
        { outRefundNo: 'MINE', outTradeNo: OTN, totalFee: 2 as Fen, refundFee: 1 as Fen, refundState: { platform: 'wechat' as const, state: 4 } },
      ],
    });
    const r = await reconcile(() => ({ outcome: both }), [rec('MINE', 'unknown')]);
    expect(r.changed).toEqual(['MINE:processing']);
  });

  it('a ledger that cannot be read or written warns and ends quietly; the open refunds keep their status', async () => {
    const unreadable = refundEnv(() => ({ outcome: queryRefundReply('X', 2) }));
    const warned: string[] = [];
    const deps = {
      ...unreadable.deps,
      warn: (m: string) => void warned.push(m),
      ledger: { ...unreadable.deps.ledger, listOpen: () => Promise.reject(new Error('IDB closed')) },
    };
    let done = false;
    let failed: unknown;
    reconcileRefunds(deps).subscribe({ complete: () => (done = true), error: (e: unknown) => void (failed = e) });
    await unreadable.run(60_000);
    expect([done, failed]).toEqual([true, undefined]);
    expect(warned).toEqual(['refund ledger: open refunds could not be read']);
    expect(unreadable.calls('query_refund_order')).toEqual([]);

    const unwritable = await reconcile(
      (_e, _n, req) => ({ outcome: queryRefundReply((req as { outRefundNo: string }).outRefundNo, 2) }),
      [rec('W1', 'unknown'), rec('W2', 'processing')],
      {
        failLedger: true,
      },
    );
    expect([unwritable.complete, unwritable.error, unwritable.changed]).toEqual([true, undefined, []]);
    expect(unwritable.warned).toEqual(['refund ledger: W1 could not be reconciled', 'refund ledger: W2 could not be reconciled']);
    expect(unwritable.env.calls('query_refund_order')).toHaveLength(2);
  });
});
