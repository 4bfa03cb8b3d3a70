/**
 * Fake WebUSB/WebHID devices for tests and sandbox demos. Never imported by the production app
 * (design.md: only a dev-only dynamic import may reach test code).
 */
import { FakeHid } from './hid-scanner.js';
import { FakeUsb } from './usb-printer.js';

export { FakeHid, FakeHidScanner } from './hid-scanner.js';
export { FakeUsb, FakeUsbPrinter, type UsbFault } from './usb-printer.js';

/** The fakes installed on a navigator. */
export interface InstalledFakes {
  readonly usb: FakeUsb;
  readonly hid: FakeHid;
}

/**
 * Replaces `navigator.usb` and `navigator.hid` with fakes (for `page.addInitScript` bundles and
 * browser tests) and returns them so the test can plug devices and scan.
 */
export function installFakeDevices(nav: object = globalThis.navigator): InstalledFakes {
  const fakes: InstalledFakes = { usb: new FakeUsb(), hid: new FakeHid() };
  Object.defineProperty(nav, 'usb', { value: fakes.usb, configurable: true });
  Object.defineProperty(nav, 'hid', { value: fakes.hid, configurable: true });
  return fakes;
}
