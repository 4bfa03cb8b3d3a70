/** Device writes are traced like cpay calls: one record per write, outcome and duration, never the bytes. */
import { describe, expect, it } from 'vitest';
import { createTracer, type TraceRecord } from '../net/trace.js';
import { DeviceError } from './errors.js';
import { tracedTransport } from './traced-transport.js';
import type { PrinterTransport } from './printer/port.js';

function clock(...times: number[]) {
  return () => times.shift() ?? 0;
}

describe('tracedTransport', () => {
  it('a write leaves one record (what, status, bytes, duration) and returns the result unchanged', async () => {
    const records: TraceRecord[] = [];
    const tracer = createTracer((r) => records.push(r));
    const inner: PrinterTransport = { write: async (c) => ({ bytesWritten: c.byteLength, status: 'ok' }) };
    const t = tracedTransport(inner, tracer, clock(100, 112.4), 'printer.write usb');
    const result = await t.write(new Uint8Array([0x1b, 0x40, 0x41]));
    expect(result).toEqual({ bytesWritten: 3, status: 'ok' });
    expect(records).toEqual([{ what: 'printer.write usb', outcome: 'ok bytes=3/3', durationMs: 12 }]);
  });

  it('a failed write is traced with the DeviceError code and rethrown as it was; the bytes never appear', async () => {
    const records: TraceRecord[] = [];
    const tracer = createTracer((r) => records.push(r));
    const failure = new DeviceError('disconnected', 'printer', 'the printer is not connected');
    const inner: PrinterTransport = {
      write: async () => {
        throw failure;
      },
    };
    const t = tracedTransport(inner, tracer, clock(0, 5));
    await expect(t.write(new Uint8Array([0x31, 0x32, 0x33]))).rejects.toBe(failure);
    expect(records).toEqual([{ what: 'printer.write', outcome: 'failed disconnected', durationMs: 5 }]);
    expect(JSON.stringify(records)).not.toMatch(/49|0x31|123/);
  });
});
