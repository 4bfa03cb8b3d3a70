import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import { classifyOrderState, classifyRefundState } from '@cpay/protocol';
import {
  afterRefund,
  checkLocalRefund,
  checkTendered,
  localRefundRecord,
  methodOf,
  methodTotals,
  refundedOf,
  saleEntry,
  SUB_PAY_PLATFORM,
  RECORD_ORDER_STATE,
  RECORD_REFUND_STATE,
} from './bookkeeping.js';
import { appendDrawerEvent, asDrawerLog, drawerEventsBetween, type DrawerEvent } from './drawer.js';
import { changePreview, quickTenders } from './tender-controller.js';
import { tenderErrorText } from './tender-record.js';

const fen = (n: number) => n as Fen;
const AT = 1_765_000_000_000;

describe('checkTendered (cash handed over → change)', () => {
  it.each([
    ['20', 1234, 2000, 766],
    ['12.34', 1234, 1234, 0],
    ['', 1234, 1234, 0], // Enter alone: the exact amount
    ['100.5', 1, 10050, 10049],
  ])('%s yuan for ¥%i fen: tendered %i, change %i', (text, amount, tendered, change) => {
    expect(checkTendered(fen(amount), text)).toEqual({ ok: true, tendered, change });
  });

  it('refuses less than the amount, naming both, and keeps nothing', () => {
    const r = checkTendered(fen(1234), '12.33');
    expect(r).toEqual({ ok: false, error: { kind: 'short', amount: 1234, tendered: 1233 } });
    if (!r.ok) expect(tenderErrorText(r.error)).toBe('实收金额不足：应收 ¥12.34，实收 ¥12.33。请重新输入实收金额。');
  });

  it('refuses malformed text and too many decimals with the amount rules', () => {
    expect(checkTendered(fen(100), '1.234')).toMatchObject({ ok: false, error: { kind: 'amount', error: { kind: 'too_many_decimals' } } });
    expect(checkTendered(fen(100), '1..2')).toMatchObject({ ok: false, error: { kind: 'amount' } });
    expect(checkTendered(fen(100), '0')).toMatchObject({ ok: false, error: { kind: 'amount', error: { kind: 'zero' } } });
    expect(checkTendered(fen(100), '100001')).toMatchObject({ ok: false, error: { kind: 'amount', error: { kind: 'over_max' } } });
  });

  it('previews the change only when it can be told', () => {
    const t = { method: 'cash' as const, amount: fen(1234), error: '', saving: false };
    expect(changePreview({ ...t, text: '50' })).toBe('37.66');
    expect(changePreview({ ...t, text: '5' })).toBe('');
    expect(changePreview({ ...t, method: 'card', text: '' })).toBe('');
  });

  it('offers the exact amount and the next round notes', () => {
    expect(quickTenders(fen(1234))).toEqual([1234, 2000, 5000, 10000]);
    expect(quickTenders(fen(5000))).toEqual([5000, 10000]);
  });
});

describe('a recorded sale (journal row)', () => {
  it('cash: PayPlatform 4, SubPayPlatform 402, RecordOrderState 2, final at once, with tendered and change', () => {
    const e = saleEntry({ outTradeNo: 'N1', method: 'cash', amount: fen(1234), tendered: fen(2000), change: fen(766), at: AT, staffName: '小王' });
    expect(e).toMatchObject({
      outTradeNo: 'N1',
      kind: 'bookkeeping',
      status: 'success',
      platform: 'bookkeeping',
      payPlatform: 4,
      subPayPlatform: 402,
      recordState: 2,
      tenderedFen: 2000,
      changeFen: 766,
      staffName: '小王',
      createdAt: AT,
    });
    expect(classifyOrderState(e.lastState)).toBe('success');
  });

  it('card: SubPayPlatform 401, no tendered or change', () => {
    const e = saleEntry({ outTradeNo: 'N2', method: 'card', amount: fen(500), at: AT });
    expect(e.subPayPlatform).toBe(401);
    expect(e.tenderedFen).toBeUndefined();
    expect(e.changeFen).toBeUndefined();
    expect(methodOf(e.subPayPlatform)).toBe('card');
    expect(methodOf(402)).toBe('cash');
    expect(methodOf(100)).toBeUndefined();
    expect(SUB_PAY_PLATFORM).toEqual({ card: 401, cash: 402 });
  });
});

describe('local refunds', () => {
  const sale = saleEntry({ outTradeNo: 'S', method: 'cash', amount: fen(1000), tendered: fen(1000), change: fen(0), at: AT });

  it('a refund record is settled at once (RecordRefundOrderState 2), platform bookkeeping, never open', () => {
    const r = localRefundRecord(sale, 'R1', fen(300), AT + 1);
    expect(r).toMatchObject({
      outRefundNo: 'R1',
      outTradeNo: 'S',
      platform: 'bookkeeping',
      status: 'success',
      amount: 300,
      subPayPlatform: 402,
      recordRefundState: 2,
    });
    expect(classifyRefundState({ platform: 'bookkeeping', state: r.recordRefundState! })).toBe('success');
    expect(RECORD_REFUND_STATE.success).toBe(2);
  });

  it('refuses more than what remains, zero, and orders that are not bookkeeping sales', () => {
    const r1 = localRefundRecord(sale, 'R1', fen(600), AT);
    expect(checkLocalRefund(sale, [r1], fen(401))).toEqual({ ok: false, error: { kind: 'too_much', refundable: 400 } });
    expect(checkLocalRefund(sale, [r1], fen(400))).toEqual({ ok: true });
    expect(checkLocalRefund(sale, [], fen(0))).toEqual({ ok: false, error: { kind: 'zero' } });
    expect(checkLocalRefund({ ...sale, kind: 'micropay' }, [], fen(1))).toEqual({ ok: false, error: { kind: 'not_bookkeeping' } });
    // a failed refund of another order does not count
    expect(refundedOf('S', [r1, { ...r1, outRefundNo: 'R2', outTradeNo: 'T' }, { ...r1, outRefundNo: 'R3', status: 'failed' }])).toBe(600);
  });

  it('the sale becomes RecordOrderState 3 only when refunds cover all of it', () => {
    expect(afterRefund(sale, fen(999), AT)).toBe(sale);
    const full = afterRefund(sale, fen(1000), AT + 5);
    expect(full).toMatchObject({ recordState: RECORD_ORDER_STATE.refunded, status: 'success', lastState: { platform: 'bookkeeping', cts: 3 } });
    expect(classifyOrderState(full.lastState)).toBe('refunded');
  });

  it('totals per method count sales and their refunds', () => {
    const card = saleEntry({ outTradeNo: 'C', method: 'card', amount: fen(700), at: AT });
    const cash2 = saleEntry({ outTradeNo: 'S2', method: 'cash', amount: fen(250), at: AT });
    const micropay = { ...card, outTradeNo: 'W', kind: 'micropay' as const, subPayPlatform: undefined };
    const refunds = [localRefundRecord(sale, 'R1', fen(100), AT)];
    expect(methodTotals([sale, card, cash2, micropay], refunds)).toEqual([
      { method: 'cash', count: 2, amount: 1250, refundCount: 1, refundAmount: 100 },
      { method: 'card', count: 1, amount: 700, refundCount: 0, refundAmount: 0 },
    ]);
  });
});

describe('drawer log', () => {
  const ev = (at: number): DrawerEvent => ({ at, reason: 'manual', sent: 'printer' });
  it('appends, caps the oldest away and reads a window', () => {
    let log: DrawerEvent[] = [];
    for (let i = 0; i < 5; i += 1) log = appendDrawerEvent(log, ev(i), 3);
    expect(log.map((e) => e.at)).toEqual([2, 3, 4]);
    expect(drawerEventsBetween(log, 3, 4).map((e) => e.at)).toEqual([3]);
  });
  it('reads anything that is not a log as empty', () => {
    expect(asDrawerLog(undefined)).toEqual([]);
    expect(asDrawerLog([{ at: 1, reason: 'cash_sale', sent: 'printer' }, { at: 'x' }, null])).toHaveLength(1);
  });
});
