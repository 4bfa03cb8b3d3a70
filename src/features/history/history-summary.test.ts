/**
 * History and shift summary against the simulator's truth: a generated day of mixed payments
 * (WeChat, Alipay, member card; paid and declined) and refunds, over loopback HTTP with the
 * app's cpay client, compared with `/sandbox/orders` and `/sandbox/refunds`. Plus the merge of
 * local rows (an unknown payment, a refund the server has not listed) in a unit test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncScheduler, lastValueFrom } from 'rxjs';
import { fen, type Fen } from '@cpay/protocol';
import { SCENARIOS } from '@cpay/simulator';
import { createSimulatorServer, type SimulatorServer } from '@cpay/simulator/node';
import { dayQuery, mergeHistory, type HistoryQuery, type HistoryRow } from './history.js';
import { chartBars } from './summary.js';
import { createCpayClient } from '../../platform/net/cpay-client.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { createTracer } from '../../platform/net/trace.js';
import { loadPage, type HistoryDeps } from './history-flow.js';
import { loadSummary, shiftReceiptOf } from './summary-flow.js';

let srv: SimulatorServer;
let base: URL;
let cpay: CpayPort;
let b: Record<string, string>;
const get = async <T>(path: string) => (await fetch(new URL(path, base))).json() as Promise<T>;
const nonce = () => 'h'.repeat(32);

type Truth = { out_trade_no: string; platform: string; total_fee: number; paid: boolean; refunds: { refund_fee: number; out_refund_no: string }[] };

beforeAll(async () => {
  srv = createSimulatorServer({ seed: 3, options: { refundSettleMs: 0 } });
  base = await srv.listen(0, '127.0.0.1');
  b = (await (await fetch(new URL('/sandbox/bind/direct', base), { method: 'POST', body: '{}' })).json()) as Record<string, string>;
  cpay = createCpayClient({
    keys: { key: async () => String(b['payment_key']) },
    fetch: globalThis.fetch.bind(globalThis),
    tracer: createTracer(() => undefined),
    baseUrl: base.origin,
    scheduler: asyncScheduler,
  });
  const mchKey = (pp: 1 | 2 | 3) => ({
    payPlatform: pp,
    outMchId: String(b['out_mch_id']),
    outSubMchId: String(b['out_sub_mch_id']),
    outShopId: String(b['out_shop_id']),
    isSubMchAdmin: true,
  });
  const client = { deviceId: String(b['device_id']), terminalType: 100, sdkVersion: '1.0.0', spbillCreateIp: '127.0.0.1', snCode: String(b['sn']) };
  const day = [
    ['wechat', 'success', 120],
    ['alipay', 'success', 300],
    ['card', 'success', 50],
    ['wechat', 'declined', 999],
    ['alipay', 'success', 80],
    ['wechat', 'success', 7],
  ] as const;
  for (const [i, [platform, scenario, amount]] of day.entries()) {
    const otn = `${String(b['cloud_cashier_id'])}55${Date.now()}${i}`;
    await lastValueFrom(
      cpay.call('brief_micro_pay', {
        snCode: String(b['sn']),
        outShopId: String(b['out_shop_id']),
        deviceId: String(b['device_id']),
        nonce: nonce(),
        outTradeNo: otn,
        authCode: SCENARIOS.find((x) => x.name === scenario)?.codes[platform] ?? '',
        totalFee: fen(amount),
        body: 'day',
        subTerminalType: 2451,
      }),
    );
    if (i === 0 || i === 1) {
      const pp = platform === 'wechat' ? 1 : platform === 'alipay' ? 2 : 3;
      await lastValueFrom(
        cpay.call('refund', {
          outTradeNo: otn,
          outRefundNo: `${otn}R`,
          totalFee: fen(amount),
          refundFee: fen(i === 0 ? 20 : 300),
          mchKey: mchKey(pp),
          client,
          nonce: nonce(),
        }),
      );
    }
  }
  await fetch(new URL('/sandbox/time', base), { method: 'POST', body: JSON.stringify({ advance_ms: 1_000 }) });
});
afterAll(() => srv.close());

const terminal = () => ({ outSubMchId: String(b['out_sub_mch_id']), outShopId: String(b['out_shop_id']), deviceId: String(b['device_id']) });
const deps = (): HistoryDeps => ({ cpay, terminal, nonce, openPayments: async () => [], openRefunds: async () => [] });
const window = () => ({ fromMs: srv.sim.now() - 3_600_000, toMs: srv.sim.now() + 60_000 });

describe('history against the simulator', () => {
  it('lists every payment and refund of the day across pages, matching the server truth', async () => {
    const truth = await get<Truth[]>('/sandbox/orders');
    const rows: HistoryRow[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const e = await lastValueFrom(loadPage({ ...window(), kind: 'all', platforms: [], page, pageSize: 3 }, deps()));
      if (e.type !== 'page') throw new Error('no page');
      expect(e.serverError).toBeUndefined();
      expect(e.totalCount).toBe(8);
      rows.push(...e.rows);
    }
    expect(
      rows
        .filter((r) => r.kind === 'payment')
        .map((r) => [r.outTradeNo, r.amount])
        .sort(),
    ).toEqual(truth.map((o) => [o.out_trade_no, o.total_fee]).sort());
    expect(
      rows
        .filter((r) => r.kind === 'refund')
        .map((r) => [r.outRefundNo, r.amount, r.status])
        .sort(),
    ).toEqual(truth.flatMap((o) => o.refunds.map((r) => [r.out_refund_no, r.refund_fee, 'success'])).sort());
    expect(rows.find((r) => r.amount === 999)).toMatchObject({ status: 'failed', platform: 'wechat' });
    expect(rows.find((r) => r.kind === 'payment' && r.amount === 300)).toMatchObject({ status: 'refunded' });
  });

  it('filters by type and platform', async () => {
    const e = await lastValueFrom(loadPage({ ...window(), kind: 'payments', platforms: ['alipay'], page: 1, pageSize: 50 }, deps()));
    expect(e.type === 'page' && e.rows.map((r) => [r.kind, r.platform])).toEqual([
      ['payment', 'alipay'],
      ['payment', 'alipay'],
    ]);
  });
});

describe('shift summary against the simulator', () => {
  it('sums counts, amounts and refunds per platform like the server; the receipt and chart follow', async () => {
    const truth = await get<Truth[]>('/sandbox/orders');
    const e = await lastValueFrom(loadSummary(window(), { cpay, terminal, nonce }));
    if (e.type !== 'summary') throw new Error(JSON.stringify(e));
    for (const p of ['wechat', 'alipay', 'card'] as const) {
      const paid = truth.filter((o) => o.platform === p && (o.paid || o.refunds.length > 0));
      const line = e.summary.lines.find((l) => l.platform === p);
      expect(line?.amount).toBe(paid.reduce((s, o) => s + o.total_fee, 0));
      expect(line?.refundAmount).toBe(paid.flatMap((o) => o.refunds).reduce((s, r) => s + r.refund_fee, 0));
    }
    expect(e.summary.total).toMatchObject({ count: 5, amount: 557, refundCount: 2, refundAmount: 320, net: 237 });
    const receipt = shiftReceiptOf(e.summary, { shopName: 'shop', deviceName: 'dev' }, 0);
    expect(receipt.refunds).toEqual({ count: 2, amountFen: 320 });
    expect(chartBars(e.summary.lines, 300, 100).find((x) => x.platform === 'alipay')).toMatchObject({ payHeight: 100, refundHeight: 78.95 });
  });
});

describe('mergeHistory', () => {
  const q: HistoryQuery = { fromMs: 0, toMs: 10_000, kind: 'all', platforms: [], page: 1, pageSize: 20 };
  const server: HistoryRow[] = [
    { key: 'A', kind: 'payment', outTradeNo: 'A', amount: 5 as Fen, at: 5_000, status: 'success', source: 'server', platform: 'wechat' },
  ];
  const refund = {
    outRefundNo: 'R',
    outTradeNo: 'A',
    platform: 'wechat',
    totalFee: 5 as Fen,
    amount: 1 as Fen,
    status: 'processing',
    createdAt: 6_000,
    updatedAt: 6_000,
  } as const;

  it('adds unknown payments and unlisted refunds on page 1, newest first, never twice', () => {
    const rows = mergeHistory(
      q,
      server,
      [
        { outTradeNo: 'U', amount: 3 as Fen, status: 'unknown', createdAt: 7_000 },
        { outTradeNo: 'A', amount: 5 as Fen, status: 'pending', createdAt: 5_000 },
      ],
      [refund],
    );
    expect(rows.map((r) => [r.key, r.status, r.source])).toEqual([
      ['U', 'unknown', 'local'],
      ['R', 'processing', 'local'],
      ['A', 'success', 'server'],
    ]);
    expect(mergeHistory({ ...q, page: 2 }, server, [{ outTradeNo: 'U', amount: 3 as Fen, status: 'unknown', createdAt: 7_000 }], [])).toHaveLength(1);
    expect(mergeHistory({ ...q, kind: 'payments' }, server, [], [refund])).toHaveLength(1);
  });

  it('leaves out a sale cancelled before its code (never sent), keeps a failed one', () => {
    const rows = mergeHistory(
      q,
      [],
      [
        { outTradeNo: 'C', amount: 3 as Fen, status: 'cancelled', createdAt: 7_000 },
        { outTradeNo: 'F', amount: 4 as Fen, status: 'failed', createdAt: 6_000 },
      ],
      [],
    );
    expect(rows.map((r) => [r.key, r.status])).toEqual([['F', 'failed']]);
  });
});

describe('history date range (whole days, China Standard Time)', () => {
  const base: Omit<HistoryQuery, 'fromMs' | 'toMs'> = { page: 1, pageSize: 20, kind: 'all', platforms: [] };
  const cst = (iso: string) => Date.parse(`${iso}+08:00`);
  const local = (no: string, at: number) => ({ outTradeNo: no, amount: 1 as Fen, status: 'unknown', createdAt: at });
  const day = [
    local('before', cst('2026-12-04T23:59:59.999')),
    local('first', cst('2026-12-05T00:00:00')),
    local('last', cst('2026-12-06T23:59:59.999')),
    local('after', cst('2026-12-07T00:00:00')),
  ];

  it('takes every order of the days from..to inclusive, nothing outside, in either order', () => {
    for (const q of [dayQuery('2026-12-05', '2026-12-06', 0, base), dayQuery('2026-12-06', '2026-12-05', 0, base)]) {
      expect(mergeHistory(q, [], day, []).map((r) => r.key)).toEqual(['last', 'first']);
    }
  });

  it('an unreadable date means today (CST)', () => {
    const q = dayQuery('', 'not a date', cst('2026-12-07T08:00:00'), base);
    expect([q.fromMs, q.toMs]).toEqual([cst('2026-12-07T00:00:00'), cst('2026-12-07T23:59:59.999')]);
  });
});
