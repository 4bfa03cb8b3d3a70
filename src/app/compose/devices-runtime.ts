/**
 * The lazy part of the devices (loaded after the first screen): the WebUSB printer, or the
 * virtual printer when none is connected (sandbox, or no printer yet), behind the print-once
 * queue with IndexedDB jobs; WebHID scanners feeding the scan hub; the status bar's device list;
 * unfinished jobs resumed when the printer comes back.
 */
import { Subject } from 'rxjs';
import {
  PrintQueue,
  ReceiptPrinter,
  VirtualPrinter,
  WebUsbPrinter,
  chunkSizeOf,
  layoutOf,
  resumeOnReconnect,
  type PrintOutcome,
  type PrinterTransport,
} from '../../platform/devices/printer/index.js';
import { paymentReceipt, withShopLines, type PaymentReceiptStatus } from '../../kernel/receipt.js';
import type { ReceiptDoc } from '../../kernel/receipt-doc.js';
import { WebHidScanner } from '../../platform/devices/scanner/index.js';
import { peripheralStatus$ } from '../../platform/devices/status.js';
import { IdbPrintJobStore } from '../../platform/storage/print-job-store.js';
import { OWED_RECEIPT_WINDOW_MS, owedReceipts, receiptStored } from '../../platform/storage/owed-receipts.js';
import type { PaidOrder } from '../../features/devices/devices.js';
import { paymentReceiptStatus, testReceipt } from '../../features/devices/devices-receipts.js';
import type { DeviceRuntime, PreviewReceipt, RuntimeDeps } from '../../features/devices/device-runtime.js';
import { tracedTransport } from '../../platform/devices/traced-transport.js';

export type { DeviceRuntime, PreviewReceipt, RuntimeDeps } from '../../features/devices/device-runtime.js';

const COPY_LINE = { kind: 'text', text: '** 重印 / COPY **', align: 'center', bold: true } as const;

/**
 * Print requests in order, each with its document. Our chain mirrors the queue's own order, so
 * a receipt the virtual printer cuts belongs to the `active` job (the preview's reprint needs it).
 */
class PrintJobs {
  private readonly docs = new Map<string, ReceiptDoc>();
  private tail: Promise<unknown> = Promise.resolve();
  /** The job being sent now. */
  active = '';

  run(jobId: string, doc: ReceiptDoc, work: () => Promise<PrintOutcome>): Promise<PrintOutcome> {
    this.docs.set(jobId, doc);
    const next = this.tail.then(() => {
      this.active = jobId;
      return work();
    });
    this.tail = next.catch((e: unknown) => console.warn('[printer]', e));
    return next;
  }

  doc(jobId: string): ReceiptDoc | undefined {
    return this.docs.get(jobId);
  }
}

/** What every receipt prints at the top, from the binding (now). */
function headerOf(d: RuntimeDeps) {
  const b = d.binding();
  return {
    shopName: b?.shopName ?? '',
    deviceName: b?.deviceName ?? '',
    ...(b?.staffName ? { cashier: b.staffName } : {}),
    at: d.clock.serverNow(),
    lang: d.lang(),
  };
}

/** Starts the printer and HID scanners and wires them to the hub and the status bar. */
export function startDeviceRuntime(d: RuntimeDeps): DeviceRuntime {
  const usb = new WebUsbPrinter(d.nav.usb);
  const virtual = new VirtualPrinter();
  // The printer paired before this page comes back first (reconnect); until that attempt is over no
  // receipt is sent, or a receipt printed at start (an owed one, a recovered sale's) would go to
  // the screen instead of the paper the printer is about to take again (issue 15).
  // (A reconnect that never answers holds receipts back 3 s at most.)
  const reconnected: Promise<unknown> = d.nav.usb
    ? Promise.race([
        usb.reconnect().catch((e: unknown) => console.warn('[printer] reconnect', e)),
        new Promise((r) => {
          setTimeout(r, 3_000);
        }),
      ])
    : Promise.resolve();
  // A connected printer prints; otherwise the screen does (sandbox, or no printer paired yet).
  // Every device write leaves a trace record, like a cpay call (what, outcome, duration; never the bytes).
  const traced = (out: PrinterTransport, what: string): PrinterTransport => (d.tracer ? tracedTransport(out, d.tracer, undefined, what) : out);
  const [usbOut, virtualOut] = [traced(usb, 'printer.write usb'), traced(virtual, 'printer.write virtual')];
  const transport: PrinterTransport = {
    write: async (c) => {
      await reconnected;
      return (usb.connection$.value.state === 'connected' ? usbOut : virtualOut).write(c);
    },
  };
  // Chunks as large as the printer that gets them takes: its profile's, else the default profile's.
  const queue = new PrintQueue({ store: new IdbPrintJobStore(d.db), transport, chunkSize: () => chunkSizeOf(usb.connection$.value) });
  // The drawer pin set in Settings wins over the printer profile's.
  const receipts = new ReceiptPrinter(queue, () => {
    const layout = layoutOf(usb.connection$.value);
    const pin = d.drawerPin?.();
    return pin === undefined ? layout : { ...layout, drawerPin: pin };
  });
  const scanner = new WebHidScanner(d.nav.hid);
  const jobs = new PrintJobs();
  const preview = new Subject<PreviewReceipt>();
  let seq = 0;
  const newId = (kind: string) => `${kind}:${d.clock.serverNow()}:${++seq}`;
  const shop = (doc: ReceiptDoc): ReceiptDoc => {
    const l = d.shopLines?.();
    return l ? withShopLines(doc, l.header, l.footer) : doc;
  };
  const print = (id: string, plain: ReceiptDoc) => {
    const doc = shop(plain);
    return jobs.run(id, doc, () => receipts.print(id, doc));
  };
  const copy = (of: string, doc: ReceiptDoc) => {
    const id = newId(`copy:${of}`);
    return jobs.run(id, doc, () => receipts.reprint(of, id, doc));
  };
  // A reprint states the payment's own time (`at`), not the time of the copy.
  // A cash sale's receipt names 现金 with the tendered amount and change, and kicks the drawer (not on a reprint).
  const payDoc = (o: PaidOrder, status: PaymentReceiptStatus, reprint = false, at?: number): ReceiptDoc => {
    const doc = paymentReceipt({
      ...headerOf(d),
      ...(at === undefined ? {} : { at }),
      reprint,
      outTradeNo: o.outTradeNo,
      platform: o.bookkeeping ? (o.bookkeeping.method === 'cash' ? 'cash' : 'bank_card') : (o.platform ?? 'unknown'),
      amountFen: o.amount,
      status,
      ...(o.bookkeeping?.tenderedFen === undefined ? {} : { tenderedFen: o.bookkeeping.tenderedFen, changeFen: o.bookkeeping.changeFen ?? 0 }),
    });
    return o.bookkeeping?.method === 'cash' && !reprint ? { ...doc, openDrawer: true } : doc;
  };

  // A payment's receipt: once its job is in the store (printed, or interrupted and resumed when the
  // printer is back) the journal no longer owes it. A failure to store it leaves it owed.
  const printPayment = async (o: PaidOrder, at?: number): Promise<PrintOutcome> => {
    const outcome = await print(`pay:${o.outTradeNo}`, payDoc(o, 'success', false, at));
    await receiptStored(d.db, o.outTradeNo).catch((e: unknown) => console.warn('[printer] receipt mark', e));
    return outcome;
  };

  virtual.receipts$.subscribe((receipt) => preview.next({ jobId: jobs.active, receipt }));
  d.hub.connect([scanner.scans$]);
  resumeOnReconnect(usb.connection$, queue).subscribe({ error: (e: unknown) => console.warn('[printer] resume failed', e) });
  peripheralStatus$(usb.connection$, scanner.connection$).subscribe((list) => d.signals.setDevices(list));
  // Receipts owed by an earlier page (reloaded or closed right after a success): printed now,
  // under the same job id (printed once), stating the payment's own time.
  void owedReceipts(d.db, d.clock.serverNow() - OWED_RECEIPT_WINDOW_MS)
    .then(async (owed) => {
      for (const e of owed) await printPayment({ outTradeNo: e.outTradeNo, amount: e.amount, platform: e.platform }, e.updatedAt);
    })
    .catch((e: unknown) => console.warn('[printer] owed receipts', e));
  if (d.nav.hid) void scanner.reconnect().catch((e: unknown) => console.warn('[scanner] reconnect', e));

  return {
    printer: usb,
    scanner,
    printerConnection$: usb.connection$.asObservable(),
    preview$: preview.asObservable(),
    printPayment: (o) => printPayment(o),
    print: (doc) => print(newId('doc'), doc),
    reprintOrder: (o) => copy(`pay:${o.outTradeNo}`, shop(payDoc(o, paymentReceiptStatus(o.status), true, o.at))),
    reprintJob: (jobId) => {
      const doc = jobs.doc(jobId);
      return doc
        ? copy(jobId, { ...doc, lines: [COPY_LINE, ...doc.lines] })
        : Promise.reject(new RangeError(`print job ${jobId} is not known in this session: reprint it from the history`));
    },
    testPrint: () => print(newId('test'), testReceipt(headerOf(d))),
    openDrawer: async () => {
      const id = newId('drawer');
      await reconnected;
      return receipts.openDrawer(id);
    },
  };
}
