/**
 * The device runtime's history reprint in Chromium (no USB printer: the virtual printer prints
 * to the preview): the copy states the order's real state, never "paid" for a failed order.
 */
import type { Fen } from '@cpay/protocol';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryStatus } from '../../features/history/history.js';
import { ScanHub } from '../../platform/devices/scanner/index.js';
import { openTerminalDb, type Db } from '../../platform/storage/db.js';
import { startDeviceRuntime, type DeviceRuntime } from './devices-runtime.js';
import { AppSignals } from '../context/signals.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

async function runtime(): Promise<DeviceRuntime> {
  const db = await openTerminalDb(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return startDeviceRuntime({
    hub: new ScanHub(),
    nav: navigator,
    db,
    signals: new AppSignals(),
    clock: { serverNow: () => 1_700_000_000_000 },
    binding: () => undefined,
    lang: () => 'zh-CN',
  });
}

/** Reprints an order in `status` and returns the printed receipt's text lines. */
async function reprinted(r: DeviceRuntime, outTradeNo: string, status: HistoryStatus): Promise<string[]> {
  const printed = firstValueFrom(r.preview$);
  expect((await r.reprintOrder({ outTradeNo, amount: 3 as Fen, platform: 'alipay', status })).kind).toBe('printed');
  return (await printed).receipt.lines.map((l) => l.text.trim());
}

describe('startDeviceRuntime reprintOrder', () => {
  it('prints the order state: failed, refunded, unknown, and paid only for success', async () => {
    const r = await runtime();
    const failed = await reprinted(r, '0100005200000011', 'failed');
    expect(failed.join('\n')).toContain('支付失败');
    expect(failed.join('\n')).not.toContain('支付成功');
    expect(failed.join('\n')).toContain('（重打）');
    expect((await reprinted(r, '0100005200000012', 'refunded')).join('\n')).toContain('已退款');
    expect((await reprinted(r, '0100005200000013', 'unknown')).join('\n')).toContain('结果未知');
    expect((await reprinted(r, '0100005200000014', 'success')).join('\n')).toContain('支付成功');
  });
});
