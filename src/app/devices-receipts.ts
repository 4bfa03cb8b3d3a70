/**
 * The settings screen's test receipt: the header every receipt has, both platforms' names
 * (Chinese text in GB18030 is the thing most likely to go wrong on a new printer), a barcode, a cut.
 */
import type { ReceiptDoc } from '../devices/printer/model.js';
import { formatCst } from '../devices/printer/format.js';

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
