import { describe, expect, it } from 'vitest';
import { encodeReceipt } from './escpos.js';
import { LAYOUT_80MM } from './model.js';
import { memoryJobStore } from './port.js';
import { PrintQueue } from './queue.js';
import { paymentReceipt, refundReceipt } from '../../../kernel/receipt.js';
import { ReceiptPrinter, layoutOf } from './service.js';
import { VirtualPrinter } from './virtual.js';

describe('virtual printer (sandbox preview)', () => {
  it('publishes each receipt, decoded, when the paper is cut', async () => {
    const printer = new VirtualPrinter();
    const seen: string[][] = [];
    printer.receipts$.subscribe((r) => seen.push(r.lines.map((l) => l.text.trim())));
    const q = new PrintQueue({ store: memoryJobStore(), transport: printer, chunkSize: 100 });
    const head = { shopName: '演示店', deviceName: '演示机', at: 0 };
    await q.print(
      'pay',
      encodeReceipt(paymentReceipt({ ...head, outTradeNo: '0100005200000001', platform: 'alipay', amountFen: 2, status: 'success' }), LAYOUT_80MM),
    );
    await q.print(
      'refund',
      encodeReceipt(refundReceipt({ ...head, outTradeNo: '0100005200000001', outRefundNo: '0100005200000002', platform: 'alipay', refundFen: 1 }), LAYOUT_80MM),
    );
    expect(seen).toHaveLength(2);
    expect(seen[0]).toContain('金额 0.02 元');
    expect(seen[1]).toContain('退款金额 0.01 元');
  });

  it('prints through the ReceiptPrinter port once per job id, reprint as a marked copy', async () => {
    const printer = new VirtualPrinter();
    const titles: string[] = [];
    printer.receipts$.subscribe((r) => titles.push(r.lines[1]?.text.trim() ?? ''));
    const service = new ReceiptPrinter(new PrintQueue({ store: memoryJobStore(), transport: printer, chunkSize: 1024 }), () =>
      layoutOf({ state: 'disconnected' }),
    );
    const data = {
      shopName: '演示店',
      deviceName: '演示机',
      at: 0,
      outTradeNo: '0100005200000003',
      platform: 'wechat',
      amountFen: 2,
      status: 'success',
    } as const;
    expect((await service.print('pay:3', paymentReceipt(data))).kind).toBe('printed');
    expect((await service.print('pay:3', paymentReceipt(data))).kind).toBe('already_printed');
    expect((await service.reprint('pay:3', 'pay:3#2', paymentReceipt({ ...data, reprint: true }))).kind).toBe('printed');
    expect(titles).toEqual(['收款凭证', '收款凭证（重打）']);
  });

  it('is not fooled by GS V bytes inside barcode data (code C pair 29 86)', async () => {
    const printer = new VirtualPrinter();
    const seen: string[][] = [];
    printer.receipts$.subscribe((r) => seen.push(r.barcodes));
    const bytes = encodeReceipt({ lines: [{ kind: 'barcode', data: '01298600' }], cut: true }, LAYOUT_80MM).bytes;
    await printer.write(bytes);
    expect(seen).toEqual([['01298600']]);
  });
});
