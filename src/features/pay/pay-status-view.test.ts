import { afterEach, describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import { setLocale } from '../../i18n/index.js';
import type { PaymentState } from '../../kernel/payment.js';
import { ORDER_STATE_RULES, type PayPlatformName } from '@cpay/protocol';
import { amountErrorText, codeErrorText, failedStateText, payStatusView, reconciledText } from './pay-status-view.js';

const amount = 1234 as Fen;
const otn = '0100005212345617000000000001';
afterEach(() => setLocale('zh-CN'));

describe('payStatusView (zh-CN, the spec texts)', () => {
  it.each<[PaymentState, string, string | undefined, readonly string[]]>([
    [{ phase: 'awaiting_code', amount }, '请扫描顾客的付款码（或手动输入后按 Enter）', undefined, ['cancel']],
    [
      { phase: 'awaiting_code', amount, codeError: { kind: 'bad_length', length: 7 } },
      '请扫描顾客的付款码（或手动输入后按 Enter）',
      '付款码位数不对（7 位），请重新扫描。',
      ['cancel'],
    ],
    [{ phase: 'submitting', amount, outTradeNo: otn, attempt: 0 }, '正在提交支付…', undefined, ['set_aside']],
    [{ phase: 'submitting', amount, outTradeNo: otn, attempt: 2 }, '正在重试（第 2 次）…', undefined, ['set_aside']],
    [{ phase: 'polling', amount, outTradeNo: otn, userPaying: false }, '等待支付结果…', undefined, ['set_aside']],
    [{ phase: 'polling', amount, outTradeNo: otn, userPaying: true }, '等待用户输入密码中', undefined, ['set_aside']],
    [{ phase: 'success', outcome: 'success', amount, outTradeNo: otn, platform: 'alipay' }, '支付宝收款成功 ¥12.34', undefined, ['new_sale']],
    [
      { phase: 'failed', outcome: 'failed', amount, outTradeNo: otn, reason: 'refused', description: '用户余额不足' },
      '收款失败 ¥12.34',
      '支付被拒绝：用户余额不足',
      ['new_sale'],
    ],
    [
      { phase: 'failed', outcome: 'failed', amount, outTradeNo: otn, reason: 'new_number', description: '订单号重复' },
      '收款失败 ¥12.34',
      '订单号不可用（订单号重复），请重新收款（将使用新订单号）。',
      ['new_sale'],
    ],
    [
      { phase: 'unknown', outcome: 'unknown', amount, outTradeNo: otn, description: 'x' },
      '通过订单查询确认支付结果或手机端商户管理系统确认支付结果',
      '系统将在后台继续确认，结果出来后会播报。',
      ['set_aside', 'query_again'],
    ],
    [{ phase: 'cancelled', amount }, '已取消收款。', undefined, ['new_sale']],
  ])('%j', (state, headline, detail, actions) => {
    const view = payStatusView(state);
    expect(view?.headline).toBe(headline);
    expect(view?.detail).toBe(detail);
    expect(view?.actions).toEqual(actions);
    expect(view?.amount).toBe('12.34'); // the amount is on screen in every phase from the code prompt on
  });

  it('shows the QR for scan-code pay and nothing while the amount is typed', () => {
    expect(payStatusView({ phase: 'polling', amount, outTradeNo: otn, userPaying: false, codeUrl: 'weixin://x' })).toMatchObject({
      qr: 'weixin://x',
      actions: ['cancel'],
    });
    expect(payStatusView({ phase: 'amount', text: '1' })).toBeUndefined();
  });

  it('never shows failure wording for an unknown result', () => {
    const view = payStatusView({ phase: 'unknown', outcome: 'unknown', amount, outTradeNo: otn, description: '' });
    expect(view?.tone).toBe('warn');
    expect(`${view?.headline}${view?.detail}`).not.toMatch(/失败|超时/);
  });
});

describe('refusal messages', () => {
  it.each([
    [{ kind: 'empty' }, '请输入收款金额。'],
    [{ kind: 'zero' }, '收款金额不能为 0。'],
    [{ kind: 'rounds_to_zero', input: '0.001' }, '金额“0.001”不足 0.01 元，不能收款。'],
    [{ kind: 'over_max', max: 5_000_000 as Fen }, '单笔收款不能超过 50000.00 元。'],
    [{ kind: 'too_many_decimals', input: '1.234' }, '金额“1.234”最多两位小数（精确到分）。'],
    [{ kind: 'invalid_chars', input: '1e9' }, '金额只能包含数字和一个小数点。'],
  ] as const)('%j → %s', (error, text) => {
    expect(amountErrorText(error)).toBe(text);
  });

  it('speaks English when the locale is English', () => {
    setLocale('en');
    expect(codeErrorText({ kind: 'not_digits' })).toBe('A payment code has digits only; scan again.');
    expect(payStatusView({ phase: 'success', outcome: 'success', amount, outTradeNo: otn, platform: 'wechat' })?.headline).toBe(
      'WeChat Pay payment received ¥12.34',
    );
  });
});

describe('reconciledText', () => {
  it('names the order and the settled result', () => {
    expect(reconciledText({ outcome: 'success', outTradeNo: otn, amount, platform: 'wechat' })).toBe(`订单 ${otn} 已确认：微信收款成功 ¥12.34`);
    expect(reconciledText({ outcome: 'failed', outTradeNo: otn, amount, reason: 'declined', description: '' })).toBe(`订单 ${otn} 已确认：收款失败 ¥12.34`);
  });
});

/** Every platform × every order state that ends a payment without it being paid (or paid back). */
const FAILED_STATES = (Object.keys(ORDER_STATE_RULES) as PayPlatformName[]).flatMap((platform) =>
  Object.entries(ORDER_STATE_RULES[platform])
    .filter(([, cls]) => cls === 'failed' || cls === 'refunded')
    .map(([cts, cls]) => [platform, Number(cts), cls] as const),
);

describe('failure wording from the order state (issue 13), every platform × failed state', () => {
  const failedWith = (platform: PayPlatformName, cts: number, cls: string, description: string): PaymentState => ({
    phase: 'failed',
    outcome: 'failed',
    amount,
    outTradeNo: otn,
    reason: cls === 'refunded' ? 'refunded' : 'declined',
    description,
    state: { platform, cts },
  });

  it('covers the documented failed states', () => {
    expect(FAILED_STATES.map(([p, c]) => `${p}.${c}`)).toEqual([
      'wechat.4',
      'wechat.5',
      'wechat.7',
      'wechat.8',
      'wechat.10',
      'wechat.11',
      'alipay.5',
      'alipay.7',
      'card.4',
      'card.5',
      'bookkeeping.3',
    ]);
  });

  it.each(FAILED_STATES)('%s %i (%s): own words in zh-CN and en, never the reply description', (platform, cts, cls) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      setLocale(locale);
      const view = payStatusView(failedWith(platform, cts, cls, '操作成功'));
      expect(view?.tone).toBe('bad');
      expect(view?.detail).toBe(failedStateText({ platform, cts }));
      expect(view?.detail).not.toContain('操作成功');
      expect(view?.detail).not.toMatch(/^pay\./);
      if (locale === 'en') expect(view?.detail).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each([
    ['wechat', 5, '顾客已取消支付'],
    ['wechat', 10, '支付失败'],
    ['alipay', 5, '交易已关闭：顾客已取消或支付失败'],
    ['card', 5, '订单已关闭：顾客已取消或支付失败'],
  ] as const)('%s %i → %s', (platform, cts, text) => {
    expect(payStatusView(failedWith(platform, cts, 'failed', '操作成功'))?.detail).toBe(text);
  });

  it("adds WeChat's trade-state hint, and falls back to the reason when no state is known", () => {
    const withHint: PaymentState = {
      phase: 'failed',
      outcome: 'failed',
      amount,
      outTradeNo: otn,
      reason: 'declined',
      description: 'x',
      state: { platform: 'wechat', cts: 10, tradeStateDesc: '请让用户换卡' },
    };
    expect(payStatusView(withHint)?.detail).toBe('支付失败（请让用户换卡）');
    expect(payStatusView({ phase: 'failed', outcome: 'failed', amount, outTradeNo: otn, reason: 'refused', description: '用户余额不足' })?.detail).toBe(
      '支付被拒绝：用户余额不足',
    );
  });
});
