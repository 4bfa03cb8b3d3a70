/**
 * Printer runs of the matrix: a payment receipt printed through the real print-once queue and
 * WebUSB transport onto a fake USB printer (src/testing/device-fakes) whose cable is pulled mid-print
 * at a random byte; the printer is plugged back, the queue resumes, and the cashier (or a
 * reload) asks for the same receipt again. The paper must hold that receipt exactly once: the
 * bytes are exactly the receipt plus, per pull, the part of the interrupted chunk that reached
 * the printer before the cable went (queue.ts's documented limit) — never a second receipt.
 */
import { FakeUsb, FakeUsbPrinter } from '../../src/testing/device-fakes/index.js';
import { decodeEscPos } from '../../src/platform/devices/printer/decode.js';
import { encodeReceipt } from '../../src/platform/devices/printer/escpos.js';
import { LAYOUT_58MM } from '../../src/platform/devices/printer/model.js';
import { memoryJobStore } from '../../src/platform/devices/printer/port.js';
import { PrintQueue, nextChunkEnd } from '../../src/platform/devices/printer/queue.js';
import { paymentReceipt } from '../../src/kernel/receipt.js';
import { WebUsbPrinter } from '../../src/platform/devices/printer/webusb.js';
import { mulberry32 } from './plan.js';
import type { RunResult } from './truth.js';

export const CHUNK = 256;

/** One print run with `unplugs` pulls of the cable; returns its violations. */
async function printRun(seed: number, n: number, fired: Set<string>): Promise<string[]> {
  const rng = mulberry32(seed + n);
  const usb = new FakeUsb();
  const device = usb.plug(new FakeUsbPrinter(), { granted: true });
  const printer = new WebUsbPrinter(usb);
  await printer.pair();
  const queue = new PrintQueue({ store: memoryJobStore(), transport: printer, chunkSize: CHUNK });
  const otn = `0100005220261122${String(n).padStart(6, '0')}`;
  const enc = encodeReceipt(
    paymentReceipt({
      shopName: '测试门店',
      deviceName: 'T1',
      at: 1_763_800_000_000,
      outTradeNo: otn,
      platform: 'wechat',
      amountFen: 100 + n,
      status: 'success',
    }),
    LAYOUT_58MM,
  );
  const unplugs = 1 + Math.floor(rng() * 2);
  const reached = Array.from({ length: unplugs }, () => Math.floor(rng() * CHUNK));
  for (const bytesReached of reached) device.faults.push({ kind: 'unplug', bytesReached });
  const v: string[] = [];
  let outcome = await queue.print(`pay:${otn}`, enc);
  for (let tries = 0; outcome.kind === 'interrupted' && tries < 5; tries += 1) {
    usb.plug(device, { granted: true });
    await printer.reconnect();
    outcome = rng() < 0.5 ? await queue.resume(`pay:${otn}`) : await queue.print(`pay:${otn}`, enc);
  }
  if (device.faults.length < reached.length) fired.add('printer_unplug'); // the fake printer consumed a pull
  if (outcome.kind !== 'printed') v.push(`receipt ${otn} ended ${outcome.kind}`);
  const again = await queue.print(`pay:${otn}`, enc); // a second request (double tap, reload)
  if (again.kind !== 'already_printed') v.push(`a second request for ${otn} printed again (${again.kind})`);
  const expected = expectedPaper(enc, reached);
  const paper = Uint8Array.from(device.paper);
  if (!sameBytes(paper, expected))
    v.push(`receipt ${otn}: ${paper.length} bytes on the paper, expected ${expected.length} (receipt ${enc.bytes.length} + interrupted parts)`);
  const clean = decodeEscPos(enc.bytes);
  if (clean.cuts !== 1 || clean.barcodes.filter((b) => b.includes(otn)).length !== 1) v.push(`receipt ${otn}: the encoded receipt itself is not one receipt`);
  printer.dispose();
  return v;
}

/** The paper a print-once queue must leave: each pull repeats only what reached the printer of that chunk. */
export function expectedPaper(enc: { bytes: Uint8Array; lineStarts: readonly number[] }, reached: readonly number[]): Uint8Array {
  const out: number[] = [];
  const pulls = [...reached];
  let sent = 0;
  while (sent < enc.bytes.length) {
    const chunk = enc.bytes.subarray(sent, nextChunkEnd({ ...enc, sent }, CHUNK));
    const pull = pulls.shift();
    if (pull !== undefined) {
      out.push(...chunk.subarray(0, pull));
      continue;
    }
    out.push(...chunk);
    sent += chunk.length;
  }
  return Uint8Array.from(out);
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Runs `count` printer runs from `seed`. */
export async function printRuns(seed: number, count: number, first: number): Promise<RunResult[]> {
  const out: RunResult[] = [];
  for (let i = 0; i < count; i += 1) {
    const t0 = Date.now();
    const fired = new Set<string>();
    const violations = await printRun(seed, i, fired).catch((e: unknown) => [`print run crashed: ${e instanceof Error ? e.message : String(e)}`]);
    out.push({ n: first + i, flow: 'print', faults: ['printer_unplug'], fired: [...fired], violations, ms: Date.now() - t0 });
  }
  return out;
}
