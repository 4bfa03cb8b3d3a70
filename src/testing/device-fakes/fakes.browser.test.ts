import { describe, expect, it } from 'vitest';
import { WebUsbPrinter } from '../../platform/devices/printer/webusb.js';
import { WebHidScanner } from '../../platform/devices/scanner/webhid.js';
import type { HidLike } from '../../platform/devices/platform/hid.js';
import type { UsbLike } from '../../platform/devices/platform/usb.js';
import { installOnWindow } from './init-script.js';

describe('fakes installed on the real navigator (as page.addInitScript will)', () => {
  it('replaces navigator.usb and navigator.hid and drives the real transports', async () => {
    const fakes = installOnWindow();
    expect(window.__cpayFakes).toBe(fakes);
    const nav = navigator as Navigator & { usb: UsbLike; hid: HidLike };
    expect(nav.usb).toBe(fakes.usb);
    expect(nav.hid).toBe(fakes.hid);

    const printerDevice = fakes.usb.plug(new fakes.FakeUsbPrinter(0x04b8, 0x0e15, 'TM-T20'));
    const printer = new WebUsbPrinter(nav.usb);
    expect(await printer.pair()).toMatchObject({ state: 'connected', profile: { name: 'Epson TM-T20', layout: { columns: 48 } } });
    await printer.write(new Uint8Array([0x1b, 0x40, 0x0a]));
    expect(printerDevice.paper).toEqual([0x1b, 0x40, 0x0a]);

    const scannerDevice = fakes.hid.plug(new fakes.FakeHidScanner());
    const scanner = new WebHidScanner(nav.hid);
    const texts: string[] = [];
    scanner.scans$.subscribe((s) => texts.push(s.text));
    await scanner.pair();
    scannerDevice.scan('134567890123456789');
    expect(texts).toEqual(['134567890123456789']);
    printer.dispose();
    scanner.dispose();
  });
});
