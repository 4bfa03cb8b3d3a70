/**
 * Receipts owed across a reload (issue 15, fault run #92), in Chromium with real IndexedDB: the
 * journal write that makes an order paid marks its receipt owed; a page that goes away before the
 * print job is stored leaves the mark, and the next start prints that receipt, once. A receipt
 * already stored is never printed again, and an order paid before the mark existed is left alone.
 */
import type { Fen } from '@cpay/protocol';
import { lastValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderRecorder } from '../../kernel/flow/pay-journal.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { ScanHub } from '../../platform/devices/scanner/index.js';
import { openTerminalDb, type Db } from '../../platform/storage/db.js';
import { JournalRepo } from '../../platform/storage/journal-repo.js';
import { IdbPrintJobStore } from '../../platform/storage/print-job-store.js';
import { installFakeDevices } from '../../testing/device-fakes/index.js';
import { FakeUsbPrinter } from '../../testing/device-fakes/usb-printer.js';
import { AppSignals } from '../context/signals.js';
import { startDeviceRuntime, type DeviceRuntime, type PreviewReceipt } from './devices-runtime.js';

const NOW = 1_700_000_000_000;
const clock = { serverNow: () => NOW };
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

/** A page start: the device runtime over `db`, with every receipt the virtual printer prints. */
function start(db: Db, nav: Navigator = navigator): { runtime: DeviceRuntime; printed: PreviewReceipt[] } {
  const runtime = startDeviceRuntime({
    hub: new ScanHub(),
    nav,
    db,
    signals: new AppSignals(),
    clock,
    binding: () => undefined,
    lang: () => 'zh-CN',
  });
  const printed: PreviewReceipt[] = [];
  runtime.preview$.subscribe((p) => printed.push(p));
  return { runtime, printed };
}

/** An order journaled and then paid through the flows' recorder (the real success write). */
async function paid(journal: JournalRepo, outTradeNo: string): Promise<JournalEntry> {
  const first: JournalEntry = {
    outTradeNo,
    kind: 'micropay',
    amount: 7 as Fen,
    body: 'test',
    status: 'pending',
    platform: 'wechat',
    createdAt: NOW - 60_000,
    updatedAt: NOW - 60_000,
    history: [{ at: NOW - 60_000, phase: 'submitting', cause: 'order created' }],
  };
  const r = new OrderRecorder(journal, clock, first, () => undefined);
  await lastValueFrom(r.create());
  return lastValueFrom(r.record({ status: 'success' }, { phase: 'success', cause: 'settled' }));
}

const settle = (ms = 600) =>
  new Promise((r) => {
    setTimeout(r, ms);
  });

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await settle(50);
  }
}

describe('payment receipts owed across a reload', () => {
  it('the success write marks the receipt owed; the next start prints it once and clears the mark', async () => {
    const db = await openTerminalDb(`test-${crypto.randomUUID()}`);
    opened.push(db);
    const journal = new JournalRepo(db);
    // Paid, then the page went away before the receipt's print job was stored.
    expect((await paid(journal, '0100005200000021')).receiptOwed).toBe(true);
    expect(await new IdbPrintJobStore(db).get('pay:0100005200000021')).toBeUndefined();

    const first = start(db);
    await until(async () => (await journal.get('0100005200000021'))?.receiptOwed === undefined);
    await settle();
    expect(first.printed.map((p) => p.jobId)).toEqual(['pay:0100005200000021']);
    expect(first.printed[0]?.receipt.barcodes).toContain('0100005200000021');
    expect((await new IdbPrintJobStore(db).get('pay:0100005200000021'))?.state).toBe('done');
    expect((await journal.get('0100005200000021'))?.status).toBe('success');

    // The next start owes nothing: no second receipt.
    const second = start(db);
    await settle();
    expect(second.printed).toEqual([]);
  });

  it('a receipt printed live is not printed again at the next start; an unmarked paid order is left alone', async () => {
    const db = await openTerminalDb(`test-${crypto.randomUUID()}`);
    opened.push(db);
    const journal = new JournalRepo(db);
    const live = start(db);
    await paid(journal, '0100005200000022');
    expect((await live.runtime.printPayment({ outTradeNo: '0100005200000022', amount: 7, platform: 'wechat' })).kind).toBe('printed');
    expect((await journal.get('0100005200000022'))?.receiptOwed).toBeUndefined();
    // Paid before receipts were marked owed (no mark): its receipt is not this start's business.
    const { receiptOwed: _o, ...old } = await paid(journal, '0100005200000023');
    await journal.put(old);

    const next = start(db);
    await settle();
    expect(next.printed).toEqual([]);
    expect(live.printed.map((p) => p.jobId)).toEqual(['pay:0100005200000022']);
  });

  it('with a USB printer paired, the owed receipt goes to its paper once the page has it back, not to the screen', async () => {
    const db = await openTerminalDb(`test-${crypto.randomUUID()}`);
    opened.push(db);
    const journal = new JournalRepo(db);
    await paid(journal, '0100005200000024');
    const nav = {} as Navigator;
    const fakes = installFakeDevices(nav);
    const printer = fakes.usb.plug(new FakeUsbPrinter(0x04b8, 0x0e15, 'Fake TM-T20'), { granted: true });
    // The page takes the paired printer back a moment after it starts (a reloaded page, a slow USB stack).
    const getDevices = fakes.usb.getDevices.bind(fakes.usb);
    fakes.usb.getDevices = async () => {
      await settle(300);
      return getDevices();
    };

    const next = start(db, nav);
    await until(async () => (await journal.get('0100005200000024'))?.receiptOwed === undefined);
    expect(next.printed).toEqual([]);
    const text = new TextDecoder('latin1').decode(Uint8Array.from(printer.paper));
    expect(text.split('0100005200000024').length - 1).toBeGreaterThan(0);
    const paperBefore = printer.paper.length;
    start(db, nav);
    await settle();
    expect(printer.paper.length).toBe(paperBefore);
  });
});
