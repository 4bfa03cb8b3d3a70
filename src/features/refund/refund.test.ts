import { describe, expect, it } from 'vitest';
import type { Fen, ListedRefund } from '@cpay/protocol';
import { checkRefundAmount, defaultRefundText } from './refund-amount.js';
import { hashPin, isPinRecord, verifyPin } from './refund-pin.js';
import { acceptsRefunds, mergeRefunds, orderDisplay, refundTotals, type KnownRefund, type RefundRecord } from './refund.js';

const f = (n: number) => n as Fen;
const known = (amount: number, status: KnownRefund['status']): KnownRefund => ({
  outRefundNo: `R${amount}${status}`,
  amount: f(amount),
  status,
  source: 'local',
});
const listed = (orn: string, fee: number, state?: number): ListedRefund => ({
  kind: 'refund',
  outTradeNo: 'O',
  totalFee: f(10),
  outRefundNo: orn,
  refundFee: f(fee),
  createTime: 1,
  ...(state === undefined ? {} : { refundState: { platform: 'alipay', state } }),
});
const rec = (orn: string, amount: number, status: RefundRecord['status'], outTradeNo = 'O'): RefundRecord => ({
  outRefundNo: orn,
  outTradeNo,
  platform: 'alipay',
  totalFee: f(10),
  amount: f(amount),
  status,
  createdAt: 0,
  updatedAt: 0,
});

describe('stale local-only refunds', () => {
  it('stop holding money once a readable server list has not shown them for 10 minutes', () => {
    const r = { ...rec('L', 2, 'created'), updatedAt: 0 };
    expect(mergeRefunds('O', [r], [], { read: true, nowMs: 600_001 })[0]?.status).toBe('failed');
    expect(mergeRefunds('O', [r], [], { read: true, nowMs: 600_000 })[0]?.status).toBe('created');
    expect(mergeRefunds('O', [r], [], { read: false, nowMs: 10 ** 9 })[0]?.status).toBe('created');
    expect(mergeRefunds('O', [{ ...r, status: 'processing' }], [], { read: true, nowMs: 10 ** 9 })[0]?.status).toBe('processing');
  });
});

describe('refundTotals', () => {
  it.each([
    [[], 0, 0, 10],
    [[known(3, 'success'), known(2, 'manual')], 5, 0, 5],
    [[known(3, 'processing'), known(1, 'created'), known(2, 'unknown')], 0, 6, 4],
    [[known(4, 'failed')], 0, 0, 10],
    [[known(8, 'success'), known(8, 'processing')], 8, 8, 0],
  ] as const)('%j → refunded %d, in flight %d, refundable %d', (refunds, refunded, inFlight, refundable) => {
    expect(refundTotals(f(10), refunds)).toEqual({ refunded, inFlight, refundable });
  });
});

describe('mergeRefunds', () => {
  it('counts a refund known to both sides once, with the server state; ignores other orders', () => {
    const merged = mergeRefunds(
      'O',
      [rec('R1', 3, 'processing'), rec('R2', 1, 'created'), rec('X', 9, 'success', 'OTHER')],
      [listed('R1', 3, 2), listed('R3', 2), listed('R4', 1, 3)],
    );
    expect(merged).toEqual([
      { outRefundNo: 'R1', amount: 3, status: 'success', source: 'both' },
      { outRefundNo: 'R2', amount: 1, status: 'created', source: 'local' },
      { outRefundNo: 'R3', amount: 2, status: 'processing', source: 'server' },
      { outRefundNo: 'R4', amount: 1, status: 'failed', source: 'server' },
    ]);
  });
});

describe('orderDisplay (spec §10.5, §13)', () => {
  const t = (refunded: number, inFlight: number) => ({ refunded: f(refunded), inFlight: f(inFlight), refundable: f(2 - refunded - inFlight) });
  it.each([
    [{ platform: 'wechat', cts: 2 }, t(0, 0), 'paid'],
    [{ platform: 'wechat', cts: 2 }, t(1, 0), 'partially_refunded'],
    [{ platform: 'wechat', cts: 2 }, t(0, 1), 'partially_refunded'],
    [{ platform: 'wechat', cts: 4 }, t(0, 0), 'fully_refunded'],
    [{ platform: 'alipay', cts: 2 }, t(1, 0), 'partially_refunded'],
    [{ platform: 'alipay', cts: 5 }, t(2, 0), 'fully_refunded'],
    [{ platform: 'alipay', cts: 5 }, t(0, 0), 'not_paid'],
    [{ platform: 'alipay', cts: 4 }, t(0, 0), 'pending'],
    [undefined, t(0, 0), 'pending'],
  ] as const)('%j with %j → %s', (state, totals, display) => {
    expect(orderDisplay(state, f(2), totals)).toBe(display);
  });

  it('Alipay 6 (finished) is paid but takes no refund', () => {
    expect(acceptsRefunds({ platform: 'alipay', cts: 6 })).toBe(false);
    expect(acceptsRefunds({ platform: 'alipay', cts: 2 })).toBe(true);
    expect(acceptsRefunds({ platform: 'wechat', cts: 9 })).toBe(false);
  });
});

describe('checkRefundAmount', () => {
  it.each([
    ['0.02', 2, { ok: true, amount: 2 }],
    ['0.03', 2, { ok: false, error: { kind: 'over_refundable', requested: 3, refundable: 2 } }],
    ['0', 2, { ok: false, error: { kind: 'zero' } }],
    ['0.001', 2, { ok: false, error: { kind: 'rounds_to_zero', input: '0.001' } }],
    ['-1', 2, { ok: false, error: { kind: 'negative', input: '-1' } }],
    ['1.234', 500, { ok: false, error: { kind: 'too_many_decimals', input: '1.234' } }],
    ['0.01', 0, { ok: false, error: { kind: 'nothing_refundable' } }],
    ['99999999', 10_000_000_000, { ok: true, amount: 9_999_999_900 }],
  ] as const)('%j against %d', (text, refundable, expected) => {
    expect(checkRefundAmount(text, f(refundable))).toEqual(expected);
  });

  it('pre-fills everything still refundable', () => {
    expect(defaultRefundText(f(2))).toBe('0.02');
    expect(defaultRefundText(f(0))).toBe('');
  });
});

describe('manager PIN (PBKDF2 via WebCrypto)', () => {
  it('verifies the right PIN only, never stores it, refuses bad shapes', async () => {
    const r = await hashPin('2468', 1_000);
    expect(isPinRecord(r)).toBe(true);
    expect(JSON.stringify(r)).not.toContain('2468');
    expect(await verifyPin('2468', r)).toBe(true);
    expect(await verifyPin('2469', r)).toBe(false);
    expect(await verifyPin('24', r)).toBe(false);
    await expect(hashPin('12ab')).rejects.toThrow(RangeError);
    expect((await hashPin('2468', 1_000)).salt).not.toBe(r.salt);
  });
});
