import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import { REFUND_IDLE, reduceRefund, type RefundEvent } from './refund-events.js';
import { refusalText } from '../../i18n/refund.js';
import { refundStatusLine } from './refund-status.js';

const base = { outTradeNo: 'O', outRefundNo: 'R', amount: 1 as Fen };
const fold = (...events: RefundEvent[]) => events.reduce(reduceRefund, REFUND_IDLE);

describe('refund status line: "accepted" is not "refunded"', () => {
  it('progress, then the result in words that differ', () => {
    expect(refundStatusLine(fold({ type: 'submitting', ...base, attempt: 0 }))).toMatchObject({ kind: 'submitting', tone: 'warn' });
    expect(refundStatusLine(fold({ type: 'accepted', ...base }))).toMatchObject({ kind: 'accepted_waiting', text: '退款申请已受理，等待到账确认…' });
    const refunded = refundStatusLine(fold({ type: 'settled', result: { outcome: 'refunded', ...base, platform: 'wechat' } }));
    const accepted = refundStatusLine(fold({ type: 'settled', result: { outcome: 'accepted', ...base, platform: 'wechat' } }));
    expect(refunded).toEqual({ kind: 'refunded', tone: 'ok', text: '退款成功：0.01 元已退回' });
    expect(accepted?.text).toContain('退款申请成功');
    expect(accepted?.text).not.toContain('退款成功');
    expect(refundStatusLine(fold({ type: 'settled', result: { outcome: 'failed', ...base, reason: 'refused', description: '超过可退金额' } }))).toMatchObject({
      tone: 'bad',
      text: '退款失败：超过可退金额',
    });
  });

  it('refusals say "超过可退金额" with what is refundable', () => {
    expect(refusalText({ kind: 'amount', error: { kind: 'over_refundable', requested: 3 as Fen, refundable: 2 as Fen } })).toBe('超过可退金额（可退 0.02 元）');
    expect(refusalText({ kind: 'not_refundable', display: 'fully_refunded' })).toBe('该订单当前不能退款（已全额退款）');
    expect(refusalText({ kind: 'pin_wrong' })).toBe('主管密码错误');
  });
});
