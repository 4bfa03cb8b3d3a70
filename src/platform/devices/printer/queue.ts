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
 * - Before each chunk the job records it as in flight. A transfer that fails is not acknowledged
 *   and is sent again on resume (the link dropped: at most that chunk repeats). A job found with a
 *   chunk still in flight was left by a page that went away (reload, crash) after handing the chunk
 *   to the printer's driver, which completes it: the chunk counts as printed and is not sent again
 *   (a whole receipt is often one chunk: sending it again would print the receipt twice, issue 15).
 *   Limit: a page gone in the instant between recording the chunk and handing it over loses that
 *   chunk's lines; the receipt can be reprinted from the history.
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
    const { inFlight, ...rest } = initial;
    // A chunk a page that went away had handed to the printer counts as printed (see the header).
    const sent = inFlight !== undefined && inFlight > rest.sent ? Math.min(inFlight, rest.bytes.length) : rest.sent;
    let job: PrintJob = { ...rest, sent, state: 'printing', attempts: initial.attempts + 1 };
    const size = this.deps.chunkSize;
    while (job.sent < job.bytes.length) {
      const end = nextChunkEnd(job, typeof size === 'function' ? size() : size);
      await this.deps.store.put({ ...job, inFlight: end });
      const step = await this.sendChunk(job, end);
      job = step.job;
      if (step.error) return this.interrupt(job, step.error);
    }
    await this.deps.store.put({ ...job, state: 'done' });
    return { kind: 'printed', id: job.id };
  }

  private async sendChunk(job: PrintJob, end: number): Promise<{ job: PrintJob; error?: DeviceError }> {
    const chunk = job.bytes.subarray(job.sent, end);
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
