/** The print queue's job store against Chromium's real IndexedDB, and print-once across a "reload". */
import { afterEach, describe, expect, it } from 'vitest';
import { PrintQueue } from '../devices/printer/queue.js';
import type { PrintJob, PrinterTransport, WriteResult } from '../devices/printer/port.js';
import { openTerminalDb, type Db } from './db.js';
import { IdbPrintJobStore } from './print-job-store.js';

const opened: Db[] = [];
async function freshDb(name = `test-${crypto.randomUUID()}`): Promise<Db> {
  const db = await openTerminalDb(name);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

const job = (id: string, state: PrintJob['state'], sent = 0): PrintJob => ({
  id,
  bytes: Uint8Array.from([1, 2, 3, 4]),
  lineStarts: [0, 2],
  sent,
  state,
  attempts: 1,
});

/** A printer that takes `limit` chunks, then fails like a pulled cable. */
function printer(limit = Infinity): PrinterTransport & { readonly paper: number[] } {
  const paper: number[] = [];
  let writes = 0;
  return {
    paper,
    async write(chunk: Uint8Array): Promise<WriteResult> {
      if (++writes > limit) throw new DOMException('The device was disconnected.', 'NotFoundError');
      paper.push(...chunk);
      return { bytesWritten: chunk.length, status: 'ok' };
    },
  };
}

describe('IdbPrintJobStore', () => {
  it('stores jobs with their bytes; lists only unfinished ones', async () => {
    const store = new IdbPrintJobStore(await freshDb());
    await store.put(job('a', 'printing'));
    await store.put(job('b', 'done', 4));
    await store.put(job('c', 'interrupted', 2));
    const a = await store.get('a');
    expect(a?.bytes).toBeInstanceOf(Uint8Array);
    expect([...(a?.bytes ?? [])]).toEqual([1, 2, 3, 4]);
    expect(a).not.toHaveProperty('open');
    expect((await store.listUnfinished()).map((j) => j.id).sort()).toEqual(['a', 'c']);
    await store.put({ ...job('c', 'done', 4) });
    expect((await store.listUnfinished()).map((j) => j.id)).toEqual(['a']);
    expect(await store.get('nope')).toBeUndefined();
  });

  it('a job interrupted before a reload resumes from its first unacknowledged byte after it, once', async () => {
    const db = await freshDb();
    const bytes = Uint8Array.from({ length: 10 }, (_, i) => i);
    const first = printer(1);
    const before = new PrintQueue({ store: new IdbPrintJobStore(db), transport: first, chunkSize: 4 });
    expect((await before.print('pay:1', { bytes, lineStarts: [0, 4, 8] })).kind).toBe('interrupted');
    expect(first.paper).toEqual([0, 1, 2, 3]);

    const second = printer();
    const after = new PrintQueue({ store: new IdbPrintJobStore(db), transport: second, chunkSize: 4 }); // a new page
    const [unfinished] = await after.unfinished();
    expect(unfinished?.id).toBe('pay:1');
    expect((await after.resume('pay:1')).kind).toBe('printed');
    expect([...first.paper, ...second.paper]).toEqual([...bytes]);
    expect((await after.print('pay:1', { bytes, lineStarts: [] })).kind).toBe('already_printed');
    expect(second.paper).toHaveLength(6);
  });
});
