/**
 * The handover's figures and the history export against the simulator (real HTTP on loopback,
 * the app's cpay client): cpay's part equals `/sandbox/orders`; the bookkeeping part comes from
 * local rows shaped as the bookkeeping sales feature journals them (PayPlatform 4, 401/402); a
 * refund made in this shift of a cash sale from an earlier one is still a cash refund; the export
 * reads every page and adds the bookkeeping rows once; an unreachable cpay leaves the cash check
 * standing and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncScheduler, firstValueFrom, lastValueFrom, of } from 'rxjs';
import Papa from 'papaparse';
import { fen } from '@cpay/protocol';
import { SCENARIOS } from '@cpay/simulator';
import { createSimulatorServer, type SimulatorServer } from '@cpay/simulator/node';
import { createCpayClient } from '../../platform/net/cpay-client.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { createTracer } from '../../platform/net/trace.js';
import { loadShiftFigures } from './shift-flow.js';
import type { LocalBooks } from './shift-deps.js';
import { exportHistory } from '../history/history-export.js';
import { historyCsv, signedFen, type HistoryCsvLabels } from '../history/history-csv.js';
import { closeWith } from './shift.js';

let srv: SimulatorServer;
let base: URL;
let cpay: CpayPort;
let b: Record<string, string>;
const nonce = () => 'h'.repeat(32);
type Truth = { out_trade_no: string; platform: string; total_fee: number; paid: boolean; refunds: { refund_fee: number; out_refund_no: string }[] };
const truth = async () => (await (await fetch(new URL('/sandbox/orders', base))).json()) as Truth[];

beforeAll(async () => {
  srv = createSimulatorServer({ seed: 5, options: { refundSettleMs: 0 } });
  base = await srv.listen(0, '127.0.0.1');
  b = (await (await fetch(new URL('/sandbox/bind/direct', base), { method: 'POST', body: '{}' })).json()) as Record<string, string>;
  cpay = createCpayClient({
    keys: { key: async () => String(b['payment_key']) },
    fetch: globalThis.fetch.bind(globalThis),
    tracer: createTracer(() => undefined),
    baseUrl: base.origin,
    scheduler: asyncScheduler,
  });
  const day = [
    ['wechat', 'success', 120],
    ['alipay', 'success', 300],
    ['wechat', 'declined', 999],
    ['wechat', 'success', 7],
    ['alipay', 'success', 55],
  ] as const;
  for (const [i, [platform, scenario, amount]] of day.entries()) {
    await lastValueFrom(
      cpay.call('brief_micro_pay', {
        snCode: String(b['sn']),
        outShopId: String(b['out_shop_id']),
        deviceId: String(b['device_id']),
        nonce: nonce(),
        outTradeNo: `${String(b['cloud_cashier_id'])}66${Date.now()}${i}`,
        authCode: SCENARIOS.find((x) => x.name === scenario)?.codes[platform] ?? '',
        totalFee: fen(amount),
        body: 'shift',
        subTerminalType: 2451,
      }),
    );
  }
  await fetch(new URL('/sandbox/time', base), { method: 'POST', body: JSON.stringify({ advance_ms: 1_000 }) });
});
afterAll(() => srv.close());

const terminal = () => ({ outSubMchId: String(b['out_sub_mch_id']), outShopId: String(b['out_shop_id']), deviceId: String(b['device_id']) });
const win = () => ({ fromMs: srv.sim.now() - 3_600_000, toMs: srv.sim.now() + 60_000 });

/** Local books with bookkeeping rows as the sales feature writes them (fixtures of that shape). */
function books(fromMs: number): LocalBooks & { readonly rows: unknown[] } {
  const entry = (no: string, sub: 401 | 402, amount: number, at: number, state = 2) => ({
    outTradeNo: no,
    kind: 'bookkeeping',
    payPlatform: 4,
    subPayPlatform: sub,
    amount,
    status: state === 1 ? 'pending' : 'success',
    recordState: state,
    body: '',
    createdAt: at,
    updatedAt: at,
    history: [],
  });
  const earlier = entry('CASH-EARLIER', 402, 2_000, fromMs - 86_400_000);
  const rows = [
    entry('CASH-1', 402, 1_000, fromMs + 10),
    entry('CASH-2', 402, 550, fromMs + 20),
    entry('CARD-1', 401, 4_200, fromMs + 30),
    entry('CASH-OPEN', 402, 70, fromMs + 40, 1),
  ];
  // refunds in the ledger: one of this shift's cash sale, one of a sale from yesterday (no sub platform on the row)
  const refunds = [
    {
      outRefundNo: 'CASH-1-R',
      outTradeNo: 'CASH-1',
      payPlatform: 4,
      subPayPlatform: 402,
      amount: 250,
      status: 'success',
      recordState: 2,
      createdAt: fromMs + 50,
      updatedAt: fromMs + 50,
    },
    { outRefundNo: 'EARLIER-R', outTradeNo: 'CASH-EARLIER', amount: 500, status: 'success', createdAt: fromMs + 60, updatedAt: fromMs + 60 },
  ];
  return {
    rows,
    journal: async (f, t) => rows.filter((r) => r.createdAt >= f && r.createdAt < t),
    refunds: async (f, t) => refunds.filter((r) => r.createdAt >= f && r.createdAt < t),
    entry: async (no) => [...rows, earlier].find((r) => r.outTradeNo === no),
    drawerOpens: async () => 4,
  };
}

describe('handover figures against the simulator', () => {
  it('cpay lines = server truth; cash and card from the local books; expected cash and the ¥1 difference', async () => {
    const w = win();
    const f = await firstValueFrom(loadShiftFigures({ ...w, floatFen: 20_000 }, { cpay, terminal, nonce, books: books(w.fromMs) }));
    const t = await truth();
    const paid = (p: string) => t.filter((o) => o.platform === p && o.paid);
    for (const [m, p] of [
      ['wechat', 'wechat'],
      ['alipay', 'alipay'],
    ] as const) {
      const l = f.lines.find((x) => x.method === m);
      expect([l?.count, l?.amount]).toEqual([paid(p).length, paid(p).reduce((s, o) => s + o.total_fee, 0)]);
    }
    expect(f.lines.find((x) => x.method === 'cash')).toEqual({ method: 'cash', count: 2, amount: 1_550, refundCount: 2, refundAmount: 750 });
    expect(f.lines.find((x) => x.method === 'card')).toEqual({ method: 'card', count: 1, amount: 4_200, refundCount: 0, refundAmount: 0 });
    expect(f.expectedCashFen).toBe(20_000 + 1_550 - 750);
    expect(f.cpayError).toBeUndefined();
    expect(f.feesFen).toBeTypeOf('number');
    expect(f.drawerOpens).toBe(4);
    const c = closeWith(f, { 10000: 2, 500: 1, 100: 4 }); // 208.00 + 1.00
    expect([c.countedFen, c.differenceFen]).toEqual([20_900, 100]);
  });

  it('cpay unreachable: the cash check stands, cpay lines are zero and the reason is given', async () => {
    const w = win();
    const down: CpayPort = { call: () => of({ kind: 'not_sent', reason: 'offline', detail: 'network down', durationMs: 0 }) } as unknown as CpayPort;
    const f = await firstValueFrom(loadShiftFigures({ ...w, floatFen: 10_000 }, { cpay: down, terminal, nonce, books: books(w.fromMs) }));
    expect(f.cpayError).toBeTruthy();
    expect(f.lines.find((x) => x.method === 'wechat')?.amount).toBe(0);
    expect(f.expectedCashFen).toBe(10_000 + 1_550 - 750);
  });
});

const LABELS: HistoryCsvLabels = {
  columns: ['时间', '类型', '订单号', '退款单号', '支付方式', '状态', '金额（元）', '金额（分）', '来源'],
  kind: (r) => (r.kind === 'refund' ? '退款' : '收款'),
  method: (m) => m ?? '未知',
  status: (s) => s,
  source: (s) => s,
};

describe('history export against the simulator', () => {
  it('reads every page (page size 2), adds the bookkeeping sales and refunds once; the CSV parses back to the same totals', async () => {
    const w = win();
    const q = { fromMs: w.fromMs, toMs: w.toMs, kind: 'all' as const, platforms: [], page: 3, pageSize: 20 };
    const r = await firstValueFrom(
      exportHistory(q, { cpay, terminal, nonce, openPayments: async () => [], openRefunds: async () => [], books: books(w.fromMs) }, 2),
    );
    expect(r.serverError).toBeUndefined();
    expect(r.truncated).toBe(false);
    const t = await truth();
    const server = r.rows.filter((x) => x.source === 'server');
    expect(server.map((x) => x.outTradeNo).sort()).toEqual(t.map((o) => o.out_trade_no).sort());
    const local = r.rows.filter((x) => x.source === 'local');
    expect(local.map((x) => [x.kind, x.method, x.outRefundNo ?? x.outTradeNo, signedFen(x)]).sort()).toEqual(
      [
        ['payment', 'cash', 'CASH-1', 1_000],
        ['payment', 'cash', 'CASH-2', 550],
        ['payment', 'bankcard', 'CARD-1', 4_200],
        ['refund', 'cash', 'CASH-1-R', -250],
        ['refund', 'cash', 'EARLIER-R', -500],
      ].sort(),
    );
    const csv = historyCsv(r.rows, LABELS);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true, delimiter: ',' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(r.rows.length);
    const paidCpay = parsed.data
      .filter((d) => d['来源'] === 'server' && d['类型'] === '收款' && d['状态'] === 'success')
      .reduce((s, d) => s + Number(d['金额（分）']), 0);
    expect(paidCpay).toBe(t.filter((o) => o.paid).reduce((s, o) => s + o.total_fee, 0));
    for (const d of parsed.data) expect(Math.round(Number(d['金额（元）']) * 100)).toBe(Number(d['金额（分）']));
  });

  it('bookkeeping rows the screen already lists (its bookkeeping port) keep their method in the file, once each (stall-day e2e found 未知)', async () => {
    const w = win();
    const bk = books(w.fromMs);
    const q = { fromMs: w.fromMs, toMs: w.toMs, kind: 'all' as const, platforms: [], page: 1, pageSize: 20 };
    // The screen's port: one page of the sales (and how many), the refunds with the first page.
    const bookkeeping = async (f: number, t: number, offset: number, limit: number) => {
      const sales = await bk.journal(f, t);
      return {
        sales: sales.slice(offset, offset + limit) as never[],
        total: sales.length,
        refunds: (offset > 0 ? [] : ((await bk.refunds(f, t)) as { subPayPlatform?: number }[])).map((r) => ({
          ...r,
          platform: undefined,
          subPayPlatform: r.subPayPlatform ?? 402,
        })) as never[],
      };
    };
    const r = await firstValueFrom(
      exportHistory(q, { cpay, terminal, nonce, openPayments: async () => [], openRefunds: async () => [], bookkeeping, books: bk }, 2),
    );
    const local = r.rows.filter((x) => x.source === 'local' && x.outTradeNo !== 'CASH-OPEN');
    expect(local.map((x) => [x.kind, x.method, x.outRefundNo ?? x.outTradeNo]).sort()).toEqual(
      [
        ['payment', 'cash', 'CASH-1'],
        ['payment', 'cash', 'CASH-2'],
        ['payment', 'bankcard', 'CARD-1'],
        ['refund', 'cash', 'CASH-1-R'],
        ['refund', 'cash', 'EARLIER-R'],
      ].sort(),
    );
  });

  it('a page cpay does not answer: the rows so far are kept and the reason is returned', async () => {
    let calls = 0;
    const flaky: CpayPort = {
      call: (name: string, req: never) => {
        calls += 1;
        return calls === 1 ? cpay.call(name as 'brief_query_order_list', req) : of({ kind: 'not_sent', reason: 'offline', detail: 'cut', durationMs: 0 });
      },
    } as unknown as CpayPort;
    const w = win();
    const r = await firstValueFrom(
      exportHistory(
        { ...w, kind: 'all', platforms: [], page: 1, pageSize: 20 },
        { cpay: flaky, terminal, nonce, openPayments: async () => [], openRefunds: async () => [] },
        2,
      ),
    );
    expect(r.serverError).toBeTruthy();
    expect(r.rows.length).toBe(2);
  });
});
