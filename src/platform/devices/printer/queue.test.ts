import { describe, expect, it } from 'vitest';
import { DeviceError } from '../errors.js';
import { decodeEscPos } from './decode.js';
import { encodeReceipt } from './escpos.js';
import { LAYOUT_58MM } from './model.js';
import { memoryJobStore, type PrinterTransport, type WriteResult } from './port.js';
import { PrintQueue, nextChunkEnd } from './queue.js';
import { paymentReceipt } from '../../../kernel/receipt.js';

type Fault = 'ok' | { partial: number } | 'disconnect' | 'stall';

/** A transport that records what the printer accepted and fails on scripted writes. */
function fakeTransport(faults: Fault[] = []) {
  const received: number[] = [];
  const writes: number[] = [];
  const transport: PrinterTransport = {
    async write(chunk): Promise<WriteResult> {
      writes.push(chunk.length);
      const fault = faults.shift() ?? 'ok';
      if (fault === 'disconnect') throw new DeviceError('disconnected', 'printer', 'unplugged');
      if (fault === 'stall') return { bytesWritten: 0, status: 'stall' };
      const n = fault === 'ok' ? chunk.length : fault.partial;
      received.push(...chunk.subarray(0, n));
      return { bytesWritten: n, status: 'ok' };
    },
  };
  return { transport, received, writes };
}

const receipt = encodeReceipt(
  paymentReceipt({ shopName: '测试店', deviceName: '1号机', at: 0, outTradeNo: '0100005220261122000123', platform: 'wechat', amountFen: 2, status: 'success' }),
  LAYOUT_58MM,
);
const CHUNK = 128;

describe('print queue: exactly once per request', () => {
  it('sends the receipt in chunks that end on line boundaries', async () => {
    const t = fakeTransport();
    const store = memoryJobStore();
    const q = new PrintQueue({ store, transport: t.transport, chunkSize: CHUNK });
    expect(await q.print('pay:1', receipt)).toEqual({ kind: 'printed', id: 'pay:1' });
    expect(Uint8Array.from(t.received)).toEqual(receipt.bytes);
    expect(t.writes.length).toBeGreaterThan(1);
    expect(Math.max(...t.writes)).toBeLessThanOrEqual(CHUNK);
    expect(store.jobs.get('pay:1')?.state).toBe('done');
  });

  it('reads a chunk-size function before every chunk (the printer connected now sets the limit)', async () => {
    const t = fakeTransport();
    let size = 64;
    const q = new PrintQueue({
      store: memoryJobStore(),
      transport: t.transport,
      chunkSize: () => {
        const s = size;
        size = 4096;
        return s;
      },
    });
    expect(await q.print('pay:1b', receipt)).toEqual({ kind: 'printed', id: 'pay:1b' });
    expect(t.writes[0]).toBeLessThanOrEqual(64);
    expect(t.writes).toHaveLength(2); // the rest in one 4096-byte chunk
    expect(Uint8Array.from(t.received)).toEqual(receipt.bytes);
  });

  it('does not print the same request twice', async () => {
    const t = fakeTransport();
    const q = new PrintQueue({ store: memoryJobStore(), transport: t.transport, chunkSize: CHUNK });
    await q.print('pay:1', receipt);
    expect(await q.print('pay:1', receipt)).toEqual({ kind: 'already_printed', id: 'pay:1' });
    expect(t.received.length).toBe(receipt.bytes.length);
  });

  it('resumes after a partial transfer without repeating acknowledged bytes', async () => {
    const t = fakeTransport(['ok', { partial: 17 }]);
    const store = memoryJobStore();
    const q = new PrintQueue({ store, transport: t.transport, chunkSize: CHUNK });
    const first = await q.print('pay:2', receipt);
    expect(first).toMatchObject({ kind: 'interrupted', error: { code: 'transfer_failed', retryable: true } });
    expect(store.jobs.get('pay:2')).toMatchObject({ state: 'interrupted', sent: t.received.length });
    expect(await q.resume('pay:2')).toEqual({ kind: 'printed', id: 'pay:2' });
    expect(Uint8Array.from(t.received)).toEqual(receipt.bytes);
    expect(decodeEscPos(Uint8Array.from(t.received)).barcodes).toHaveLength(1);
  });

  it('resumes after a disconnect mid-job, also from a new queue after a reload', async () => {
    const t = fakeTransport(['ok', 'disconnect']);
    const store = memoryJobStore();
    const out = await new PrintQueue({ store, transport: t.transport, chunkSize: CHUNK }).print('pay:3', receipt);
    expect(out).toMatchObject({ kind: 'interrupted', error: { code: 'disconnected' } });
    expect((await store.listUnfinished()).map((j) => j.id)).toEqual(['pay:3']);
    const reloaded = new PrintQueue({ store, transport: t.transport, chunkSize: CHUNK });
    expect(await reloaded.print('pay:3', receipt)).toEqual({ kind: 'printed', id: 'pay:3' });
    expect(Uint8Array.from(t.received)).toEqual(receipt.bytes);
    expect(store.jobs.get('pay:3')?.attempts).toBe(2);
  });

  it('treats a stall as an interruption to resume', async () => {
    const t = fakeTransport(['stall']);
    const q = new PrintQueue({ store: memoryJobStore(), transport: t.transport, chunkSize: CHUNK });
    expect((await q.print('pay:4', receipt)).kind).toBe('interrupted');
    expect((await q.resume('pay:4')).kind).toBe('printed');
    expect(Uint8Array.from(t.received)).toEqual(receipt.bytes);
  });

  it('reprints only on an explicit reprint, as a new job', async () => {
    const t = fakeTransport();
    const store = memoryJobStore();
    const q = new PrintQueue({ store, transport: t.transport, chunkSize: CHUNK });
    await q.print('pay:5', receipt);
    expect(await q.reprint('pay:5', 'pay:5#2', receipt)).toEqual({ kind: 'printed', id: 'pay:5#2' });
    expect(store.jobs.get('pay:5#2')?.reprintOf).toBe('pay:5');
    expect(t.received.length).toBe(2 * receipt.bytes.length);
  });

  it('runs concurrent requests one after another, never interleaved', async () => {
    const t = fakeTransport();
    const q = new PrintQueue({ store: memoryJobStore(), transport: t.transport, chunkSize: 64 });
    await Promise.all([q.print('a', receipt), q.print('b', receipt)]);
    expect(Uint8Array.from(t.received)).toEqual(Uint8Array.from([...receipt.bytes, ...receipt.bytes]));
  });

  it('cuts chunks at the last line start that fits, or hard when a line is longer', () => {
    const job = { bytes: new Uint8Array(100), lineStarts: [0, 10, 40, 90], sent: 10 };
    expect(nextChunkEnd(job, 50)).toBe(40);
    expect(nextChunkEnd({ ...job, sent: 40 }, 20)).toBe(60);
    expect(nextChunkEnd({ ...job, sent: 90 }, 50)).toBe(100);
  });
});

describe('print queue: a page gone mid-print (reload, crash)', () => {
  /** A printer that takes `handed` chunks, then the page goes away during the next-but-none: the write never returns. */
  function dyingTransport(paper: number[], handed: number): PrinterTransport {
    let n = 0;
    return {
      write(chunk): Promise<WriteResult> {
        paper.push(...chunk);
        n += 1;
        // The chunk reached the printer's driver; the page is gone before it hears back.
        return n >= handed ? new Promise<WriteResult>(() => undefined) : Promise.resolve({ bytesWritten: chunk.length, status: 'ok' });
      },
    };
  }
  const printer = (paper: number[]): PrinterTransport => ({
    write: async (chunk) => {
      paper.push(...chunk);
      return { bytesWritten: chunk.length, status: 'ok' };
    },
  });

  for (const [label, chunk, handed] of [
    ['a one-chunk receipt', 4096, 1],
    ['the second chunk of a receipt', CHUNK, 2],
  ] as const)
    it(`${label} handed to the printer is not printed again by the next page`, async () => {
      const store = memoryJobStore();
      const paper: number[] = [];
      void new PrintQueue({ store, transport: dyingTransport(paper, handed), chunkSize: chunk }).print('pay:gone', receipt);
      await new Promise((r) => {
        setTimeout(r, 20);
      });
      // The next page: the owed receipt is asked for again under the same id, and the printer comes back.
      const next = new PrintQueue({ store, transport: printer(paper), chunkSize: chunk });
      expect((await next.print('pay:gone', receipt)).kind).toBe('printed');
      expect((await next.unfinished()).length).toBe(0);
      expect(Uint8Array.from(paper)).toEqual(receipt.bytes);
      expect((await next.print('pay:gone', receipt)).kind).toBe('already_printed');
    });
});
