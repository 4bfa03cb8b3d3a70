/**
 * The print queue's durable job store in IndexedDB (schema v4 `printJobs`). A job is written
 * before its first byte leaves and after every acknowledged chunk, so a reload or an unplugged
 * cable never prints a receipt twice (devices/printer/queue.ts).
 */
import type { PrintJob, PrintJobStore } from '../devices/printer/port.js';
import type { Db } from './db.js';

/** Finished jobs kept for the audit trail; older ones are pruned when a new job starts. */
const KEEP_DONE = 200;

/** `PrintJobStore` over the terminal database. */
export class IdbPrintJobStore implements PrintJobStore {
  constructor(private readonly db: Db) {}

  /** The job with this id, if any. */
  async get(id: string): Promise<PrintJob | undefined> {
    const row = await this.db.get('printJobs', id);
    return row ? strip(row) : undefined;
  }

  /** Stores the job (durable when the promise resolves). */
  async put(job: PrintJob): Promise<void> {
    const isNew = job.attempts <= 1 && job.sent === 0;
    await this.db.put('printJobs', { ...job, bytes: job.bytes.slice(), open: job.state === 'done' ? 0 : 1 });
    // Pruning does not delay the caller: the queue hands the chunk it just recorded in flight to
    // the printer at once (a page gone in between would leave a chunk marked sent that never was).
    if (isNew) void this.prune().catch((e: unknown) => console.warn('[printer] pruning print jobs', e));
  }

  /** Jobs not yet `done`, in id order. */
  async listUnfinished(): Promise<PrintJob[]> {
    return (await this.db.getAllFromIndex('printJobs', 'open', 1)).map(strip);
  }

  private async prune(): Promise<void> {
    const done = await this.db.getAllKeysFromIndex('printJobs', 'open', 0);
    const extra = done.length - KEEP_DONE;
    if (extra <= 0) return;
    const tx = this.db.transaction('printJobs', 'readwrite');
    await Promise.all([...done.slice(0, extra).map((k) => tx.store.delete(k)), tx.done]);
  }
}

function strip(row: PrintJob & { readonly open: 0 | 1 }): PrintJob {
  const { open: _open, ...job } = row;
  return { ...job, bytes: new Uint8Array(job.bytes) };
}
