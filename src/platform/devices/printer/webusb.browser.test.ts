import { firstValueFrom, filter, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { isDeviceError } from '../errors.js';
import { FakeUsb, FakeUsbPrinter } from '../../../testing/device-fakes/index.js';
import { decodeEscPos, receiptText } from './decode.js';
import { encodeReceipt } from './escpos.js';
import { resumeOnReconnect } from './index.js';
import { LAYOUT_58MM } from './model.js';
import { memoryJobStore } from './port.js';
import { PrintQueue } from './queue.js';
import { paymentReceipt } from '../../../kernel/receipt.js';
import { WebUsbPrinter } from './webusb.js';

const receipt = encodeReceipt(
  paymentReceipt({
    shopName: '腾讯云支付测试店',
    deviceName: '1号收银台',
    cashier: '张三',
    at: Date.UTC(2026, 10, 22, 2),
    outTradeNo: '0100005220261122000123',
    platform: 'wechat',
    amountFen: 2,
    status: 'success',
  }),
  LAYOUT_58MM,
);
const printers: WebUsbPrinter[] = [];
function setup(): { usb: FakeUsb; device: FakeUsbPrinter; printer: WebUsbPrinter } {
  const usb = new FakeUsb();
  const device = usb.plug(new FakeUsbPrinter());
  const printer = new WebUsbPrinter(usb);
  printers.push(printer);
  return { usb, device, printer };
}
afterEach(() => {
  printers.splice(0).forEach((p) => p.dispose());
});

describe('WebUSB printer transport (fake navigator.usb, real Chromium)', () => {
  it('pairs, claims the bulk OUT interface and prints a Chinese receipt', async () => {
    const { device, printer } = setup();
    const conn = await printer.pair();
    expect(conn).toMatchObject({ state: 'connected', name: 'Fake POS-58', profile: { name: 'Xprinter XP-58 (STM32)' } });
    const queue = new PrintQueue({ store: memoryJobStore(), transport: printer, chunkSize: 256 });
    expect(await queue.print('pay:1', receipt)).toEqual({ kind: 'printed', id: 'pay:1' });
    const text = receiptText(Uint8Array.from(device.paper));
    expect(text).toContain('支付方式                微信支付');
    expect(text).toContain('金额 0.02 元');
    expect(decodeEscPos(Uint8Array.from(device.paper)).barcodes).toEqual(['0100005220261122000123']);
  });

  it('prints the receipt once across an unplug and replug mid-job', async () => {
    const { usb, device, printer } = setup();
    await printer.pair();
    const queue = new PrintQueue({ store: memoryJobStore(), transport: printer, chunkSize: 256 });
    const resumed = firstValueFrom(resumeOnReconnect(printer.connection$, queue).pipe(take(1), toArray()));
    device.faults.push({ kind: 'partial', bytesWritten: 0 }, { kind: 'unplug', bytesReached: 0 });
    expect(await queue.print('pay:2', receipt)).toMatchObject({ kind: 'interrupted' });
    expect(await queue.resume('pay:2')).toMatchObject({ kind: 'interrupted', error: { code: 'disconnected' } });
    expect(printer.connection$.value.state).toBe('disconnected');
    usb.plug(device); // granted before: Chromium fires connect and the transport reopens it
    expect(await resumed).toEqual([{ kind: 'printed', id: 'pay:2' }]);
    expect(Uint8Array.from(device.paper)).toEqual(receipt.bytes);
  });

  it('repeats at most the lines of the chunk in flight when the cable is pulled mid-transfer', async () => {
    const { usb, device, printer } = setup();
    await printer.pair();
    const queue = new PrintQueue({ store: memoryJobStore(), transport: printer, chunkSize: 128 });
    device.faults.push({ kind: 'partial', bytesWritten: 128 }, { kind: 'unplug', bytesReached: 40 });
    await queue.print('pay:3', receipt);
    usb.plug(device);
    await firstValueFrom(printer.connection$.pipe(filter((c) => c.state === 'connected')));
    expect(await queue.resume('pay:3')).toEqual({ kind: 'printed', id: 'pay:3' });
    const d = decodeEscPos(Uint8Array.from(device.paper));
    expect(d.cuts).toBe(1);
    expect(d.barcodes).toHaveLength(1);
    expect(device.paper.length - receipt.bytes.length).toBeLessThanOrEqual(40);
  });

  it('reconnects to a granted printer without a prompt', async () => {
    const { usb, device } = setup();
    await new WebUsbPrinter(usb).pair(); // grants it
    device.detach();
    device.plugged = true; // fresh page: closed but still plugged in
    const printer = new WebUsbPrinter(usb);
    printers.push(printer);
    expect((await printer.reconnect()).state).toBe('connected');
  });

  it('reports typed errors: busy, cancelled chooser, unsupported, not connected', async () => {
    const { usb, device, printer } = setup();
    device.claimedElsewhere = true;
    await expect(printer.pair()).rejects.toSatisfy((e) => isDeviceError(e, 'busy') && e.retryable);
    usb.choose = () => undefined;
    await expect(printer.pair()).rejects.toSatisfy((e) => isDeviceError(e, 'permission_denied'));
    await expect(new WebUsbPrinter(undefined).pair()).rejects.toSatisfy((e) => isDeviceError(e, 'unsupported'));
    await expect(printer.write(new Uint8Array([0x0a]))).rejects.toSatisfy((e) => isDeviceError(e, 'disconnected'));
  });
});
