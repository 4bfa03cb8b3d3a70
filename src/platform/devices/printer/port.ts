/**
 * Ports of the print queue: the byte transport (WebUSB, or the sandbox's virtual printer) and
 * the job store (IndexedDB in the app, a Map in tests). The queue sees nothing else.
 */

/** Result of one write: how many bytes the device acknowledged (USBOutTransferResult). */
export interface WriteResult {
  readonly bytesWritten: number;
  readonly status: 'ok' | 'stall' | 'babble';
}

/** Moves bytes to a printer. Throws `DeviceError` (disconnected, busy, transfer_failed, …). */
export interface PrinterTransport {
  write(chunk: Uint8Array): Promise<WriteResult>;
}

/** Where a print job stands. `interrupted` jobs resume from `sent`; `done` jobs never print again. */
export type PrintJobState = 'printing' | 'interrupted' | 'done';

/** A persisted print job: the whole receipt and how much of it the printer acknowledged. */
export interface PrintJob {
  /** Caller-chosen, one per print request (e.g. `pay:<out_trade_no>`); a reprint has a new id. */
  readonly id: string;
  readonly bytes: Uint8Array;
  /** Offsets where printed lines begin: chunks end there, so a resume starts on a fresh line. */
  readonly lineStarts: readonly number[];
  /** Bytes acknowledged by the printer so far. */
  readonly sent: number;
  readonly state: PrintJobState;
  readonly attempts: number;
  /** The job this one reprints, for the audit trail. */
  readonly reprintOf?: string;
  readonly lastError?: string;
  /**
   * The end of the chunk handed to the printer and not yet acknowledged. Found on a stored job, it
   * means the page went away (reload, crash) with that chunk in flight: see queue.ts.
   */
  readonly inFlight?: number;
}

/** Durable job storage; `put` resolves once the write is durable. */
export interface PrintJobStore {
  get(id: string): Promise<PrintJob | undefined>;
  put(job: PrintJob): Promise<void>;
  /** Jobs not `done`, for a "resume printing" prompt after a reload. */
  listUnfinished(): Promise<PrintJob[]>;
}

/** An in-memory store (tests, and the sandbox until IndexedDB storage is wired). */
export function memoryJobStore(): PrintJobStore & { readonly jobs: Map<string, PrintJob> } {
  const jobs = new Map<string, PrintJob>();
  return {
    jobs,
    get: async (id) => jobs.get(id),
    put: async (job) => {
      jobs.set(job.id, job);
    },
    listUnfinished: async () => [...jobs.values()].filter((j) => j.state !== 'done'),
  };
}
