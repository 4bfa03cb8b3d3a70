import { afterEach, describe, expect, it } from 'vitest';
import { FakeUsb, FakeUsbPrinter } from '../../../testing/device-fakes/index.js';
import { decodeEscPos, receiptText } from './decode.js';
import { encodeDrawerKick, encodeReceipt } from './escpos.js';
import { LAYOUT_58MM, LAYOUT_80MM } from './model.js';
import { memoryJobStore } from './port.js';
import { PrintQueue } from './queue.js';
import { ReceiptPrinter } from './service.js';
import { paymentReceipt } from '../../../kernel/receipt.js';
import { WebUsbPrinter } from './webusb.js';
import { drawerKick } from './commands.js';

const KICK_PIN2 = [0x1b, 0x70, 0x00, 0x19, 0xfa];
const KICK_PIN5 = [0x1b, 0x70, 0x01, 0x19, 0xfa];

/** Index of `needle` in `hay`, or -1. */
function indexOfBytes(hay: readonly number[], needle: readonly number[]): number {
  for (let i = 0; i + needle.length <= hay.length; i += 1) if (needle.every((b, j) => hay[i + j] === b)) return i;
  return -1;
}

const printers: WebUsbPrinter[] = [];
afterEach(() => {
  printers.splice(0).forEach((p) => p.dispose());
});

async function paired(): Promise<{ device: FakeUsbPrinter; printer: WebUsbPrinter }> {
  const usb = new FakeUsb();
  const device = usb.plug(new FakeUsbPrinter());
  const printer = new WebUsbPrinter(usb);
  printers.push(printer);
  await printer.pair();
  return { device, printer };
}

const cashReceipt = paymentReceipt({
  shopName: '测试店',
  deviceName: '1号收银台',
  at: Date.UTC(2026, 11, 7, 2),
  outTradeNo: '0100005220261207000001',
  platform: 'cash',
  amountFen: 1234,
  status: 'success',
  tenderedFen: 2000,
  changeFen: 766,
});

describe('cash drawer kick (ESC p m t1 t2) over WebUSB (fake printer, real Chromium)', () => {
  it('ESC p bytes per pin: m = 0 for pin 2, 1 for pin 5', () => {
    expect(drawerKick(2)).toEqual(KICK_PIN2);
    expect(drawerKick(5)).toEqual(KICK_PIN5);
    expect([...encodeDrawerKick(LAYOUT_58MM).bytes]).toEqual(KICK_PIN2);
    expect([...encodeDrawerKick({ ...LAYOUT_80MM, drawerPin: 5 }).bytes]).toEqual(KICK_PIN5);
  });

  it('a cash receipt carries the kick for the profile pin and prints 现金, 实收 and 找零', async () => {
    const { device } = await paired();
    const usb = printers[0];
    if (!usb) throw new Error('no printer');
    const queue = new PrintQueue({ store: memoryJobStore(), transport: usb, chunkSize: 256 });
    const receipts = new ReceiptPrinter(queue, () => ({ ...LAYOUT_58MM, drawerPin: 5 }));
    expect(await receipts.print('pay:1', { ...cashReceipt, openDrawer: true })).toEqual({ kind: 'printed', id: 'pay:1' });
    const paper = [...device.paper];
    expect(indexOfBytes(paper, KICK_PIN5)).toBeGreaterThan(0);
    expect(indexOfBytes(paper, KICK_PIN2)).toBe(-1);
    expect(decodeEscPos(Uint8Array.from(paper)).drawerKicks).toBe(1);
    const text = [receiptText(Uint8Array.from(paper))].flat().join('\n');
    expect(text).toContain('现金');
    expect(text).toMatch(/实收\s+20\.00/);
    expect(text).toMatch(/找零\s+7\.66/);
  });

  it('a receipt without openDrawer sends no kick', () => {
    expect(indexOfBytes([...encodeReceipt(cashReceipt, LAYOUT_58MM).bytes], KICK_PIN2)).toBe(-1);
  });

  it('on demand: exactly the kick bytes reach the printer, nothing is printed', async () => {
    const { device, printer } = await paired();
    const queue = new PrintQueue({ store: memoryJobStore(), transport: printer, chunkSize: 256 });
    const receipts = new ReceiptPrinter(queue, () => LAYOUT_58MM);
    expect(await receipts.openDrawer('drawer:1')).toEqual({ kind: 'printed', id: 'drawer:1' });
    expect([...device.paper]).toEqual(KICK_PIN2);
  });
});
