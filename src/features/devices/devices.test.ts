import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../platform/devices/errors.js';
import type { PrintOutcome } from '../../platform/devices/printer/queue.js';
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
    expect(await reported('0100005200000002', Promise.resolve<PrintOutcome>({ kind: 'printed', id: 'copy:2' }), (p) => seen.push(p))).toEqual({
      kind: 'printed',
      id: 'copy:2',
    });
    expect(seen).toEqual([{ kind: 'reprint_interrupted', outTradeNo: '0100005200000001', detail: 'unplugged' }]);
  });

  it('a receipt (not a copy) that fails or is cut off is reported as a print problem', async () => {
    const seen: PrintProblem[] = [];
    const error = new DeviceError('disconnected', 'printer', 'unplugged');
    await expect(reported('', Promise.reject(new Error('no printer')), (p) => seen.push(p), 'print')).rejects.toThrow('no printer');
    await reported(
      '0100005200000003',
      Promise.resolve<PrintOutcome>({ kind: 'interrupted', id: 'pay:3', sent: 1, total: 9, error }),
      (p) => seen.push(p),
      'print',
    );
    expect(seen).toEqual([
      { kind: 'print_failed', outTradeNo: '', detail: 'no printer' },
      { kind: 'print_interrupted', outTradeNo: '0100005200000003', detail: 'unplugged' },
    ]);
  });
});
