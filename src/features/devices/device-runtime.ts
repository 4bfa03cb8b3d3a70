/**
 * The devices runtime as the app sees it (the port): what the lazy devices chunk
 * (app/compose/devices-runtime.ts) needs and offers. The composition root hands createDevices a
 * loader for that chunk, so this feature never imports the composition root.
 */
import type { Observable } from 'rxjs';
import type { ReceiptDoc } from '../../kernel/receipt-doc.js';
import type { PrintOutcome, WebUsbPrinter } from '../../platform/devices/printer/index.js';
import type { DecodedReceipt } from '../../platform/devices/printer/decode.js';
import type { PrinterConnection } from '../../platform/devices/printer/webusb.js';
import type { ScanHub, WebHidScanner } from '../../platform/devices/scanner/index.js';
import type { HidLike } from '../../platform/devices/platform/hid.js';
import type { UsbLike } from '../../platform/devices/platform/usb.js';
import type { Clock } from '../../kernel/flow/ports.js';
import type { BindingRecord } from '../../kernel/binding.js';
import type { Db } from '../../platform/storage/db.js';
import type { AppSignals } from '../../app/context/signals.js';
import type { Tracer } from '../../platform/net/trace.js';
import type { ReprintOrder } from '../history/reprint.js';
import type { PayPlatformName } from '@cpay/protocol';

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
  /** The drawer pin chosen in Settings (2 or 5), or undefined for the printer profile's. */
  readonly drawerPin?: () => 2 | 5 | undefined;
  /** The app's tracer: every device write is traced like a cpay call (platform/devices/traced-transport.ts). */
  readonly tracer?: Pick<Tracer, 'timed'>;
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
  /** Kicks the cash drawer (ESC p on the drawer pin) through the printer path, nothing printed. */
  openDrawer(): Promise<PrintOutcome>;
}

/** The lazy devices chunk (app/compose/devices-runtime.ts), loaded by the loader the composition root injects. */
export interface DeviceRuntimeModule {
  startDeviceRuntime(d: RuntimeDeps): DeviceRuntime;
}

/** A payment that succeeded (what its receipt needs). */
export interface PaidOrder {
  readonly outTradeNo: string;
  readonly amount: number;
  readonly platform: PayPlatformName | undefined;
  /** A bookkeeping sale (platform `bookkeeping`): its method, and for cash the tendered amount and change; cash kicks the drawer. */
  readonly bookkeeping?: { readonly method: 'cash' | 'card'; readonly tenderedFen?: number; readonly changeFen?: number };
}
