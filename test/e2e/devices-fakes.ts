/**
 * Support for the devices end-to-end tests: bundles src/testing/device-fakes/init-script.ts to one IIFE
 * (for `page.addInitScript({ path })`, which puts fake `navigator.usb`/`navigator.hid` in place
 * before the app loads), and reads the fake printer's paper back as receipts with the test decoder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { decodeEscPos, type DecodedReceipt } from '../../src/platform/devices/printer/decode.js';
import type { CpayFakesGlobal } from '../../src/testing/device-fakes/init-script.js';

/** What the plug script leaves on `window` for the test (the fakes, the printer, the scanner). */
export type FakeWindow = Window & {
  readonly __cpayFakes: CpayFakesGlobal;
  readonly __cpayPrinter: InstanceType<CpayFakesGlobal['FakeUsbPrinter']>;
  readonly __cpayScanner: InstanceType<CpayFakesGlobal['FakeHidScanner']>;
};

/** Builds the init script once; resolves to its path. */
export async function buildFakesInitScript(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'cpay-fakes-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      write: true,
      copyPublicDir: false,
      lib: {
        entry: fileURLToPath(new URL('../../src/testing/device-fakes/init-script.ts', import.meta.url)),
        formats: ['iife'],
        name: 'cpayFakesInit',
        fileName: () => 'fakes.js',
      },
    },
  });
  return join(outDir, 'fakes.js');
}

/** Plugs a granted Epson-like printer (80 mm, cutter) and a granted HID POS scanner at page start. */
export async function plugFakeDevices(page: Page, initScriptPath: string): Promise<void> {
  await page.addInitScript({ path: initScriptPath });
  await page.addInitScript(() => {
    const f = window.__cpayFakes;
    if (!f) return;
    const printer = f.usb.plug(new f.FakeUsbPrinter(0x04b8, 0x0e15, 'Fake TM-T20'), { granted: true });
    const scanner = f.hid.plug(new f.FakeHidScanner(), { granted: true });
    Object.assign(window, { __cpayPrinter: printer, __cpayScanner: scanner });
  });
}

/** Every byte the fake printer put on paper so far. */
export async function paperBytes(page: Page): Promise<number[]> {
  return page.evaluate(() => [...(window as unknown as FakeWindow).__cpayPrinter.paper]);
}

/** The paper from byte `from` on, decoded (text lines, barcodes, QR, cuts). */
export async function paperFrom(page: Page, from = 0): Promise<DecodedReceipt & { readonly text: string }> {
  const d = decodeEscPos(Uint8Array.from((await paperBytes(page)).slice(from)));
  return { ...d, text: d.lines.map((l) => l.text.trimEnd()).join('\n') };
}

/** Counts non-overlapping occurrences of `needle`. */
export function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
