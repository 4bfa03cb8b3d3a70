/**
 * The lazy part of the devices (loaded after the first screen): the WebUSB printer, or the
 * virtual printer when none is connected (sandbox, or no printer yet), behind the print-once
 * queue with IndexedDB jobs; WebHID scanners feeding the scan hub; the status bar's device list;
 * unfinished jobs resumed when the printer comes back.
 */
import { Subject, type Observable } from 'rxjs';
import {
  PrintQueue,
  ReceiptPrinter,
  VirtualPrinter,
  WebUsbPrinter,
  chunkSizeOf,
  layoutOf,
  paymentReceipt,
  resumeOnReconnect,
  withShopLines,
  type PaymentReceiptStatus,
  type PrintOutcome,
  type PrinterTransport,
  type ReceiptDoc,
} from '../../platform/devices/printer/index.js';
import type { DecodedReceipt } from '../../platform/devices/printer/decode.js';
import type { PrinterConnection } from '../../platform/devices/printer/webusb.js';
import { WebHidScanner, type ScanHub } from '../../platform/devices/scanner/index.js';
import type { HidLike } from '../../platform/devices/platform/hid.js';
import type { UsbLike } from '../../platform/devices/platform/usb.js';
import { peripheralStatus$ } from '../../platform/devices/status.js';
import type { Clock } from '../../kernel/flow/ports.js';
import type { ReprintOrder } from '../../features/history/reprint.js';
import type { BindingRecord } from '../../platform/storage/schema.js';
import type { Db } from '../../platform/storage/db.js';
import { IdbPrintJobStore } from '../../platform/storage/print-job-store.js';
import type { AppSignals } from '../context/signals.js';
import type { PaidOrder } from '../../features/devices/devices.js';
import { paymentReceiptStatus, testReceipt } from '../../features/devices/devices-receipts.js';

/** What the runtime needs from the composition root. */
export interface RuntimeDeps {
  readonly hub: ScanHub;
  readonly nav: Navigator & { readonly usb?: UsbLike; readonly hid?: HidLike };
  /** The terminal database (print jobs live in its `printJobs` store). */
  readonly db: Db;
  readonly signals: AppSignals;
  readonly clock: Clock;
  readonly binding: () => BindingRecord | undefined;
  readonly lang: () => 'zh-CN' | 'en';
  /** The shop's extra receipt lines (fleet defaults), added to every receipt printed. */
  readonly shopLines?: () => { readonly header: string; readonly footer: string };
}

/** A receipt the virtual printer printed, with the job it came from (for "reprint"). */
export interface PreviewReceipt {
  readonly jobId: string;
  readonly receipt: DecodedReceipt;
}

/** The running devices (settings screen, receipt preview). */
export interface DeviceRuntime {
  readonly printer: WebUsbPrinter;
  readonly scanner: WebHidScanner;
  readonly printerConnection$: Observable<PrinterConnection>;
  /** Receipts the virtual printer printed (the on-screen preview). */
  readonly preview$: Observable<PreviewReceipt>;
  printPayment(order: PaidOrder): Promise<PrintOutcome>;
  print(doc: ReceiptDoc): Promise<PrintOutcome>;
  /** A copy of an order's payment receipt stating `order.status` (never "paid" unless it was). */
  reprintOrder(order: ReprintOrder): Promise<PrintOutcome>;
  /** An explicit new job repeating `jobId`'s receipt, marked as a copy. */
  reprintJob(jobId: string): Promise<PrintOutcome>;
  testPrint(): Promise<PrintOutcome>;
}

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
  // A connected printer prints; otherwise the screen does (sandbox, or no printer paired yet).
  const transport: PrinterTransport = { write: (c) => (usb.connection$.value.state === 'connected' ? usb : virtual).write(c) };
  // Chunks as large as the printer that gets them takes: its profile's, else the default profile's.
  const queue = new PrintQueue({ store: new IdbPrintJobStore(d.db), transport, chunkSize: () => chunkSizeOf(usb.connection$.value) });
  const receipts = new ReceiptPrinter(queue, () => layoutOf(usb.connection$.value));
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
  const payDoc = (o: PaidOrder, status: PaymentReceiptStatus, reprint = false, at?: number) =>
    paymentReceipt({
      ...headerOf(d),
      ...(at === undefined ? {} : { at }),
      reprint,
      outTradeNo: o.outTradeNo,
      platform: o.platform ?? 'unknown',
      amountFen: o.amount,
      status,
    });

  virtual.receipts$.subscribe((receipt) => preview.next({ jobId: jobs.active, receipt }));
  d.hub.connect([scanner.scans$]);
  resumeOnReconnect(usb.connection$, queue).subscribe({ error: (e: unknown) => console.warn('[printer] resume failed', e) });
  peripheralStatus$(usb.connection$, scanner.connection$).subscribe((list) => d.signals.setDevices(list));
  if (d.nav.usb) void usb.reconnect().catch((e: unknown) => console.warn('[printer] reconnect', e));
  if (d.nav.hid) void scanner.reconnect().catch((e: unknown) => console.warn('[scanner] reconnect', e));

  return {
    printer: usb,
    scanner,
    printerConnection$: usb.connection$.asObservable(),
    preview$: preview.asObservable(),
    printPayment: (o) => print(`pay:${o.outTradeNo}`, payDoc(o, 'success')),
    print: (doc) => print(newId('doc'), doc),
    reprintOrder: (o) => copy(`pay:${o.outTradeNo}`, shop(payDoc(o, paymentReceiptStatus(o.status), true, o.at))),
    reprintJob: (jobId) => {
      const doc = jobs.doc(jobId);
      return doc
        ? copy(jobId, { ...doc, lines: [COPY_LINE, ...doc.lines] })
        : Promise.reject(new RangeError(`print job ${jobId} is not known in this session: reprint it from the history`));
    },
    testPrint: () => print(newId('test'), testReceipt(headerOf(d))),
  };
}
