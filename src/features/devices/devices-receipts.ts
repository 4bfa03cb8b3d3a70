/**
 * Receipt helpers of the device runtime: the state a reprinted payment receipt states, and the
 * settings screen's test receipt (the header every receipt has, both platforms' names — Chinese
 * text in GB18030 is the thing most likely to go wrong on a new printer —, a barcode, a cut).
 */
import type { ReceiptDoc } from '../../kernel/receipt-doc.js';
import { formatCst } from '../../kernel/china-time.js';
import type { PaymentReceiptStatus } from '../../kernel/receipt.js';
import type { HistoryStatus } from '../history/history.js';

/**
 * The printed state of a payment in each history state. Only `success` prints as paid; states
 * that are not a payment's final outcome print as unknown (query the order), never as paid.
 */
const PAYMENT_RECEIPT_STATUS: { readonly [S in HistoryStatus]: PaymentReceiptStatus } = {
  success: 'success',
  refunded: 'refunded',
  failed: 'failed',
  pending: 'unknown',
  unknown: 'unknown',
  processing: 'unknown',
  manual: 'unknown',
  frozen: 'unknown',
  settled: 'unknown',
};

/** What a payment receipt says for an order in history state `status`. */
export function paymentReceiptStatus(status: HistoryStatus): PaymentReceiptStatus {
  return PAYMENT_RECEIPT_STATUS[status];
}

/** What the test receipt prints at the top. */
export interface TestHeader {
  readonly shopName: string;
  readonly deviceName: string;
  readonly at: number;
}

/** A short receipt that exercises text sizes, Chinese, columns, barcode and cut. */
export function testReceipt(h: TestHeader): ReceiptDoc {
  return {
    lines: [
      { kind: 'text', text: h.shopName || '云支付终端', align: 'center', bold: true, size: 'double' },
      { kind: 'text', text: '打印测试 / Test print', align: 'center' },
      { kind: 'separator' },
      { kind: 'columns', cells: ['设备 Device', h.deviceName || '—'] },
      { kind: 'columns', cells: ['时间 Time', formatCst(h.at)] },
      { kind: 'columns', cells: ['微信支付', '支付宝'] },
      { kind: 'separator' },
      { kind: 'barcode', data: '0123456789' },
    ],
    cut: true,
  };
}
