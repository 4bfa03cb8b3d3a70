import { describe, expect, it } from 'vitest';
import type { ReceiptDoc } from './receipt-doc.js';
import { paymentReceipt, refundReceipt, withShopLines } from './receipt.js';

const head = { shopName: '演示店', deviceName: '演示机', at: 0 };
const refund = { ...head, outTradeNo: '0100005200000001', outRefundNo: '0100005200000002', platform: 'alipay', refundFen: 1 } as const;

/** The value of the receipt's 状态 / Status row. */
function statusRow(doc: ReceiptDoc): string | undefined {
  const row = doc.lines.find((l) => l.kind === 'columns' && (l.cells[0] === '状态' || l.cells[0] === 'Status'));
  return row?.kind === 'columns' ? row.cells[1] : undefined;
}

describe('refund receipt status', () => {
  it('states how the refund ended: refunded, accepted or failed', () => {
    expect(statusRow(refundReceipt({ ...refund, outcome: 'refunded' }))).toBe('退款成功');
    expect(statusRow(refundReceipt({ ...refund, outcome: 'accepted' }))).toBe('退款已受理');
    expect(statusRow(refundReceipt({ ...refund, outcome: 'failed' }))).toBe('退款失败');
    expect(statusRow(refundReceipt({ ...refund, outcome: 'refunded', lang: 'en' }))).toBe('Refunded');
  });

  it('claims no more than "accepted" when the outcome is not given', () => {
    expect(statusRow(refundReceipt(refund))).toBe('退款已受理');
  });
});

describe('payment receipt status', () => {
  it('prints the order state it is given, paid only for success', () => {
    const pay = { ...head, outTradeNo: '0100005200000001', platform: 'wechat', amountFen: 2 } as const;
    expect(statusRow(paymentReceipt({ ...pay, status: 'success' }))).toBe('支付成功');
    expect(statusRow(paymentReceipt({ ...pay, status: 'failed' }))).toBe('支付失败');
    expect(statusRow(paymentReceipt({ ...pay, status: 'unknown' }))).toBe('结果未知，请查询订单');
    expect(statusRow(paymentReceipt({ ...pay, status: 'refunded', reprint: true }))).toBe('已退款（全额或部分）');
  });
});

describe('withShopLines (fleet receipt header/footer)', () => {
  const doc = paymentReceipt({
    shopName: '云支付演示店',
    deviceName: '1号机',
    at: Date.UTC(2026, 11, 7, 4, 0),
    outTradeNo: '0100826651692015704554111',
    platform: 'wechat',
    amountFen: 900,
    status: 'success',
  });

  it('puts the header under the shop name and the footer at the end, one line per \\n', () => {
    const out = withShopLines(doc, '欢迎光临\n分店 12', '谢谢惠顾');
    expect(out.lines[0]).toEqual(doc.lines[0]);
    expect(out.lines.slice(1, 3)).toEqual([
      { kind: 'text', text: '欢迎光临', align: 'center' },
      { kind: 'text', text: '分店 12', align: 'center' },
    ]);
    expect(out.lines.slice(3, -1)).toEqual(doc.lines.slice(1));
    expect(out.lines.at(-1)).toEqual({ kind: 'text', text: '谢谢惠顾', align: 'center' });
    expect(out.cut).toBe(doc.cut);
  });

  it('empty texts leave the receipt as it is', () => {
    expect(withShopLines(doc, '', '  ')).toBe(doc);
  });
});
