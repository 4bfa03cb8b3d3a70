/**
 * Print queue: each request prints EXACTLY once.
 *
 * - A job id identifies one print request. The job is persisted before the first byte leaves;
 *   asking to print a `done` id again answers `already_printed` and sends nothing.
 * - Progress (`sent`) is persisted after every acknowledged chunk. After a disconnect, `resume`
 *   (or printing the same id again) sends only what the printer has not acknowledged, starting on
 *   a line boundary when the device reported a partial transfer at one.
 * - A reprint is explicit: `reprint(id, newId)` makes a new job marked as a copy.
 * Jobs run one at a time in request order (a promise chain, the queue's `concatMap`).
 * Limit: if the link drops *during* a transfer with no result, that chunk's bytes are unconfirmed
 * and are sent again on resume, so at most one chunk (a few lines) can repeat, never the receipt.
 */
import { DeviceError, fromPlatformError } from '../errors.js';
import type { PrintJob, PrintJobStore, PrinterTransport } from './port.js';

/** What a print request ended as. */
export type PrintOutcome =
  | { readonly kind: 'printed'; readonly id: string }
  | { readonly kind: 'already_printed'; readonly id: string }
  | { readonly kind: 'interrupted'; readonly id: string; readonly sent: number; readonly total: number; readonly error: DeviceError };

/** An encoded receipt (escpos.ts `EncodedReceipt`). */
export interface EncodedBytes {
  readonly bytes: Uint8Array;
  readonly lineStarts: readonly number[];
}

/** Queue dependencies. */
export interface PrintQueueDeps {
  readonly store: PrintJobStore;
  readonly transport: PrinterTransport;
  /**
   * Maximum bytes per write (the printer profile's `chunkSize`). A function is read before every
   * chunk, so a printer connected or swapped while jobs wait gets its own limit.
   */
  readonly chunkSize: number | (() => number);
}

/** The end of the next chunk: the last line start within `chunkSize`, else a hard cut. */
export function nextChunkEnd(job: Pick<PrintJob, 'bytes' | 'lineStarts' | 'sent'>, chunkSize: number): number {
  const limit = Math.min(job.sent + chunkSize, job.bytes.length);
  if (limit === job.bytes.length) return limit;
  const boundary = [...job.lineStarts].reverse().find((s) => s > job.sent && s <= limit);
  return boundary ?? limit;
}

/** A print queue over a transport and a durable job store. */
export class PrintQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PrintQueueDeps) {}

  /** Prints `receipt` under `id` unless that id already printed; resumes it if interrupted. */
  print(id: string, receipt: EncodedBytes): Promise<PrintOutcome> {
    return this.serial(() => this.start(id, receipt));
  }

  /** Resumes an interrupted job from its first unacknowledged byte. */
  resume(id: string): Promise<PrintOutcome> {
    return this.serial(async () => {
      const job = await this.deps.store.get(id);
      if (!job) throw new RangeError(`no print job "${id}" to resume`);
      return job.state === 'done' ? { kind: 'already_printed', id } : this.send(job);
    });
  }

  /** Explicit reprint of job `id` as the new job `newId` (the receipt should say it is a copy). */
  reprint(id: string, newId: string, receipt: EncodedBytes): Promise<PrintOutcome> {
    return this.serial(() => this.start(newId, receipt, id));
  }

  /** Jobs waiting to be resumed (after a disconnect or a reload). */
  unfinished(): Promise<PrintJob[]> {
    return this.deps.store.listUnfinished();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined); // the caller gets the rejection; the chain goes on
    return run;
  }

  private async start(id: string, receipt: EncodedBytes, reprintOf?: string): Promise<PrintOutcome> {
    const existing = await this.deps.store.get(id);
    if (existing?.state === 'done') return { kind: 'already_printed', id };
    const fresh: PrintJob = {
      id,
      bytes: receipt.bytes,
      lineStarts: receipt.lineStarts,
      sent: 0,
      state: 'printing',
      attempts: 0,
      ...(reprintOf ? { reprintOf } : {}),
    };
    return this.send(existing ?? fresh);
  }

  private async send(initial: PrintJob): Promise<PrintOutcome> {
    let job: PrintJob = { ...initial, state: 'printing', attempts: initial.attempts + 1 };
    await this.deps.store.put(job);
    while (job.sent < job.bytes.length) {
      const step = await this.sendChunk(job);
      job = step.job;
      if (step.error) return this.interrupt(job, step.error);
      await this.deps.store.put(job);
    }
    await this.deps.store.put({ ...job, state: 'done' });
    return { kind: 'printed', id: job.id };
  }

  private async sendChunk(job: PrintJob): Promise<{ job: PrintJob; error?: DeviceError }> {
    const size = this.deps.chunkSize;
    const chunk = job.bytes.subarray(job.sent, nextChunkEnd(job, typeof size === 'function' ? size() : size));
    try {
      const r = await this.deps.transport.write(chunk);
      const next = { ...job, sent: job.sent + Math.min(r.bytesWritten, chunk.length) };
      if (r.bytesWritten >= chunk.length && r.status === 'ok') return { job: next };
      const msg = `printer accepted ${r.bytesWritten} of ${chunk.length} bytes (status ${r.status}); check paper and cable, then resume`;
      return { job: next, error: new DeviceError('transfer_failed', 'printer', msg) };
    } catch (e) {
      return { job, error: fromPlatformError(e, 'printer', 'sending receipt bytes') };
    }
  }

  private async interrupt(job: PrintJob, error: DeviceError): Promise<PrintOutcome> {
    await this.deps.store.put({ ...job, state: 'interrupted', lastError: error.message });
    return { kind: 'interrupted', id: job.id, sent: job.sent, total: job.bytes.length, error };
  }
}
