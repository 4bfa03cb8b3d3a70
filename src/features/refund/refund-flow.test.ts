import { describe, expect, it } from 'vitest';
import type { EndpointName, Fen } from '@cpay/protocol';
import { REFUND_IDLE, reduceRefund, type RefundEvent, type RefundState } from './refund-events.js';
import { loadLocale, setLocale } from '../../i18n/index.js';
import { tr } from '../../i18n/refund.js';
import type { RefundRecord } from './refund.js';
import { notSent, reply, status, unknownOutcome, type Answer } from '../../testing/pay-test-kit.js';
import { OTN, merchantList, paidOrder, queryRefundReply, refundList, refundReply, runRefund, type RefundScript } from '../../testing/refund-test-kit.js';

/** Answers per endpoint: the n-th call gets the n-th answer (the last one repeats). */
function script(answers: Partial<Record<EndpointName, readonly Answer[]>>): RefundScript {
  return (endpoint, n) => {
    const list = answers[endpoint] ?? [];
    return list[Math.min(n, list.length) - 1] ?? { outcome: status(101, 0, `unexpected ${endpoint}`) };
  };
}
const a = (outcome: Answer['outcome'], delayMs?: number): Answer => ({ outcome, ...(delayMs === undefined ? {} : { delayMs }) });
const refundOf = (e: RefundEvent | undefined) => (e?.type === 'settled' ? e.result : undefined);
const refundCall = (r: { calls: (e?: EndpointName) => { req: unknown }[] }, i = 0) => r.calls('refund')[i]?.req as { outRefundNo: string; refundFee: number };

const paid2 = { brief_query_order: [a(paidOrder(2))], query_order_list: [a(merchantList())] };
const local = (orn: string, amount: number, st: RefundRecord['status']): RefundRecord => ({
  outRefundNo: orn,
  outTradeNo: OTN,
  platform: 'wechat',
  totalFee: 2 as Fen,
  amount: amount as Fen,
  status: st,
  createdAt: 1_763_776_800_000,
  updatedAt: 1_763_776_800_000,
});

describe('refundFlow: showing an order', () => {
  it('shows a paid order with everything refundable', async () => {
    const r = await runRefund(script(paid2), [[0, { type: 'lookup', outTradeNo: ` ${OTN} ` }]]);
    expect(r.types).toEqual(['looking_up', 'order']);
    expect(r.last).toMatchObject({
      order: {
        outTradeNo: OTN,
        platform: 'wechat',
        total: 2,
        display: 'paid',
        refundable: true,
        serverChecked: true,
        totals: { refunded: 0, inFlight: 0, refundable: 2 },
      },
    });
    expect(r.calls('query_order_list')[0]?.req).toMatchObject({
      orderType: 3,
      pageNum: 1,
      pageSize: 100,
      outSubMchId: 'sub1',
      outShopId: 'shop1',
      status: 1,
      timeFilter: 1,
    });
    expect(r.calls('query_order_list')[0]?.req).not.toHaveProperty('deviceId');
    expect(r.calls('brief_query_order_list')).toEqual([]);
  });

  it('asks brief_query_order and the refund list at once: the order shows after one round trip, not two (issue 21)', async () => {
    const r = await runRefund(script({ brief_query_order: [a(paidOrder(2), 300)], query_order_list: [a(merchantList(), 300)] }), [
      [0, { type: 'lookup', outTradeNo: OTN }],
    ]);
    expect(r.calls('brief_query_order')[0]?.at).toBe(0);
    expect(r.calls('query_order_list')[0]?.at).toBe(0);
    const shown = r.events.find(([, e]) => e.type === 'order');
    expect(shown?.[0]).toBeGreaterThanOrEqual(300);
    expect(shown?.[0]).toBeLessThan(600);
    expect(r.last).toMatchObject({ order: { serverChecked: true, refundable: true } });
  });

  it('an order cpay cannot show drops the refund list still in flight (no answer waited for)', async () => {
    const r = await runRefund(script({ brief_query_order: [a(status(101, 0, '订单不存在'), 50)], query_order_list: [a(merchantList(), 5_000)] }), [
      [0, { type: 'lookup', outTradeNo: OTN }],
    ]);
    expect(r.last).toMatchObject({ type: 'lookup_failed', reason: 'refused' });
    expect(r.events.at(-1)?.[0]).toBeLessThan(5_000);
  });

  it('merges ledger and server refunds by refund number; processing and unknown count, failed does not', async () => {
    const r = await runRefund(
      script({
        ...paid2,
        brief_query_order: [a(paidOrder(10))],
        query_order_list: [
          a(
            merchantList([
              ['R1', 1, 2],
              ['R2', 2, 4],
            ]),
          ),
        ],
      }),
      [[0, { type: 'lookup', outTradeNo: OTN }]],
      { ledger: [local('R1', 1, 'processing'), local('R3', 3, 'unknown'), local('R4', 4, 'failed')] },
    );
    expect(r.last).toMatchObject({ order: { display: 'partially_refunded', totals: { refunded: 1, inFlight: 5, refundable: 4 } } });
    const order = r.last?.type === 'order' ? r.last.order : undefined;
    expect(order?.refunds.find((x) => x.outRefundNo === 'R1')).toEqual({ outRefundNo: 'R1', amount: 1, status: 'success', source: 'both' });
  });

  it('a local-only refund the server list has not shown for 10 minutes stops holding money', async () => {
    const stale = { ...local('R9', 2, 'created'), updatedAt: 1_763_776_800_000 - 600_001 };
    const r = await runRefund(script(paid2), [[0, { type: 'lookup', outTradeNo: OTN }]], { ledger: [stale] });
    expect(r.last).toMatchObject({ order: { display: 'paid', totals: { inFlight: 0, refundable: 2 } } });
  });

  it('falls back to the ledger when the server list cannot be read, and says so', async () => {
    const r = await runRefund(
      script({ ...paid2, query_order_list: [a(notSent)], brief_query_order_list: [a(notSent)] }),
      [[0, { type: 'lookup', outTradeNo: OTN }]],
      { ledger: [local('R1', 1, 'success')] },
    );
    expect(r.last).toMatchObject({ order: { serverChecked: false, display: 'partially_refunded', totals: { refundable: 1 } } });
  });

  it('when no server list can be read, a local-only refund older than 10 minutes still holds its money (nothing to say it failed)', async () => {
    const stale = { ...local('R9', 2, 'created'), updatedAt: 1_763_776_800_000 - 600_001 };
    const r = await runRefund(
      script({ ...paid2, query_order_list: [a(notSent)], brief_query_order_list: [a(notSent)] }),
      [[0, { type: 'lookup', outTradeNo: OTN }]],
      { ledger: [stale] },
    );
    expect(r.last).toMatchObject({ order: { serverChecked: false, totals: { inFlight: 2, refundable: 0 }, refundable: false } });
  });

  it('a paid order whose whole amount is in refunds still processing offers no refund (display partially refunded, 0 refundable)', async () => {
    const r = await runRefund(script(paid2), [[0, { type: 'lookup', outTradeNo: OTN }]], { ledger: [local('R1', 1, 'success'), local('R2', 1, 'created')] });
    expect(r.last).toMatchObject({ order: { display: 'partially_refunded', totals: { refunded: 1, inFlight: 1, refundable: 0 }, refundable: false } });
  });

  it('reports an order cpay does not know, and an unreachable cpay', async () => {
    const gone = await runRefund(script({ brief_query_order: [a(status(104, 0, '订单不存在'))] }), [[0, { type: 'lookup', outTradeNo: OTN }]]);
    expect(gone.last).toEqual({ type: 'lookup_failed', outTradeNo: OTN, reason: 'refused', description: '订单不存在' });
    const off = await runRefund(script({ brief_query_order: [a(notSent)] }), [[0, { type: 'lookup', outTradeNo: OTN }]]);
    expect(off.last).toMatchObject({ type: 'lookup_failed', reason: 'unreachable' });
  });
});

describe("refundFlow: cpay's documented not-found state (WeChat 11 / Alipay 7)", () => {
  it.each([
    ['WeChat 11', { platform: 'wechat', cts: 11 }],
    ['Alipay 7', { platform: 'alipay', cts: 7 }],
  ] as const)('%s: a lookup failure of its own reason, worded from the catalog (zh-CN and English), no order to refund', async (_, state) => {
    const r = await runRefund(script({ brief_query_order: [a(paidOrder(2, state))], query_order_list: [a(merchantList())] }), [
      [0, { type: 'lookup', outTradeNo: OTN }],
    ]);
    expect(r.last).toMatchObject({ type: 'lookup_failed', outTradeNo: OTN, reason: 'not_found' });
    expect(r.types).not.toContain('order');
    const s = reduceRefund(REFUND_IDLE, r.last as RefundEvent);
    expect(s.lookupReason).toBe('not_found');
    expect(s.order).toBeUndefined();
    expect(tr('refund.lookup.notFound')).toBe('订单不存在：请核对小票上的订单号。');
    await loadLocale('en');
    setLocale('en');
    try {
      expect(tr('refund.lookup.notFound')).toBe('No such order: check the order number on the receipt.');
    } finally {
      setLocale('zh-CN');
    }
  });
});

describe('refundFlow: refusals before anything is sent', () => {
  it.each([
    ['0.03', { kind: 'over_refundable', requested: 3, refundable: 2 }],
    ['0', { kind: 'zero' }],
    ['0.001', { kind: 'rounds_to_zero', input: '0.001' }],
    ['1,00', { kind: 'malformed', input: '1,00' }],
    ['', { kind: 'empty' }],
  ])('refuses %j', async (text, error) => {
    const r = await runRefund(script(paid2), [[0, { type: 'refund', outTradeNo: OTN, amountText: text }]]);
    expect(r.last).toEqual({ type: 'refused', outTradeNo: OTN, refusal: { kind: 'amount', error } });
    expect(r.calls('refund')).toHaveLength(0);
    expect(r.ledger.size).toBe(0);
  });

  it('refuses a fully refunded order and an unpaid one', async () => {
    const full = await runRefund(script({ ...paid2, brief_query_order: [a(paidOrder(2, { platform: 'wechat', cts: 4 }))] }), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
    ]);
    expect(full.last).toMatchObject({ type: 'refused', refusal: { kind: 'not_refundable', display: 'fully_refunded' } });
    const unpaid = await runRefund(script({ ...paid2, brief_query_order: [a(paidOrder(2, { platform: 'alipay', cts: 4 }))] }), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
    ]);
    expect(unpaid.last).toMatchObject({ type: 'refused', refusal: { kind: 'not_refundable', display: 'pending' } });
  });

  it('asks for the manager PIN when one is configured, refuses a wrong one', async () => {
    const none = await runRefund(script(paid2), [[0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }]], { pin: '2468' });
    expect(none.last).toEqual({ type: 'refused', outTradeNo: OTN, refusal: { kind: 'pin_required' } });
    const wrong = await runRefund(script(paid2), [[0, { type: 'refund', outTradeNo: OTN, amountText: '0.01', pin: '1111' }]], { pin: '2468' });
    expect(wrong.last).toMatchObject({ refusal: { kind: 'pin_wrong' } });
    expect([...none.calls(), ...wrong.calls()]).toHaveLength(0);
  });
});

describe('refundFlow: sending and settling', () => {
  const happy = { ...paid2, refund: [a(refundReply('x', 4))], query_refund_order: [a(queryRefundReply('x', 4)), a(queryRefundReply('x', 2))] };
  const mine =
    (s: RefundScript): RefundScript =>
    (e, n, req) => {
      const ans = s(e, n, req);
      const orn = (req as { outRefundNo?: string }).outRefundNo ?? '';
      if (e === 'refund' && ans.outcome?.kind === 'reply' && ans.outcome.reply.status === 0) {
        return a(refundReply(orn, (ans.outcome.reply.body as { refund: { refundState: { state: number } } }).refund.refundState.state));
      }
      if (e === 'query_refund_order' && ans.outcome?.kind === 'reply' && ans.outcome.reply.status === 0) {
        const st = (ans.outcome.reply.body as { refunds: { refundState: { state: number } }[] }).refunds[0]?.refundState.state ?? 4;
        return a(queryRefundReply(orn, st));
      }
      return ans;
    };

  it('writes the refund number before sending, shows accepted, then refunded after the query, then the order again', async () => {
    const r = await runRefund(mine(script(happy)), [[0, { type: 'refund', outTradeNo: OTN, amountText: '0.01', pin: '2468' }]], { pin: '2468' });
    expect(r.types).toEqual(['order', 'submitting', 'accepted', 'settled', 'looking_up', 'order']);
    const orn = refundCall(r).outRefundNo;
    expect(orn).toMatch(/^01000052\d+$/);
    const firstLedger = r.timeline.findIndex((m) => m.what === 'ledger');
    const firstRefund = r.timeline.findIndex((m) => m.what === 'call' && m.endpoint === 'refund');
    expect(firstLedger).toBeLessThan(firstRefund);
    expect(r.timeline[firstLedger]).toMatchObject({ record: { outRefundNo: orn, status: 'created', amount: 1 } });
    expect(refundCall(r)).toMatchObject({
      outTradeNo: OTN,
      totalFee: 2,
      refundFee: 1,
      mchKey: { payPlatform: 1, outShopId: 'shop1', isSubMchAdmin: true },
      client: { snCode: 'CPAYSIM_WEB1_SIM0000001', terminalType: 100 },
    });
    expect(refundOf(r.events[3]?.[1])).toEqual({ outcome: 'refunded', outTradeNo: OTN, outRefundNo: orn, amount: 1, platform: 'wechat' });
    expect(r.calls('query_refund_order').map((c) => c.at)).toEqual([2_300, 4_400]);
    expect(r.ledger.get(orn)?.status).toBe('success');
    expect(r.said).toEqual([{ kind: 'refund_accepted', platform: 'wechat', amount: 1 }]);
  });

  it('keeps the signed-in cashier and the authorising manager on the refund record, as orders keep staff_id', async () => {
    const r = await runRefund(mine(script(happy)), [[0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }]], {
      staff: { staffId: 'C07', authorizationStaffId: 'M01' },
    });
    const orn = refundCall(r).outRefundNo;
    expect(r.ledger.get(orn)).toMatchObject({ status: 'success', staffId: 'C07', authorizationStaffId: 'M01' });
    expect(refundCall(r)).toMatchObject({ mchKey: { isSubMchAdmin: false, authorizationStaffId: 'M01' }, client: { staffId: 'C07' } });
  });

  it('accepted, then failed at the platform: says the refund, then says that it failed', async () => {
    const r = await runRefund(mine(script({ ...happy, query_refund_order: [a(queryRefundReply('x', 4)), a(queryRefundReply('x', 3))] })), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
    ]);
    expect(refundOf(r.events.find(([, e]) => e.type === 'settled')?.[1])).toMatchObject({ outcome: 'failed', amount: 1 });
    expect(r.said).toEqual([
      { kind: 'refund_accepted', platform: 'wechat', amount: 1 },
      { kind: 'refund_failed', amount: 1 },
    ]);
  });

  it('ends as "accepted", not "refunded", when the platform has not settled within the watch', async () => {
    const r = await runRefund(mine(script({ ...happy, query_refund_order: [a(queryRefundReply('x', 4))] })), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.02' }],
    ]);
    const settled = r.events.find(([, e]) => e.type === 'settled');
    expect(settled?.[0]).toBe(120_200);
    expect(refundOf(settled?.[1])).toMatchObject({ outcome: 'accepted', amount: 2 });
    expect(r.ledger.get(refundCall(r).outRefundNo)?.status).toBe('processing');
  });

  it('102: marks the number failed and retries once with a new refund number', async () => {
    const r = await runRefund(mine(script({ ...happy, refund: [a(status(102, 4302, '退款单号已使用')), a(refundReply('x', 2))] })), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
    ]);
    const [first, second] = [refundCall(r, 0).outRefundNo, refundCall(r, 1).outRefundNo];
    expect(first).not.toBe(second);
    expect(r.ledger.get(first)).toMatchObject({ status: 'failed', description: '退款单号已使用' });
    expect(r.ledger.get(second)?.status).toBe('success');
    expect(r.types.filter((t) => t === 'submitting')).toHaveLength(2);
    expect(r.calls('query_refund_order')).toHaveLength(0);
  });

  it("104: refused with cpay's description, ledger failed, voice says so", async () => {
    const r = await runRefund(script({ ...paid2, refund: [a(status(104, 4307, '超过可退金额：申请退款 0.02 元，可退 0.01 元'))] }), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.02' }],
    ]);
    const result = refundOf(r.events.find(([, e]) => e.type === 'settled')?.[1]);
    expect(result).toMatchObject({ outcome: 'failed', reason: 'refused', description: '超过可退金额：申请退款 0.02 元，可退 0.01 元' });
    expect(r.ledger.get(refundCall(r).outRefundNo)?.status).toBe('failed');
    expect(r.said).toEqual([{ kind: 'refund_failed', amount: 2 }]);
    expect(r.calls('refund')).toHaveLength(1);
  });

  it('unknown answer: queries the refund instead of guessing, and settles from the query', async () => {
    const r = await runRefund(mine(script({ ...happy, refund: [a(unknownOutcome())], query_refund_order: [a(queryRefundReply('x', 2))] })), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
    ]);
    expect(r.calls('refund')).toHaveLength(1);
    expect(r.types).toEqual(['order', 'submitting', 'accepted', 'settled', 'looking_up', 'order']);
    expect(refundOf(r.events[3]?.[1])?.outcome).toBe('refunded');
  });

  it('unknown answer and the refund does not exist at cpay: resends the identical request', async () => {
    const r = await runRefund(
      mine(
        script({
          ...happy,
          refund: [a(unknownOutcome()), a(refundReply('x', 4))],
          query_refund_order: [a(status(104, 4308, '退款单不存在')), a(queryRefundReply('x', 2))],
        }),
      ),
      [[0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }]],
    );
    expect(r.calls('refund')).toHaveLength(2);
    expect(r.calls('refund')[1]?.req).toEqual(r.calls('refund')[0]?.req);
    expect(refundOf(r.events.find(([, e]) => e.type === 'settled')?.[1])?.outcome).toBe('refunded');
  });

  it('no answer at all for two minutes: unknown, and the ledger keeps it counted', async () => {
    const r = await runRefund(script({ ...paid2, refund: [a(unknownOutcome())], query_refund_order: [a(unknownOutcome())] }), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.02' }],
    ]);
    const result = refundOf(r.events.find(([, e]) => e.type === 'settled')?.[1]);
    expect(result).toMatchObject({ outcome: 'unknown' });
    expect(r.ledger.get(refundCall(r).outRefundNo)?.status).toBe('unknown');
    expect(r.last).toMatchObject({ type: 'order', order: { totals: { inFlight: 2, refundable: 0 } } });
  });

  it('not sent: backs off and resends, then fails as not sent (nothing refunded)', async () => {
    const r = await runRefund(script({ ...paid2, refund: [a(notSent, 0)] }), [[0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }]]);
    expect(r.calls('refund').map((c) => c.at)).toEqual([200, 950, 2_450, 5_450]);
    expect(refundOf(r.events.find(([, e]) => e.type === 'settled')?.[1])).toMatchObject({ outcome: 'failed', reason: 'not_sent' });
    expect(r.ledger.get(refundCall(r).outRefundNo)?.status).toBe('failed');
  });

  it('103: the identical request again after 3 s', async () => {
    const r = await runRefund(mine(script({ ...happy, refund: [a(status(103)), a(refundReply('x', 2))] })), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
    ]);
    expect(r.calls('refund').map((c) => c.at)).toEqual([200, 3_300]);
  });

  it('a ledger that cannot be written stops the refund before sending', async () => {
    const r = await runRefund(script(paid2), [[0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }]], { failLedger: true });
    expect(r.calls('refund')).toHaveLength(0);
    expect(refundOf(r.events.find(([, e]) => e.type === 'settled')?.[1])).toMatchObject({ outcome: 'failed', reason: 'storage' });
  });

  it('ignores a second confirmation while a refund runs (exhaustMap)', async () => {
    const r = await runRefund(mine(script(happy)), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
      [250, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
    ]);
    expect(r.calls('refund')).toHaveLength(1);
  });
});

describe('refundFlow: a deposit consumption (issue 14 point 3)', () => {
  const consumption = {
    brief_query_order: [a(paidOrder(500, { platform: 'wechat', cts: 14 }))],
    query_order_list: [a(merchantList())],
    query_order: [a(reply({ order: { outTradeNo: OTN, state: { platform: 'wechat' as const, cts: 14 }, outFreezeNo: '0100005288' } }))],
    refund: [a(refundReply('R', 2))],
  };

  it('WeChat state 14 (押金消费成功, 003 L506) is shown paid and refundable; the refund carries out_freeze_no (003 L3915)', async () => {
    const r = await runRefund(script(consumption), [
      [0, { type: 'lookup', outTradeNo: OTN }],
      [5_000, { type: 'refund', outTradeNo: OTN, amountText: '1.00' }],
    ]);
    const order = r.events.map(([, e]) => e).find((e) => e.type === 'order');
    expect(order).toMatchObject({ order: { display: 'paid', refundable: true, outFreezeNo: '0100005288', totals: { refundable: 500 } } });
    expect(r.calls('query_order')[0]?.req).toMatchObject({ outTradeNo: OTN, mchKey: { payPlatform: 1, outShopId: 'shop1' } });
    expect(r.calls('refund')[0]?.req).toMatchObject({ outTradeNo: OTN, refundFee: 100, outFreezeNo: '0100005288' });
  });

  it('a deposit number query_order could not read (timeout, issue 15 run #182) sends no refund: the lookup says it failed', async () => {
    // Under load the rig's relay answered query_order with its 504 (unknown): the refund used to go
    // out without out_freeze_no, cpay refused it (104 押金模式退款单必填), and no refund existed.
    const r = await runRefund(script({ ...consumption, query_order: [a(unknownOutcome())] }), [[0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }]]);
    expect(r.calls('query_order').length).toBeGreaterThan(0);
    expect(r.calls('refund')).toEqual([]);
    expect(r.types).toEqual(['lookup_failed']);
    expect(r.events[0]?.[1]).toMatchObject({ type: 'lookup_failed', reason: 'unreachable', description: expect.stringContaining('deposit') });
  });

  it('an order query_order reads with no deposit (another till, a refusal) is refunded without out_freeze_no', async () => {
    const r = await runRefund(script({ ...consumption, query_order: [a(status(104, 4004, '订单不存在'))] }), [
      [0, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
    ]);
    expect(r.calls('refund')).toHaveLength(1);
    expect(r.calls('refund')[0]?.req).not.toHaveProperty('outFreezeNo');
  });

  it("an order of this terminal's payment journal is not read with query_order and carries no out_freeze_no", async () => {
    const r = await runRefund(
      script({ ...paid2, refund: [a(refundReply('R', 2))] }),
      [
        [0, { type: 'lookup', outTradeNo: OTN }],
        [5_000, { type: 'refund', outTradeNo: OTN, amountText: '0.01' }],
      ],
      {},
      400_000,
      { journal: true },
    );
    expect(r.calls('query_order')).toEqual([]);
    expect(r.calls('refund')[0]?.req).not.toHaveProperty('outFreezeNo');
  });
});

describe("refundFlow: this terminal's order paints from its journal first, cpay confirms (issue 21)", () => {
  const held = (list: Answer['outcome']) =>
    script({ brief_query_order: [a(paidOrder(2), 300)], query_order_list: [a(list, 300)], refund: [a(refundReply('R', 2))] });
  const orders = (r: { events: [number, RefundEvent][] }) => r.events.flatMap(([at, e]) => (e.type === 'order' ? [{ at, order: e.order }] : []));

  it('a paid order of the journal shows at once, provisional and not refundable; cpay asked at once; its answer (already refunded at the server) replaces it', async () => {
    const r = await runRefund(held(merchantList([], 1)), [[0, { type: 'lookup', outTradeNo: OTN }]], { journal: true });
    expect(r.calls('brief_query_order')[0]?.at).toBe(0);
    const [first, second, ...rest] = orders(r);
    expect(rest).toEqual([]);
    expect(first?.at).toBeLessThan(300);
    expect(first?.order).toMatchObject({ outTradeNo: OTN, total: 2, display: 'paid', provisional: true, refundable: false, serverChecked: false });
    expect(first?.order.totals.refundable).toBe(2);
    expect(second?.at).toBeGreaterThanOrEqual(300);
    expect(second?.order).toMatchObject({ display: 'partially_refunded', refundable: true, serverChecked: true, totals: { refunded: 1, refundable: 1 } });
    expect(second?.order).not.toHaveProperty('provisional');
    // The screen's state: the lookup runs on under the local card, and ends with cpay's.
    const states = r.events.reduce<RefundState[]>((acc, [, e]) => [...acc, reduceRefund(acc.at(-1) ?? REFUND_IDLE, e)], []);
    expect(states[1]).toMatchObject({ lookingUp: OTN, order: { provisional: true } });
    expect(states.at(-1)?.lookingUp).toBeUndefined();
  });

  it('a refund asked for while the card is provisional is decided on cpay’s answer: more than cpay says is refundable is refused, nothing sent', async () => {
    const r = await runRefund(
      held(merchantList([], 2)),
      [
        [0, { type: 'lookup', outTradeNo: OTN }],
        [10, { type: 'refund', outTradeNo: OTN, amountText: '0.02' }],
      ],
      { journal: true },
    );
    expect(orders(r)[0]?.order).toMatchObject({ provisional: true, totals: { refundable: 2 } });
    expect(r.calls('refund')).toEqual([]);
    expect(r.last?.type === 'order' || r.last?.type === 'refused').toBe(true);
    expect(orders(r).at(-1)?.order).toMatchObject({ display: 'fully_refunded', refundable: false });
  });

  it('when cpay cannot confirm, the local card goes and the failure shows', async () => {
    const r = await runRefund(
      script({ brief_query_order: [a(status(101, 0, 'no'), 300)], query_order_list: [a(merchantList(), 300)] }),
      [[0, { type: 'lookup', outTradeNo: OTN }]],
      { journal: true },
    );
    expect(r.types).toEqual(['looking_up', 'order', 'lookup_failed']);
    const end = r.events.reduce((s, [, e]) => reduceRefund(s, e), REFUND_IDLE);
    expect(end.order).toBeUndefined();
    expect(end.lookupReason).toBe('refused');
  });

  it('an order not in the journal waits for cpay, as before', async () => {
    const r = await runRefund(held(merchantList()), [[0, { type: 'lookup', outTradeNo: OTN }]]);
    expect(orders(r)).toHaveLength(1);
    expect(orders(r)[0]?.at).toBeGreaterThanOrEqual(300);
    expect(orders(r)[0]?.order.provisional).toBeUndefined();
  });
});

describe("refundFlow: the refundable amount is cpay's order truth, not this device's (issue 14 point 5)", () => {
  const paid10 = (list: Answer['outcome']) =>
    script({ brief_query_order: [a(paidOrder(10))], query_order_list: [a(list)], brief_query_order_list: [a(refundList())] });

  it('a refund made by another till (only the merchant-level list shows it) holds its money', async () => {
    const r = await runRefund(paid10(merchantList([['OTHER1', 3, 2]])), [[0, { type: 'lookup', outTradeNo: OTN }]]);
    expect(r.last).toMatchObject({ order: { display: 'partially_refunded', totals: { refunded: 3, refundable: 7 } } });
  });

  it("cpay's refunded_fee counts even when no refund we can see adds up to it (e.g. the merchant console)", async () => {
    const r = await runRefund(paid10(merchantList([], 4)), [
      [0, { type: 'lookup', outTradeNo: OTN }],
      [5_000, { type: 'refund', outTradeNo: OTN, amountText: '0.07' }],
    ]);
    expect(r.events.map(([, e]) => e).find((e) => e.type === 'order')).toMatchObject({
      order: { display: 'partially_refunded', totals: { refunded: 4, refundable: 6 } },
    });
    expect(r.events.map(([, e]) => e).find((e) => e.type === 'refused')).toMatchObject({ refusal: { kind: 'amount' } });
    expect(r.calls('refund')).toEqual([]);
  });

  it('when the merchant list cannot be read, the device list is used', async () => {
    const r = await runRefund(
      script({ brief_query_order: [a(paidOrder(10))], query_order_list: [a(status(101, 0, 'no'))], brief_query_order_list: [a(refundList(['R1', 1, 2]))] }),
      [[0, { type: 'lookup', outTradeNo: OTN }]],
    );
    expect(r.last).toMatchObject({ order: { serverChecked: true, totals: { refunded: 1, refundable: 9 } } });
  });
});
