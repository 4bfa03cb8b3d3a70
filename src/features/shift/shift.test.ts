/**
 * Shift handover arithmetic (issue 20): the count by denomination, the expected cash (float +
 * cash sales − cash refunds), the difference, per-method lines from cpay's summary and the local
 * bookkeeping rows (PayPlatform 4 / SubPayPlatform 401 card, 402 cash, RecordOrderState), each
 * counted once, and the rows that are not bookkeeping sales left out.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { OverviewRow } from '@cpay/protocol';
import { summarise } from '../history/summary.js';
import {
  DENOMINATIONS,
  bookkeepingLines,
  bookkeepingRefundOf,
  bookkeepingSaleOf,
  cashDifferenceFen,
  closeWith,
  countedFen,
  differenceKind,
  expectedCashFen,
  isShiftRecord,
  parsePieces,
  shiftFigures,
  withCashier,
} from './shift.js';

/** A bookkeeping sale as the sales feature journals it (entry inside a journal row). */
const sale = (no: string, sub: 401 | 402, amount: number, at: number, extra: Record<string, unknown> = {}) => ({
  outTradeNo: no,
  open: 0,
  entry: {
    outTradeNo: no,
    kind: 'bookkeeping',
    payPlatform: 4,
    subPayPlatform: sub,
    amount,
    status: 'success',
    recordState: 2,
    createdAt: at,
    updatedAt: at,
    history: [],
    ...extra,
  },
});
/** A local refund of one. */
const refund = (no: string, of: string, amount: number, at: number, extra: Record<string, unknown> = {}) => ({
  outRefundNo: no,
  outTradeNo: of,
  payPlatform: 4,
  subPayPlatform: 402,
  amount,
  status: 'success',
  recordState: 2,
  createdAt: at,
  updatedAt: at,
  ...extra,
});

const row = (sub: number, count: number, amount: number, refundCount = 0, refundAmount = 0): OverviewRow => ({
  subPayPlatform: sub,
  tradeType: 1,
  successCount: count,
  successAmount: amount,
  settlementAmount: amount,
  discountAmount: 0,
  paySettleAmount: amount,
  refundSettleAmount: refundAmount,
  refundCreateCount: refundCount,
  refundCreateAmount: refundAmount,
  poundage: 3,
  incomeAmount: amount - refundAmount - 3,
  orderRefundedAmount: refundAmount,
});

describe('the cash count', () => {
  it('adds up pieces per denomination in fen (¥100 … ¥0.1)', () => {
    expect(DENOMINATIONS).toEqual([10000, 5000, 2000, 1000, 500, 100, 50, 10]);
    expect(countedFen({})).toBe(0);
    expect(countedFen({ 10000: 2, 5000: 1, 100: 3, 50: 1, 10: 4 })).toBe(25_390);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 99_999 }), { minLength: 8, maxLength: 8 }), (pieces) => {
        const count = Object.fromEntries(DENOMINATIONS.map((d, i) => [d, pieces[i]]));
        expect(countedFen(count)).toBe(pieces.reduce((s, p, i) => s + p * (DENOMINATIONS[i] ?? 0), 0));
      }),
    );
  });

  it('reads typed piece counts: empty is 0; decimals, signs, letters and huge numbers are refused', () => {
    expect(parsePieces('')).toEqual({ ok: true, pieces: 0 });
    expect(parsePieces(' 12 ')).toEqual({ ok: true, pieces: 12 });
    expect(parsePieces('99999')).toEqual({ ok: true, pieces: 99_999 });
    expect(parsePieces('100000')).toEqual({ ok: false, error: 'too_many' });
    for (const bad of ['1.5', '-1', '+2', 'a', '1e3', '１']) expect(parsePieces(bad)).toEqual({ ok: false, error: 'malformed' });
  });

  it('expected cash = float + cash sales − cash refunds; difference = counted − expected (over / short / even)', () => {
    expect(expectedCashFen(20_000, { amount: 5_600, refundAmount: 1_200 })).toBe(24_400);
    expect(cashDifferenceFen(24_500, 24_400)).toBe(100);
    expect(cashDifferenceFen(24_350, 24_400)).toBe(-50);
    expect([differenceKind(100), differenceKind(-50), differenceKind(0)]).toEqual(['over', 'short', 'even']);
  });
});

describe('bookkeeping rows read by their shape', () => {
  it('a cash or card sale (PayPlatform 4, 402 / 401) that succeeded or was later refunded is a sale', () => {
    expect(bookkeepingSaleOf(sale('A', 402, 500, 10))).toEqual({ outTradeNo: 'A', method: 'cash', amount: 500, at: 10 });
    expect(bookkeepingSaleOf(sale('B', 401, 800, 11).entry)).toEqual({ outTradeNo: 'B', method: 'card', amount: 800, at: 11 });
    // RecordOrderState 3 (退款): it was paid; its refund is counted on its own
    expect(bookkeepingSaleOf(sale('C', 402, 300, 12, { status: 'refunded', recordState: 3 }))?.amount).toBe(300);
    // state alone (no journal status) is enough, and so is status alone
    expect(bookkeepingSaleOf(sale('D', 402, 1, 13, { status: undefined, recordState: 2 }))?.method).toBe('cash');
    expect(bookkeepingSaleOf(sale('E', 402, 1, 13, { recordState: undefined }))?.method).toBe('cash');
  });

  it('not a sale: initial state, a cpay order, a row without amount/time, another pay platform, a refund row', () => {
    expect(bookkeepingSaleOf(sale('A', 402, 500, 10, { status: 'pending', recordState: 1 }))).toBeUndefined();
    expect(bookkeepingSaleOf({ outTradeNo: 'W', kind: 'micropay', amount: 500, status: 'success', platform: 'wechat', createdAt: 1 })).toBeUndefined();
    expect(bookkeepingSaleOf(sale('A', 402, 0, 10))).toBeUndefined();
    expect(bookkeepingSaleOf(sale('A', 402, 500, 10, { createdAt: undefined }))).toBeUndefined();
    expect(bookkeepingSaleOf(sale('A', 402, 500, 10, { payPlatform: 1 }))).toBeUndefined();
    expect(bookkeepingSaleOf(sale('A', 100 as 402, 500, 10))).toBeUndefined();
    expect(bookkeepingSaleOf(refund('R', 'A', 100, 10))).toBeUndefined();
    expect(bookkeepingSaleOf(null)).toBeUndefined();
    expect(bookkeepingSaleOf('x')).toBeUndefined();
  });

  it('a refund counts once it succeeded (RecordRefundOrderState 2 or status success); its method is its own or its sale’s', () => {
    expect(bookkeepingRefundOf(refund('R1', 'A', 200, 20))).toEqual({ outRefundNo: 'R1', outTradeNo: 'A', method: 'cash', amount: 200, at: 20 });
    expect(bookkeepingRefundOf(refund('R2', 'A', 200, 20, { status: 'created', recordState: 1 }))).toBeUndefined();
    const bare = { outRefundNo: 'R3', outTradeNo: 'B', amount: 150, status: 'success', createdAt: 21, platform: 'wechat' };
    expect(bookkeepingRefundOf(bare)).toBeUndefined(); // a cpay refund (its sale is not bookkeeping)
    expect(bookkeepingRefundOf(bare, (no) => (no === 'B' ? 'card' : undefined))?.method).toBe('card');
    // a refund naming a cpay sub platform is never a bookkeeping one, whatever the sale lookup says
    expect(bookkeepingRefundOf({ ...bare, subPayPlatform: 100 }, () => 'cash')).toBeUndefined();
  });

  it('lines per method; a sale or refund seen twice (journal and ledger) counts once', () => {
    const sales = [bookkeepingSaleOf(sale('A', 402, 500, 1)), bookkeepingSaleOf(sale('A', 402, 500, 1)), bookkeepingSaleOf(sale('B', 401, 800, 2))].flatMap(
      (x) => (x ? [x] : []),
    );
    const refunds = [bookkeepingRefundOf(refund('R', 'A', 200, 3)), bookkeepingRefundOf(refund('R', 'A', 200, 3))].flatMap((x) => (x ? [x] : []));
    const l = bookkeepingLines(sales, refunds);
    expect(l.cash).toEqual({ method: 'cash', count: 1, amount: 500, refundCount: 1, refundAmount: 200 });
    expect(l.card).toEqual({ method: 'card', count: 1, amount: 800, refundCount: 0, refundAmount: 0 });
  });
});

describe('the handover figures', () => {
  const summary = summarise([row(100, 2, 1_600, 1, 300), row(200, 1, 700), row(300, 1, 50)], 1_000, 9_000);
  const sales = [sale('C1', 402, 1_000, 2_000), sale('C2', 402, 550, 3_000), sale('K1', 401, 4_200, 4_000), sale('OLD', 402, 9_999, 500)].flatMap((r) => {
    const s = bookkeepingSaleOf(r);
    return s ? [s] : [];
  });
  const refunds = [refund('R1', 'C1', 250, 5_000), refund('R0', 'OLD', 7, 800)].flatMap((r) => {
    const s = bookkeepingRefundOf(r);
    return s ? [s] : [];
  });

  it('cpay lines (WeChat, Alipay, member card) + bookkeeping lines (cash, card) and the total; rows outside the window left out', () => {
    const f = shiftFigures({ fromMs: 1_000, toMs: 9_000, floatFen: 20_000, summary, sales, refunds });
    expect(f.lines.map((l) => [l.method, l.count, l.amount, l.refundCount, l.refundAmount])).toEqual([
      ['wechat', 2, 1_600, 1, 300],
      ['alipay', 1, 700, 0, 0],
      ['member', 1, 50, 0, 0],
      ['cash', 2, 1_550, 1, 250],
      ['card', 1, 4_200, 0, 0],
    ]);
    expect(f.total).toEqual({ method: 'total', count: 7, amount: 8_100, refundCount: 2, refundAmount: 550 });
    expect(f.expectedCashFen).toBe(20_000 + 1_550 - 250);
    expect([f.feesFen, f.creditedFen]).toEqual([9, 1_600 + 700 + 50 - 300 - 9]);
    expect(f.cpayError).toBeUndefined();
  });

  it('without cpay the cash check still stands; WeChat and Alipay show zero lines and the reason is kept', () => {
    const f = shiftFigures({ fromMs: 1_000, toMs: 9_000, floatFen: 5_000, cpayError: 'network down', sales, refunds });
    expect(f.lines.map((l) => l.method)).toEqual(['wechat', 'alipay', 'cash', 'card']);
    expect(f.lines[0]).toMatchObject({ count: 0, amount: 0 });
    expect(f.expectedCashFen).toBe(5_000 + 1_550 - 250);
    expect(f.cpayError).toBe('network down');
    expect(f.feesFen).toBeUndefined();
  });

  it('closing with a count one yuan over: difference +100 fen; only counted denominations kept', () => {
    const f = shiftFigures({ fromMs: 1_000, toMs: 9_000, floatFen: 20_000, summary, sales, refunds });
    // expected 213.00: 2 × ¥100 + 1 × ¥10 + 4 × ¥1 = 214.00
    const c = closeWith(f, { 10000: 2, 5000: 0, 1000: 1, 100: 4 });
    expect(c).toMatchObject({ countedFen: 21_400, expectedCashFen: 21_300, differenceFen: 100 });
    expect(c.counts).toEqual({ 10000: 2, 1000: 1, 100: 4 });
    expect(closeWith(f, { 10000: 2, 1000: 1, 100: 2 }).differenceFen).toBe(-100);
  });

  it('a new shift starts from zero: nothing before its start is counted', () => {
    const f = shiftFigures({ fromMs: 9_000, toMs: 10_000, floatFen: 10_000, sales, refunds });
    expect(f.total).toMatchObject({ count: 0, amount: 0, refundAmount: 0 });
    expect(f.expectedCashFen).toBe(10_000);
  });

  it('cashiers join the shift once each (by staff id, else by name); records are recognised', () => {
    const a = withCashier([], { staffId: 's1', staffName: '张三' });
    expect(withCashier(a, { staffId: 's1', staffName: '张三（改名）' })).toBe(a);
    expect(withCashier(a, { staffId: 's2', staffName: '李四' })).toHaveLength(2);
    expect(withCashier(a, undefined)).toBe(a);
    expect(withCashier([{ staffName: '王五' }], { staffName: '王五' })).toHaveLength(1);
    expect(isShiftRecord({ startedAt: 1, floatFen: 0, cashiers: [] })).toBe(true);
    expect(isShiftRecord({ startedAt: 1 })).toBe(false);
    expect(isShiftRecord({ startedAt: 1, endedAt: 'x', floatFen: 0, cashiers: [] })).toBe(false);
  });
});
