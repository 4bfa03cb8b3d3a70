/**
 * The printer's public face: encoder, queue, transport, and the wiring helper that
 * resumes interrupted jobs when the printer comes back.
 */
import { concatMap, filter, from, type Observable } from 'rxjs';
import type { PrintOutcome, PrintQueue } from './queue.js';
import type { PrinterConnection } from './webusb.js';

export { encodeReceipt, type EncodedReceipt } from './escpos.js';
export { decodeEscPos, receiptText, type DecodedReceipt } from './decode.js';
export { LAYOUT_58MM, LAYOUT_80MM, type PrintLayout } from './model.js';
export { PrintQueue, type PrintOutcome } from './queue.js';
export { memoryJobStore, type PrintJob, type PrintJobStore, type PrinterTransport } from './port.js';
export { WebUsbPrinter, type PrinterConnection } from './webusb.js';
export { VirtualPrinter } from './virtual.js';
export { ReceiptPrinter, chunkSizeOf, layoutOf, type ReceiptPrinterPort } from './service.js';
export { printerProfile, DEFAULT_PROFILE, PRINTER_PROFILES, type PrinterProfile } from './profiles.js';

/**
 * Each time the printer (re)connects, resumes the unfinished jobs in order (`concatMap`: a
 * receipt must not interleave with another). Subscribe once at the composition root.
 */
export function resumeOnReconnect(connection$: Observable<PrinterConnection>, queue: PrintQueue): Observable<PrintOutcome> {
  return connection$.pipe(
    filter((c) => c.state === 'connected'),
    concatMap(() => from(queue.unfinished())),
    concatMap((jobs) => from(jobs)),
    concatMap((job) => queue.resume(job.id)),
  );
}
