import { afterEach, describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import { setLocale } from '../i18n/index.js';
import type { PaymentState } from '../domain/payment.js';
import { amountErrorText, codeErrorText, payStatusView, reconciledText } from './pay-status-view.js';

const amount = 1234 as Fen;
const otn = '0100005212345617000000000001';
afterEach(() => setLocale('zh-CN'));

describe('payStatusView (zh-CN, the spec texts)', () => {
  it.each<[PaymentState, string, string | undefined, readonly string[]]>([
    [{ phase: 'awaiting_code', amount }, '请扫描顾客的付款码（或手动输入后按 Enter）', undefined, ['cancel']],
    [{ phase: 'awaiting_code', amount, codeError: { kind: 'bad_length', length: 7 } }, '请扫描顾客的付款码（或手动输入后按 Enter）', '付款码位数不对（7 位），请重新扫描。', ['cancel']],
    [{ phase: 'submitting', amount, outTradeNo: otn, attempt: 0 }, '正在提交支付…', undefined, []],
    [{ phase: 'submitting', amount, outTradeNo: otn, attempt: 2 }, '正在重试（第 2 次）…', undefined, []],
    [{ phase: 'polling', amount, outTradeNo: otn, userPaying: false }, '等待支付结果…', undefined, []],
    [{ phase: 'polling', amount, outTradeNo: otn, userPaying: true }, '等待用户输入密码中', undefined, []],
    [{ phase: 'success', outcome: 'success', amount, outTradeNo: otn, platform: 'alipay' }, '支付宝收款成功 ¥12.34', undefined, ['new_sale']],
    [{ phase: 'failed', outcome: 'failed', amount, outTradeNo: otn, reason: 'refused', description: '用户余额不足' }, '收款失败 ¥12.34', '支付被拒绝：用户余额不足', ['new_sale']],
    [{ phase: 'failed', outcome: 'failed', amount, outTradeNo: otn, reason: 'new_number', description: '订单号重复' }, '收款失败 ¥12.34', '订单号不可用（订单号重复），请重新收款（将使用新订单号）。', ['new_sale']],
    [{ phase: 'unknown', outcome: 'unknown', amount, outTradeNo: otn, description: 'x' }, '通过订单查询确认支付结果或手机端商户管理系统确认支付结果', '系统将在后台继续确认，结果出来后会播报。', ['query_again', 'new_sale']],
    [{ phase: 'cancelled', amount }, '已取消收款。', undefined, ['new_sale']],
  ])('%j', (state, headline, detail, actions) => {
    const view = payStatusView(state);
    expect(view?.headline).toBe(headline);
    expect(view?.detail).toBe(detail);
    expect(view?.actions).toEqual(actions);
  });

  it('shows the QR for scan-code pay and nothing while the amount is typed', () => {
    expect(payStatusView({ phase: 'polling', amount, outTradeNo: otn, userPaying: false, codeUrl: 'weixin://x' })).toMatchObject({ qr: 'weixin://x', actions: ['cancel'] });
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
  ] as const)('%j → %s', (error, text) => {
    expect(amountErrorText(error)).toBe(text);
  });

  it('speaks English when the locale is English', () => {
    setLocale('en');
    expect(codeErrorText({ kind: 'not_digits' })).toBe('A payment code has digits only; scan again.');
    expect(payStatusView({ phase: 'success', outcome: 'success', amount, outTradeNo: otn, platform: 'wechat' })?.headline).toBe('WeChat Pay payment received ¥12.34');
  });
});

describe('reconciledText', () => {
  it('names the order and the settled result', () => {
    expect(reconciledText({ outcome: 'success', outTradeNo: otn, amount, platform: 'wechat' })).toBe(`订单 ${otn} 已确认：微信收款成功 ¥12.34`);
    expect(reconciledText({ outcome: 'failed', outTradeNo: otn, amount, reason: 'declined', description: '' })).toBe(`订单 ${otn} 已确认：收款失败 ¥12.34`);
  });
});
