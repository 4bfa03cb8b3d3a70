/**
 * The "virtual printer" for sandbox mode and the on-screen receipt preview: a `PrinterTransport`
 * that accepts every byte and, at each paper cut, publishes the receipt decoded back into text
 * lines, QR and barcode contents (decode.ts). Use a layout with a cutter so receipts end in GS V.
 */
import { Subject, type Observable } from 'rxjs';
import { decodeEscPos, type DecodedReceipt } from './decode.js';
import type { PrinterTransport, WriteResult } from './port.js';

/** A printer that prints to the screen. */
export class VirtualPrinter implements PrinterTransport {
  private pending: number[] = [];
  private readonly printed = new Subject<DecodedReceipt>();
  /** One value per cut receipt. */
  readonly receipts$: Observable<DecodedReceipt> = this.printed.asObservable();

  /** Accepts the chunk whole; publishes every receipt the chunk completes. */
  async write(chunk: Uint8Array): Promise<WriteResult> {
    this.pending.push(...chunk);
    let end = this.cutEnd();
    while (end > 0) {
      this.printed.next(decodeEscPos(Uint8Array.from(this.pending.slice(0, end))));
      this.pending = this.pending.slice(end);
      end = this.cutEnd();
    }
    return { bytesWritten: chunk.length, status: 'ok' };
  }

  /** Offset just after the first `GS V m n` command (found by the decoder, not inside data), or 0. */
  private cutEnd(): number {
    const d = decodeEscPos(Uint8Array.from(this.pending));
    const i = d.commands.indexOf('GS V');
    return i < 0 ? 0 : (d.offsets[i] ?? 0) + 4;
  }
}
