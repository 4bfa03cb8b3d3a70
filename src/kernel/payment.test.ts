import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import { IDLE, isBusy, isCancellable, reducePayment, type PaymentAction, type PaymentPhase, type PaymentState } from './payment.js';
import { buildApiCallingInfos, reportPlatformCode, sendsIn, settledApiCallingInfos } from '../features/pay/payment-report.js';

const amount = 1234 as Fen;
const otn = '0100005212345617000000000000';
const fold = (actions: readonly PaymentAction[], from: PaymentState = IDLE): PaymentState => actions.reduce(reducePayment, from);

describe('reducePayment walks the spec path', () => {
  it('idle → amount → awaiting_code → submitting → polling(userPaying) → success', () => {
    const phases: PaymentPhase[] = [];
    let s: PaymentState = IDLE;
    const steps: PaymentAction[] = [
      { type: 'amount_edited', text: '12.34' },
      { type: 'awaiting_code', amount },
      { type: 'submitting', outTradeNo: otn, amount, attempt: 0 },
      { type: 'polling', outTradeNo: otn, amount, userPaying: false },
      { type: 'polling', outTradeNo: otn, amount, userPaying: true },
      { type: 'settled', result: { outcome: 'success', outTradeNo: otn, amount, platform: 'wechat' } },
    ];
    for (const step of steps) {
      s = reducePayment(s, step);
      phases.push(s.phase);
    }
    expect(phases).toEqual(['amount', 'awaiting_code', 'submitting', 'polling', 'polling', 'success']);
    expect(s).toEqual({ phase: 'success', outcome: 'success', outTradeNo: otn, amount, platform: 'wechat' });
  });

  it.each([
    [{ outcome: 'failed', outTradeNo: otn, amount, reason: 'declined', description: 'closed' }, 'failed'],
    [{ outcome: 'unknown', outTradeNo: otn, amount, description: '通过订单查询确认支付结果或手机端商户管理系统确认支付结果' }, 'unknown'],
  ] as const)('settles %j as %s', (result, phase) => {
    expect(fold([{ type: 'settled', result }]).phase).toBe(phase);
  });

  it('records a refused amount and a refused code without leaving the phase', () => {
    expect(fold([{ type: 'amount_refused', text: '0.001', error: { kind: 'rounds_to_zero', input: '0.001' } }])).toEqual({
      phase: 'amount',
      text: '0.001',
      error: { kind: 'rounds_to_zero', input: '0.001' },
    });
    expect(
      fold([
        { type: 'awaiting_code', amount },
        { type: 'code_refused', error: { kind: 'not_digits' } },
      ]),
    ).toEqual({ phase: 'awaiting_code', amount, codeError: { kind: 'not_digits' } });
    expect(fold([{ type: 'code_refused', error: { kind: 'empty' } }])).toEqual(IDLE);
  });

  it('cancels while waiting for the code only (the flow decides; the state follows)', () => {
    const waiting = fold([{ type: 'awaiting_code', amount }]);
    expect(isCancellable(waiting)).toBe(true);
    expect(fold([{ type: 'cancelled', amount }], waiting)).toEqual({ phase: 'cancelled', amount });
    expect(isCancellable(fold([{ type: 'submitting', outTradeNo: otn, amount, attempt: 0 }]))).toBe(false);
  });

  it('ignores keypad edits and reset while a request may be in flight', () => {
    const polling = fold([{ type: 'polling', outTradeNo: otn, amount, userPaying: false }]);
    expect(isBusy(polling)).toBe(true);
    expect(reducePayment(polling, { type: 'amount_edited', text: '1' })).toBe(polling);
    expect(reducePayment(polling, { type: 'reset' })).toBe(polling);
    const unknown = fold([{ type: 'settled', result: { outcome: 'unknown', outTradeNo: otn, amount, description: 'x' } }]);
    expect(reducePayment(unknown, { type: 'amount_edited', text: '1' })).toBe(unknown);
    expect(reducePayment(unknown, { type: 'reset' })).toEqual(IDLE);
  });
});

describe('device_report facts', () => {
  it.each([
    ['wechat', 'other', 1],
    ['alipay', 'wechat', 2],
    ['card', 'wechat', 3],
    [undefined, 'wechat', 1],
    [undefined, 'alipay', 2],
    [undefined, 'other', 3],
  ] as const)('platform %s with code hint %s → %i', (platform, hint, code) => {
    expect(reportPlatformCode(platform, hint)).toBe(code);
  });

  it('builds one ApiCallingInfo per call with the last order state', () => {
    const infos = buildApiCallingInfos(
      otn,
      [
        { code: 200, status: 3, internalStatus: 0, description: 'busy', delayMs: 812.4 },
        { code: 200, status: 0, internalStatus: 0, description: 'ok', delayMs: 3100 },
      ],
      1,
      { platform: 'wechat', cts: 2, tradeStateDesc: '支付成功' },
    );
    expect(infos).toEqual([
      {
        outTradeNo: otn,
        code: 200,
        status: 3,
        internalStatus: 0,
        delayMs: 812,
        description: 'busy',
        payPlatform: 1,
        orderStatus: 2,
        tradeStateDesc: '支付成功',
      },
      {
        outTradeNo: otn,
        code: 200,
        status: 0,
        internalStatus: 0,
        delayMs: 3100,
        description: 'ok',
        payPlatform: 1,
        orderStatus: 2,
        tradeStateDesc: '支付成功',
      },
    ]);
    expect(buildApiCallingInfos(otn, [{ code: -3, status: -1, internalStatus: -1, description: 'timeout', delayMs: 20_000 }], 2, undefined)).toEqual([
      { outTradeNo: otn, code: -3, status: -1, internalStatus: -1, delayMs: 20_000, description: 'timeout', payPlatform: 2 },
    ]);
  });

  describe('settledApiCallingInfos (whoever settles the order: the sale or recovery after a reload)', () => {
    const answered = buildApiCallingInfos(otn, [{ code: 200, status: 0, internalStatus: 0, description: 'ok', delayMs: 300 }], 3, {
      platform: 'wechat',
      cts: 9,
      tradeStateDesc: '用户支付中',
    });
    const lost = { code: -4, description: 'restarted', delayMs: 4_200.6 };

    it('one entry per send: the answered ones, then the unanswered ones with the given code', () => {
      expect(settledApiCallingInfos(otn, answered, 2, lost, 1, { platform: 'wechat', cts: 2 })).toEqual([
        { outTradeNo: otn, code: 200, status: 0, internalStatus: 0, delayMs: 300, description: 'ok', payPlatform: 1, orderStatus: 2 },
        { outTradeNo: otn, code: -4, status: -1, internalStatus: -1, delayMs: 4_201, description: 'restarted', payPlatform: 1, orderStatus: 2 },
      ]);
    });

    it('the settling state replaces the recorded one (its tsd too, also when it has none); without a state the recorded one stays', () => {
      expect(settledApiCallingInfos(otn, answered, 1, lost, 1, { platform: 'wechat', cts: 3, tradeStateDesc: '已关闭' })[0]).toMatchObject({
        orderStatus: 3,
        tradeStateDesc: '已关闭',
      });
      expect(settledApiCallingInfos(otn, answered, 1, lost, 1, { platform: 'wechat', cts: 2 })[0]).not.toHaveProperty('tradeStateDesc');
      expect(settledApiCallingInfos(otn, answered, 1, lost, 2, undefined)).toEqual([{ ...answered[0], payPlatform: 2 }]);
    });

    it('never fewer entries than answered calls, never negative delays', () => {
      expect(settledApiCallingInfos(otn, answered, 0, lost, 3, undefined)).toHaveLength(1);
      expect(settledApiCallingInfos(otn, [], 1, { ...lost, delayMs: -5 }, 3, undefined)[0]?.delayMs).toBe(0);
    });

    it("sendsIn counts the submitting steps and the first one's time", () => {
      const h = [
        { at: 1, phase: 'awaiting_code' },
        { at: 5, phase: 'submitting' },
        { at: 9, phase: 'answered' },
        { at: 12, phase: 'submitting' },
      ];
      expect(sendsIn(h)).toEqual({ count: 2, firstAt: 5 });
      expect(sendsIn([])).toEqual({ count: 0, firstAt: undefined });
    });
  });
});
