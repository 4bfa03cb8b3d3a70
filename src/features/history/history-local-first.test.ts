/**
 * History paints its local rows before cpay's list answers (issue 21), then merges cpay's page in:
 * against the real simulator over loopback HTTP with the app's cpay client, the list call held back
 * by a gate in front of `fetch`. Plus the merge rules (`sentBesideCpay`) and the 现金 / 银行卡 filter
 * (`bookSalesOf`, `mergeHistory`) as pure functions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncScheduler, lastValueFrom, toArray } from 'rxjs';
import { fen } from '@cpay/protocol';
import { SCENARIOS } from '@cpay/simulator';
import { createSimulatorServer, type SimulatorServer } from '@cpay/simulator/node';
import {
  bookSalesOf,
  bookkeepingHistoryRows,
  cpayPlatformsOf,
  mergeHistory,
  sentBesideCpay,
  wantsCpay,
  type HistoryQuery,
  type HistoryRow,
  type LocalPayment,
} from './history.js';
import { createCpayClient } from '../../platform/net/cpay-client.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { createTracer } from '../../platform/net/trace.js';
import { loadPage, pageEvents, type HistoryDeps, type HistoryEvent } from './history-flow.js';
import { saleEntry } from '../bookkeeping/bookkeeping.js';

let srv: SimulatorServer;
let base: URL;
let b: Record<string, string>;
const nonce = () => 'l'.repeat(32);
/** The list calls wait here until the test opens the gate; every other call goes straight through. */
let gate: Promise<void> = Promise.resolve();
let listCalls = 0;
const client = (fetchImpl: typeof fetch): CpayPort =>
  createCpayClient({
    keys: { key: async () => String(b['payment_key']) },
    fetch: fetchImpl,
    tracer: createTracer(() => undefined),
    baseUrl: base.origin,
    scheduler: asyncScheduler,
  });
const gated: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url.includes('query_order_list')) {
    listCalls += 1;
    await gate;
  }
  return globalThis.fetch(input, init);
};
/** Sent by this terminal (in its journal) / by another device of the shop (cpay's only). */
const mine: string[] = [];
let theirs = '';

beforeAll(async () => {
  srv = createSimulatorServer({ seed: 5 });
  base = await srv.listen(0, '127.0.0.1');
  b = (await (await fetch(new URL('/sandbox/bind/direct', base), { method: 'POST', body: '{}' })).json()) as Record<string, string>;
  const cpay = client(globalThis.fetch.bind(globalThis));
  for (const [i, platform] of (['wechat', 'alipay', 'wechat'] as const).entries()) {
    const otn = `${String(b['cloud_cashier_id'])}77${Date.now()}${i}`;
    await lastValueFrom(
      cpay.call('brief_micro_pay', {
        snCode: String(b['sn']),
        outShopId: String(b['out_shop_id']),
        deviceId: String(b['device_id']),
        nonce: nonce(),
        outTradeNo: otn,
        authCode: SCENARIOS.find((x) => x.name === 'success')?.codes[platform] ?? '',
        totalFee: fen(100 + i),
        body: 'local-first',
        subTerminalType: 2451,
      }),
    );
    if (i < 2) mine.push(otn);
    else theirs = otn;
    await fetch(new URL('/sandbox/time', base), { method: 'POST', body: JSON.stringify({ advance_ms: 1_000 }) });
  }
});
afterAll(() => srv.close());

const terminal = () => ({ outSubMchId: String(b['out_sub_mch_id']), outShopId: String(b['out_shop_id']), deviceId: String(b['device_id']) });

/** This terminal's journal: its two paid orders, an order whose outcome is unknown (never at cpay), and a cash sale. */
function journal(): { sent: LocalPayment[]; open: LocalPayment[]; cash: LocalPayment } {
  const now = srv.sim.now();
  const sent = mine.map((no, i): LocalPayment => ({
    outTradeNo: no,
    amount: fen(100 + i),
    status: 'success',
    platform: i === 0 ? 'wechat' : 'alipay',
    createdAt: now - 3_000 + i * 1_000,
  }));
  const open: LocalPayment[] = [
    { outTradeNo: 'UNKNOWN1', amount: fen(555), status: 'unknown', createdAt: now - 500, kind: 'micropay', history: [{ phase: 'submitting' }] },
  ];
  const cash = saleEntry({ outTradeNo: 'CASH1', method: 'cash', amount: fen(700), at: now - 200 });
  return { sent: [...sent, open[0]!], open, cash };
}

function deps(cpay: CpayPort): HistoryDeps {
  const j = journal();
  return {
    cpay,
    terminal,
    nonce,
    openPayments: async () => j.open,
    openRefunds: async () => [],
    bookkeeping: async (_f, _t, _o, limit) => ({ sales: limit > 0 ? [j.cash] : [], refunds: [], total: 1 }),
    sent: async (from, to, offset, limit, accept) => {
      const rows = j.sent.filter((p) => p.createdAt >= from && p.createdAt < to && accept(p)).sort((a, c) => c.createdAt - a.createdAt);
      return { records: rows.slice(offset, offset + limit), more: rows.length > offset + limit };
    },
  };
}

const q = (over: Partial<HistoryQuery> = {}): HistoryQuery => ({
  fromMs: srv.sim.now() - 3_600_000,
  toMs: srv.sim.now() + 60_000,
  kind: 'all',
  platforms: [],
  page: 1,
  pageSize: 20,
  ...over,
});
const pageOf = (e: HistoryEvent | undefined) => {
  if (e?.type !== 'page') throw new Error(`no page: ${JSON.stringify(e)}`);
  return e;
};
const keys = (rows: readonly HistoryRow[]) => rows.map((r) => r.key);

describe('history: local rows first, then cpay merged in', () => {
  it("paints this terminal's rows while cpay's list is held back, then marks cpay's ones confirmed and adds the other device's sale, one row per order", async () => {
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    listCalls = 0;
    const events: HistoryEvent[] = [];
    const done = new Promise<void>((resolve, reject) =>
      pageEvents(q(), deps(client(gated))).subscribe({ next: (e) => events.push(e), complete: resolve, error: reject }),
    );
    // The list call is on its way and held; the local page is already there.
    await expect.poll(() => listCalls, { timeout: 5_000 }).toBe(1);
    expect(events).toHaveLength(1);
    const first = pageOf(events[0]);
    expect(first.waiting).toBe(true);
    expect(first.serverError).toBeUndefined();
    expect(first.rows.every((r) => r.source === 'local')).toBe(true);
    expect(keys(first.rows)).toEqual(['CASH1', 'UNKNOWN1', mine[1], mine[0]]);
    expect(first.rows.find((r) => r.key === 'UNKNOWN1')?.status).toBe('unknown');
    open();
    await done;
    expect(events).toHaveLength(2);
    const merged = pageOf(events[1]);
    expect(merged.waiting).toBeUndefined();
    expect(merged.serverError).toBeUndefined();
    // cpay's rows replace this terminal's (confirmed), the other device's sale is added, nothing twice.
    expect(new Set(keys(merged.rows)).size).toBe(merged.rows.length);
    expect(merged.rows.map((r) => [r.key, r.source, r.status])).toEqual([
      ['CASH1', 'local', 'success'],
      ['UNKNOWN1', 'local', 'unknown'],
      [theirs, 'server', 'success'],
      [mine[1], 'server', 'success'],
      [mine[0], 'server', 'success'],
    ]);
    expect(merged.totalCount).toBe(3);
  });

  it('loadPage (the export, the tests) gives only the merged page', async () => {
    gate = Promise.resolve();
    const all = await lastValueFrom(loadPage(q(), deps(client(gated))).pipe(toArray()));
    expect(all).toHaveLength(1);
    expect(pageOf(all[0]).rows.filter((r) => r.source === 'server')).toHaveLength(3);
  });

  it('offline, the local rows are what history shows, with the reason cpay could not be reached', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const events = await lastValueFrom(pageEvents(q(), deps(client(offline))).pipe(toArray()));
    const last = pageOf(events.at(-1));
    expect(last.serverError).toBeTruthy();
    expect(last.waiting).toBeUndefined();
    expect(last.rows.map((r) => [r.key, r.source, r.status])).toEqual([
      ['CASH1', 'local', 'success'],
      ['UNKNOWN1', 'local', 'unknown'],
      [mine[1], 'local', 'success'],
      [mine[0], 'local', 'success'],
    ]);
  });

  it('现金 only: asks cpay nothing and lists only the cash sale', async () => {
    listCalls = 0;
    gate = Promise.resolve();
    const events = await lastValueFrom(pageEvents(q({ platforms: ['cash'] }), deps(client(gated))).pipe(toArray()));
    expect(listCalls).toBe(0);
    expect(events).toHaveLength(1);
    expect(keys(pageOf(events[0]).rows)).toEqual(['CASH1']);
  });
});

describe('merge rules', () => {
  const Q: HistoryQuery = { fromMs: 0, toMs: 100_000, kind: 'all', platforms: [], page: 1, pageSize: 2 };
  const row = (key: string, at: number): HistoryRow => ({
    key,
    kind: 'payment',
    outTradeNo: key,
    amount: fen(1),
    at,
    status: 'success',
    source: 'server',
    platform: 'wechat',
  });
  const local = (no: string, at: number): LocalPayment => ({ outTradeNo: no, amount: fen(1), status: 'success', platform: 'wechat', createdAt: at });

  it("keeps a sent order cpay did not list only inside the span cpay's page covers, and never one cpay listed", () => {
    const listed = [row('A', 50_000), row('B', 40_000)]; // a full page 1 ending at 40 s
    // OLD and EDGE (in the oldest listed second: maybe on cpay's page 2) go.
    const sent = [local('A', 50_000), local('X', 45_000), local('EDGE', 40_500), local('OLD', 10_000)];
    expect(sentBesideCpay(Q, listed, sent).map((p) => p.outTradeNo)).toEqual(['X']);
    // Not full: cpay's page 1 is the whole window, so an older local order stays too.
    expect(sentBesideCpay(Q, [row('A', 50_000)], sent).map((p) => p.outTradeNo)).toEqual(['X', 'EDGE', 'OLD']);
    // Page 2: only between its newest and oldest rows.
    expect(sentBesideCpay({ ...Q, page: 2 }, listed, [local('N', 60_000), local('TOP', 50_200), local('M', 45_000)]).map((p) => p.outTradeNo)).toEqual(['M']);
    // Unanswered: all of them.
    expect(sentBesideCpay(Q, undefined, sent)).toHaveLength(4);
    const merged = mergeHistory(Q, listed, [], [], [], sentBesideCpay(Q, listed, sent));
    expect(merged.map((r) => [r.key, r.source])).toEqual([
      ['A', 'server'],
      ['X', 'local'],
      ['B', 'server'],
    ]);
  });

  it('现金 / 银行卡 in the method filter: the books by their method, cpay only for its platforms', () => {
    const at = 5_000;
    const cash = saleEntry({ outTradeNo: 'C1', method: 'cash', amount: fen(300), at });
    const card = saleEntry({ outTradeNo: 'K1', method: 'card', amount: fen(400), at: at + 1 });
    const Qm = (platforms: HistoryQuery['platforms']): HistoryQuery => ({ ...Q, pageSize: 20, platforms });
    expect(bookSalesOf(Qm([]))).toBe('all');
    expect(bookSalesOf(Qm(['cash']))).toEqual([402]);
    expect(bookSalesOf(Qm(['bank_card']))).toEqual([401]);
    expect(bookSalesOf(Qm(['cash', 'bank_card']))).toBe('all');
    expect(bookSalesOf(Qm(['wechat']))).toEqual([]);
    expect(bookSalesOf({ ...Qm([]), kind: 'refunds' })).toEqual([]);
    expect(wantsCpay(Qm(['cash']))).toBe(false);
    expect(wantsCpay(Qm(['cash', 'alipay']))).toBe(true);
    expect(cpayPlatformsOf(Qm(['cash', 'alipay', 'bank_card']))).toEqual(['alipay']);
    expect(bookkeepingHistoryRows(Qm(['cash']), [cash, card]).map((r) => [r.key, r.method])).toEqual([['C1', 'cash']]);
    expect(bookkeepingHistoryRows(Qm(['bank_card']), [cash, card]).map((r) => [r.key, r.method])).toEqual([['K1', 'card']]);
    expect(bookkeepingHistoryRows(Qm(['wechat']), [cash, card])).toEqual([]);
    // A local refund of a card sale is listed under 银行卡 only.
    const refund = {
      outRefundNo: 'KR1',
      outTradeNo: 'K1',
      platform: 'bookkeeping',
      subPayPlatform: 401,
      amount: fen(100),
      status: 'success',
      createdAt: at + 2,
      updatedAt: at + 2,
    } as const;
    expect(mergeHistory(Qm(['bank_card']), [], [], [refund as never]).map((r) => r.key)).toEqual(['KR1']);
    expect(mergeHistory(Qm(['cash']), [], [], [refund as never])).toEqual([]);
  });
});
