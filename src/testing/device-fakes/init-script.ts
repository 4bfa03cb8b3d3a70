/**
 * Entry for end-to-end tests: bundled to one IIFE and passed to Playwright's
 * `page.addInitScript({ path })`, it replaces `navigator.usb`/`navigator.hid` before the app
 * loads and exposes the fakes as `window.__cpayFakes` so the test can plug devices, scan and
 * read the paper:
 *   await page.evaluate(() => __cpayFakes.hid.attached[0]?.scan('134567890123456789'));
 */
import { FakeHidScanner } from './hid-scanner.js';
import { installFakeDevices, type InstalledFakes } from './index.js';
import { FakeUsbPrinter } from './usb-printer.js';

/** What the init script puts on `window`. */
export interface CpayFakesGlobal extends InstalledFakes {
  readonly FakeUsbPrinter: typeof FakeUsbPrinter;
  readonly FakeHidScanner: typeof FakeHidScanner;
}

declare global {
  interface Window {
    __cpayFakes?: CpayFakesGlobal;
  }
}

/** Installs the fakes on this window (idempotent). */
export function installOnWindow(w: Window = window): CpayFakesGlobal {
  w.__cpayFakes ??= { ...installFakeDevices(w.navigator), FakeUsbPrinter, FakeHidScanner };
  return w.__cpayFakes;
}

if (typeof window !== 'undefined') installOnWindow();
