import { describe, expect, it } from 'vitest';
import { fen } from '@cpay/protocol';
import { planSettlement, type DepositRecord } from './deposit.js';
import { depositReceipt } from './deposit-receipt.js';
import { DEPOSIT_VIEW_IDLE, isDepositBusy, reduceSettle, reduceTake, remainingOf } from './deposit-events.js';

const R: DepositRecord = {
  outFreezeNo: '0100005212345617000000',
  amount: fen(10000),
  body: 'b',
  status: 'frozen',
  platform: 'wechat',
  createdAt: 0,
  updatedAt: 0,
  history: [],
};

describe('planSettlement (terminal-side checks)', () => {
  it.each([
    [3750, { ok: true, kind: 'consume', consumed: 3750, released: 6250 }],
    [10000, { ok: true, kind: 'consume', consumed: 10000, released: 0 }],
    [0, { ok: true, kind: 'unfreeze', consumed: 0, released: 10000 }],
    [10001, { ok: false, refusal: { kind: 'over_consumption', requested: 10001, available: 10000 } }],
  ])('uses %i fen of a 100.00 deposit', (used, plan) => {
    expect(planSettlement(R, fen(used))).toEqual(plan);
  });

  it('bounds the settlement by what cpay says is left when it was consumed in part elsewhere (Alipay, 003 L6383)', () => {
    expect(planSettlement(R, fen(6001), fen(6000))).toEqual({ ok: false, refusal: { kind: 'over_consumption', requested: 6001, available: 6000 } });
    expect(planSettlement(R, fen(0), fen(6000))).toEqual({ ok: true, kind: 'unfreeze', consumed: 0, released: 6000 });
    expect(planSettlement(R, fen(1000), fen(6000))).toEqual({ ok: true, kind: 'consume', consumed: 1000, released: 5000 });
    // cpay never lets it hold more than was frozen.
    expect(planSettlement(R, fen(10001), fen(20000))).toMatchObject({ ok: false, refusal: { available: 10000 } });
  });

  it('refuses a second settlement (settled, settling, or a live settlement) and a deposit that is not frozen', () => {
    const s = { kind: 'consume', outNo: 'C1', consumed: fen(1), released: fen(9999), status: 'success' } as const;
    expect(planSettlement({ ...R, status: 'settled', settlement: s }, fen(1))).toEqual({ ok: false, refusal: { kind: 'already_settled', outNo: 'C1' } });
    expect(planSettlement({ ...R, status: 'settling' }, fen(1))).toMatchObject({ ok: false, refusal: { kind: 'already_settled' } });
    expect(planSettlement({ ...R, settlement: { ...s, status: 'failed' } }, fen(1))).toMatchObject({ ok: true });
    expect(planSettlement({ ...R, status: 'unknown' }, fen(1))).toEqual({ ok: false, refusal: { kind: 'not_frozen', status: 'unknown' } });
  });
});

describe('deposit view and receipt', () => {
  it('folds take and settle events; busy while a request may be in flight', () => {
    let v = reduceTake(DEPOSIT_VIEW_IDLE, { type: 'polling', outFreezeNo: 'D', amount: fen(1), userPaying: true });
    expect(v.take).toEqual({ phase: 'polling', outFreezeNo: 'D', userPaying: true, amount: 1 });
    expect(isDepositBusy(v)).toBe(true);
    // A QR deposit's polling carries the QR the desk shows with the amount.
    const qr = reduceTake(DEPOSIT_VIEW_IDLE, { type: 'polling', outFreezeNo: 'Q', amount: fen(5000), userPaying: false, codeUrl: 'https://qr.alipay.com/x' });
    expect(qr.take).toEqual({ phase: 'polling', outFreezeNo: 'Q', userPaying: false, amount: 5000, codeUrl: 'https://qr.alipay.com/x' });
    v = reduceTake(v, { type: 'taken', result: { outcome: 'frozen', outFreezeNo: 'D', amount: fen(1), platform: 'wechat' } });
    v = reduceSettle(v, { type: 'looked_up', record: R, server: undefined });
    v = reduceSettle(v, { type: 'done', result: { outcome: 'refused', outFreezeNo: 'D', refusal: { kind: 'already_settled', outNo: undefined } } });
    expect(v.settle).toMatchObject({ phase: 'done', record: R, refusal: { kind: 'already_settled' } });
    expect(isDepositBusy(v)).toBe(false);
    expect(
      remainingOf(R, {
        outFreezeNo: 'D',
        tradeType: 1,
        createTime: 0,
        lastUpdateTime: 0,
        isTransforming: false,
        freezeFee: fen(10000),
        cashFee: fen(10000),
        body: 'b',
        totalConsumeFee: fen(3750),
        totalManualUnfreezeFee: fen(6250),
      }),
    ).toBe(0);
  });

  it('prints the deposit number as a barcode and a QR', () => {
    const labels = { title: 'T', no: 'N', amount: 'A', state: 'S', keep: 'K', device: 'D', time: 'Ti', yuan: '元' };
    const doc = depositReceipt({
      shopName: 'Shop',
      deviceName: 'Till',
      at: 0,
      outFreezeNo: R.outFreezeNo,
      amountFen: 10000,
      platformLabel: 'wechat',
      statusLabel: 'frozen',
      labels,
    });
    expect(doc.lines).toContainEqual({ kind: 'barcode', data: R.outFreezeNo });
    expect(doc.lines).toContainEqual({ kind: 'qr', data: R.outFreezeNo });
    expect(doc.lines).toContainEqual(expect.objectContaining({ kind: 'text', text: 'A 100.00 元' }));
  });
});
