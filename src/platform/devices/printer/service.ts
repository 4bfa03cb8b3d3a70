/**
 * What flows and screens use to print: a receipt document under a job id. It encodes for the
 * connected printer's layout and hands the bytes to the print-once queue.
 */
import { encodeDrawerKick, encodeReceipt } from './escpos.js';
import type { ReceiptDoc } from '../../../kernel/receipt-doc.js';
import { LAYOUT_80MM, type PrintLayout } from './model.js';
import { DEFAULT_PROFILE } from './profiles.js';
import type { PrintOutcome, PrintQueue } from './queue.js';
import type { PrinterConnection } from './webusb.js';

/** The printing port (flows import this interface only). */
export interface ReceiptPrinterPort {
  /** Prints once per `jobId` (e.g. `pay:<out_trade_no>`); asking again answers `already_printed`. */
  print(jobId: string, doc: ReceiptDoc): Promise<PrintOutcome>;
  /** An explicit extra copy: a new job (the document should carry `reprint: true`). */
  reprint(originalJobId: string, newJobId: string, doc: ReceiptDoc): Promise<PrintOutcome>;
}

/** The layout to encode for: the connected printer's profile, else `fallback` (the virtual printer's). */
export function layoutOf(connection: PrinterConnection, fallback: PrintLayout = LAYOUT_80MM): PrintLayout {
  return connection.state === 'connected' ? connection.profile.layout : fallback;
}

/**
 * Bytes per write for the connected printer's profile; the default profile's when none is
 * connected (the virtual printer), so cheap firmware never gets a transfer larger than it takes.
 */
export function chunkSizeOf(connection: PrinterConnection): number {
  return (connection.state === 'connected' ? connection.profile : DEFAULT_PROFILE).chunkSize;
}

/** Encodes and queues receipts. */
export class ReceiptPrinter implements ReceiptPrinterPort {
  /** `layout()` is read per job, so a printer swapped in Settings gets the right width. */
  constructor(
    private readonly queue: PrintQueue,
    private readonly layout: () => PrintLayout,
  ) {}

  /** See `ReceiptPrinterPort.print`. */
  print(jobId: string, doc: ReceiptDoc): Promise<PrintOutcome> {
    return this.queue.print(jobId, encodeReceipt(doc, this.layout()));
  }

  /** Kicks the cash drawer open (a job of its own: ESC p for the layout's drawer pin, nothing printed). */
  openDrawer(jobId: string): Promise<PrintOutcome> {
    return this.queue.print(jobId, encodeDrawerKick(this.layout()));
  }

  /** See `ReceiptPrinterPort.reprint`. */
  reprint(originalJobId: string, newJobId: string, doc: ReceiptDoc): Promise<PrintOutcome> {
    return this.queue.reprint(originalJobId, newJobId, encodeReceipt(doc, this.layout()));
  }
}
