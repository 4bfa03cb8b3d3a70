/**
 * brief_query_order_list and its overview are computed from the same truth: counts and sums in
 * the overview equal what the list shows, paging covers every entry exactly once.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS, type Platform } from '../src/index.js';
import { boundSetup, type TestTerminal } from './helpers/terminal.js';

const code = (p: Platform, name = 'success') => SCENARIOS.find((s) => s.name === name)!.codes[p];
const window = (t: TestTerminal, orderType: 1 | 2 | 3) => ({
  outSubMchId: t.bound.outSubMchId,
  outShopId: t.bound.outShopId,
  deviceId: t.bound.deviceId,
  orderType,
  startTime: t.ts() - 3600,
  endTime: t.ts() + 3600,
  nonce: 'w'.repeat(32),
});

async function world() {
  const s = await boundSetup(5);
  const { sim, t } = s;
  const paid: string[] = [];
  for (const [p, fee] of [
    ['wechat', 100],
    ['wechat', 250],
    ['alipay', 300],
    ['card', 50],
  ] as const) {
    const otn = t.orderNo();
    await t.pay(otn, code(p), fee);
    paid.push(otn);
    sim.advance(1_000);
  }
  await t.pay(t.orderNo(), code('wechat', 'declined'), 999); // failed: listed, not counted as a success
  await t.refund(paid[0]!, `${paid[0]}R1`, 100, 40, 1);
  await t.refund(paid[2]!, `${paid[2]}R1`, 300, 300, 2);
  sim.advance(5_000);
  await t.refund(paid[1]!, `${paid[1]}R1`, 250, 10, 1); // still processing
  return { ...s, paid };
}

describe('lists and overview', () => {
  it('lists orders (bo) and refunds (bro), newest first, paged', async () => {
    const { t } = await world();
    const all = await t.call('brief_query_order_list', { ...window(t, 3), pageNum: 1, pageSize: 100 });
    expect(all.reply.body?.totalCount).toBe(8);
    const items = all.reply.body!.items;
    expect(items.filter((i) => i.kind === 'order')).toHaveLength(5);
    expect(items.filter((i) => i.kind === 'refund')).toHaveLength(3);
    const times = items.map((i) => i.createTime);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const pages = [];
    for (let pn = 1; pn <= 3; pn++) pages.push(...(await t.call('brief_query_order_list', { ...window(t, 3), pageNum: pn, pageSize: 3 })).reply.body!.items);
    expect(pages).toEqual(items);
  });

  it('filters by order type and sub pay platform', async () => {
    const { t } = await world();
    const refunds = await t.call('brief_query_order_list', { ...window(t, 2), pageNum: 1, pageSize: 10 });
    expect(refunds.reply.body?.items.every((i) => i.kind === 'refund')).toBe(true);
    const ali = await t.call('brief_query_order_list', { ...window(t, 1), subPayPlatforms: [200], pageNum: 1, pageSize: 10 });
    expect(ali.reply.body?.items).toHaveLength(1);
    expect(ali.reply.body?.items[0]).toMatchObject({ kind: 'order', subPayPlatform: 200, state: { platform: 'alipay', cts: 5 } });
  });

  it('computes the overview from the same truth as the list', async () => {
    const { t } = await world();
    const list = (await t.call('brief_query_order_list', { ...window(t, 3), pageNum: 1, pageSize: 100 })).reply.body!.items;
    const rows = (await t.call('brief_query_order_list_overview', window(t, 3))).reply.body!.rows;
    for (const spp of [100, 200, 300]) {
      const row = rows.find((r) => r.subPayPlatform === spp)!;
      const orders = list.filter((i) => i.kind === 'order' && i.subPayPlatform === spp && [2, 4, 5].includes(i.state?.cts ?? 0));
      const refunds = list.filter((i) => i.kind === 'refund' && i.subPayPlatform === spp);
      const ok = refunds.filter((i) => i.kind === 'refund' && i.refundState?.state === 2);
      const sum = (xs: typeof list, f: (i: (typeof list)[number]) => number) => xs.reduce((n, i) => n + f(i), 0);
      expect(row.successCount).toBe(orders.length);
      expect(row.successAmount).toBe(sum(orders, (i) => i.totalFee ?? 0));
      expect(row.refundCreateCount).toBe(refunds.length);
      expect(row.refundCreateAmount).toBe(sum(refunds, (i) => (i.kind === 'refund' ? i.refundFee : 0)));
      expect(row.refundSettleAmount).toBe(sum(ok, (i) => (i.kind === 'refund' ? i.refundFee : 0)));
      expect(row.incomeAmount).toBe(row.successAmount - row.refundSettleAmount - row.poundage);
    }
    expect(rows.find((r) => r.subPayPlatform === 100)).toMatchObject({
      successCount: 2,
      successAmount: 350,
      refundCreateCount: 2,
      refundCreateAmount: 50,
      refundSettleAmount: 40,
      orderRefundedAmount: 40,
    });
  });

  it('refuses a window that does not belong to the terminal, and bad paging', async () => {
    const { t } = await world();
    expect((await t.call('brief_query_order_list', { ...window(t, 3), deviceId: 'other', pageNum: 1, pageSize: 10 })).reply.status).toBe(101);
    expect((await t.call('brief_query_order_list', { ...window(t, 3), pageNum: 0, pageSize: 10 })).reply).toMatchObject({ status: 101, internalStatus: 4403 });
  });
});
