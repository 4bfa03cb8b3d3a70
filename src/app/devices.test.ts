import { describe, expect, it } from 'vitest';
import { DeviceError } from '../devices/errors.js';
import type { PrintOutcome } from '../devices/printer/queue.js';
import { reported, type PrintProblem } from './devices.js';

describe('reported (reprint problems reach the cashier)', () => {
  it('reports a failed reprint and still rejects', async () => {
    const seen: PrintProblem[] = [];
    const out = reported('0100005200000001', Promise.reject(new Error('printer not connected')), (p) => seen.push(p));
    await expect(out).rejects.toThrow('printer not connected');
    expect(seen).toEqual([{ kind: 'reprint_failed', outTradeNo: '0100005200000001', detail: 'printer not connected' }]);
  });

  it('reports an interrupted reprint; a printed one says nothing', async () => {
    const seen: PrintProblem[] = [];
    const error = new DeviceError('disconnected', 'printer', 'unplugged');
    const cut: PrintOutcome = { kind: 'interrupted', id: 'copy:1', sent: 10, total: 20, error };
    expect(await reported('0100005200000001', Promise.resolve(cut), (p) => seen.push(p))).toBe(cut);
    expect(await reported('0100005200000002', Promise.resolve<PrintOutcome>({ kind: 'printed', id: 'copy:2' }), (p) => seen.push(p))).toEqual({ kind: 'printed', id: 'copy:2' });
    expect(seen).toEqual([{ kind: 'reprint_interrupted', outTradeNo: '0100005200000001', detail: 'unplugged' }]);
  });
});
