/** What the customer display says for every payment phase (customer wording, never the cashier's). */
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { PaymentState } from '../../kernel/payment.js';
import { customerView } from './checkout-customer-display.js';

const fen = (n: number) => n as Fen;
const OTN = '0100005255000042';

describe('customerView', () => {
  it.each<[string, PaymentState, Partial<ReturnType<typeof customerView>>]>([
    ['idle', { phase: 'idle' }, { welcome: true, amount: '' }],
    ['empty amount', { phase: 'amount', text: '' }, { welcome: true, amount: '' }],
    ['keying', { phase: 'amount', text: '12.3' }, { welcome: false, amount: '¥12.3', text: '收银员正在输入金额' }],
    ['code awaited', { phase: 'awaiting_code', amount: fen(1230) }, { amount: '¥12.30', text: '请出示付款码' }],
    ['submitting', { phase: 'submitting', amount: fen(1230), outTradeNo: OTN, attempt: 1 }, { amount: '¥12.30', text: '正在支付，请稍候…' }],
    ['password', { phase: 'polling', amount: fen(1230), outTradeNo: OTN, userPaying: true }, { text: '请在手机上输入支付密码' }],
    [
      'wechat QR',
      { phase: 'polling', amount: fen(5), outTradeNo: OTN, userPaying: false, codeUrl: 'weixin://wxpay/bizpayurl?pr=abc' },
      { amount: '¥0.05', qr: 'weixin://wxpay/bizpayurl?pr=abc', text: '请使用微信扫描二维码支付' },
    ],
    [
      'alipay QR',
      { phase: 'polling', amount: fen(5), outTradeNo: OTN, userPaying: false, codeUrl: 'https://qr.alipay.com/bax0abc' },
      { text: '请使用支付宝扫描二维码支付' },
    ],
    [
      'success',
      { phase: 'success', outcome: 'success', outTradeNo: OTN, amount: fen(1230), platform: 'wechat' },
      { amount: '¥12.30', text: '支付成功，谢谢惠顾', tone: 'ok' },
    ],
    [
      'failed',
      { phase: 'failed', outcome: 'failed', outTradeNo: OTN, amount: fen(1230), reason: 'declined', description: '操作成功' },
      { text: '支付未成功，请联系收银员', tone: 'bad' },
    ],
    ['unknown', { phase: 'unknown', outcome: 'unknown', outTradeNo: OTN, amount: fen(1230), description: '' }, { text: '正在确认支付结果，请稍候' }],
    ['cancelled', { phase: 'cancelled', amount: fen(1230) }, { welcome: true, amount: '' }],
  ])('%s', (_name, state, expected) => {
    expect(customerView(state)).toMatchObject(expected);
  });
});
