/**
 * Issue 14 (go-live) behaviour of the simulator: refunds belong to the device that made them, the
 * merchant console refunds with no device, the merchant-level query_order_list sees them all with
 * the order's refunded_fee, and fees (poundage) follow the documented rate.
 */
import { describe, expect, it } from 'vitest';
import { fen } from '@cpay/protocol';
import { sandboxRequest } from '../src/sandbox.js';
import { boundSetup, coreTransport, T0, TestTerminal } from './helpers/terminal.js';

const WX = '135005875955000000';
const N = 'g'.repeat(32);

async function twoTills() {
  const { sim, t } = await boundSetup();
  const device = { sn: 'CPAYSIM_WEB1_SIM0000002', initialKey: 'B'.repeat(32) };
  await sim.registerDevice(device);
  const t2 = new TestTerminal(coreTransport(sim), device, () => sim.now());
  await t2.bind((qrUrl) => sim.confirmBinding({ qrUrl }));
  return { sim, a: t, b: t2 };
}
const refundBy = (t: TestTerminal, otn: string, total: number, fee: number) =>
  t.call('refund', {
    outTradeNo: otn,
    outRefundNo: t.orderNo(),
    totalFee: fen(total),
    refundFee: fen(fee),
    mchKey: { ...t.mchKey(1), isSubMchAdmin: true },
    client: t.client(),
    nonce: N,
  });
const deviceList = (t: TestTerminal) =>
  t.call('brief_query_order_list', {
    outSubMchId: t.bound.outSubMchId,
    outShopId: t.bound.outShopId,
    deviceId: t.bound.deviceId,
    orderType: 2,
    startTime: T0 / 1000 - 60,
    endTime: T0 / 1000 + 3600,
    pageNum: 1,
    pageSize: 100,
    nonce: N,
  });
const merchantList = (t: TestTerminal) =>
  t.call('query_order_list', {
    outSubMchId: t.bound.outSubMchId,
    outShopId: t.bound.outShopId,
    orderType: 3,
    startTime: T0 / 1000 - 60,
    endTime: T0 / 1000 + 3600,
    pageNum: 1,
    pageSize: 100,
    timeFilter: 1,
    status: 1,
    nonce: N,
  });

describe('refunds from other devices and the merchant console (issue 14 point 5)', () => {
  it("a device list shows only its own refunds; query_order_list shows every refund and the order's refunded_fee", async () => {
    const { sim, a, b } = await twoTills();
    const otn = a.orderNo();
    await a.pay(otn, WX, 1000);
    expect((await refundBy(b, otn, 1000, 300)).reply.status).toBe(0);
    const console = await sandboxRequest(sim, 'POST', `/sandbox/orders/${otn}/merchant-refund`, JSON.stringify({ refund_fee: 200 }), '');
    expect(console).toMatchObject({ status: 200, json: { source: 'merchant', refund_fee: 200, state: 'processing' } });
    expect((await sandboxRequest(sim, 'POST', `/sandbox/orders/${otn}/merchant-refund`, JSON.stringify({ refund_fee: 501 }), '')).status).toBe(409);
    sim.advance(3_000);
    expect((await deviceList(a)).reply.body?.items).toEqual([]);
    expect((await deviceList(b)).reply.body?.items).toMatchObject([{ kind: 'refund', outTradeNo: otn, refundFee: 300 }]);
    const all = (await merchantList(a)).reply.body?.items ?? [];
    expect(all.find((i) => i.kind === 'order' && i.outTradeNo === otn)).toMatchObject({ refundedFee: 500, totalFee: 1000, deviceId: a.bound.deviceId });
    const refunds = all.filter((i) => i.kind === 'refund' && i.outTradeNo === otn);
    expect(refunds.map((r) => [r.kind === 'refund' && r.refundFee, r.deviceId])).toEqual(
      expect.arrayContaining([
        [300, b.bound.deviceId],
        [200, undefined],
      ]),
    );
    expect((await refundBy(a, otn, 1000, 501)).reply).toMatchObject({ status: 104, internalStatus: 4307 });
  });

  it("the authoriser's name (authorization_name) is added to the refund's refund_reason (003 L3973-3981)", async () => {
    const { sim, a } = await twoTills();
    const otn = a.orderNo();
    await a.pay(otn, WX, 1000);
    const withName = (reason: string | undefined, name: string | undefined) =>
      a.call('refund', {
        outTradeNo: otn,
        outRefundNo: a.orderNo(),
        totalFee: fen(1000),
        refundFee: fen(100),
        ...(reason ? { refundReason: reason } : {}),
        mchKey: { ...a.mchKey(1), isSubMchAdmin: false, authorizationStaffId: 'M01', ...(name ? { authorizationName: name } : {}) },
        client: a.client(),
        nonce: N,
      });
    expect((await withName(undefined, '王店长')).reply.status).toBe(0);
    expect((await withName('顾客退货', '王店长')).reply.status).toBe(0);
    expect((await withName('顾客退货', undefined)).reply.status).toBe(0);
    expect((await sim.refunds()).map((r) => r.refund_reason)).toEqual(['王店长', '顾客退货 王店长', '顾客退货']);
  });

  it('query_order_list validates its filters', async () => {
    const { a } = await twoTills();
    const bad = await a.call('query_order_list', { outSubMchId: 'other', orderType: 3, startTime: 1, endTime: 2, pageNum: 1, pageSize: 10, nonce: N });
    expect(bad.reply).toMatchObject({ status: 101, internalStatus: 4106 });
    const noShop = await a.call('query_order_list', {
      outSubMchId: a.bound.outSubMchId,
      deviceId: a.bound.deviceId,
      orderType: 3,
      startTime: 1,
      endTime: 2,
      pageNum: 1,
      pageSize: 10,
      nonce: N,
    });
    expect(noShop.reply).toMatchObject({ status: 101, internalStatus: 4404 });
  });
});

describe('fees (issue 14 point 7)', () => {
  it('poundage at 0.60 % per paid order, returned pro rata with refunds; ia = settlement − fees', async () => {
    const { sim, a } = await twoTills();
    const [o1, o2] = [a.orderNo(), a.orderNo()];
    await a.pay(o1, WX, 10000); // fee 60
    await a.pay(o2, WX, 2); // fee 0.012 → 0
    await refundBy(a, o1, 10000, 5000); // returns 30
    sim.advance(3_000);
    const ov = await a.call('brief_query_order_list_overview', {
      outSubMchId: a.bound.outSubMchId,
      outShopId: a.bound.outShopId,
      deviceId: a.bound.deviceId,
      orderType: 3,
      startTime: T0 / 1000 - 60,
      endTime: T0 / 1000 + 3600,
      nonce: N,
    });
    expect(ov.reply.body?.rows).toMatchObject([{ successAmount: 10002, refundSettleAmount: 5000, poundage: 30, settlementAmount: 5002, incomeAmount: 4972 }]);
    const order = (await merchantList(a)).reply.body?.items.find((i) => i.kind === 'order' && i.outTradeNo === o1);
    expect(order).toMatchObject({ poundage: 60 });
  });
});
