/** The deposit screen's scan routing: which hub scans act, and on what. */
import { describe, expect, it } from 'vitest';
import { Subject } from 'rxjs';
import type { ClassifiedScan, ScanClass } from '../../platform/devices/scanner/index.js';
import type { ScanRoutes } from '../devices/devices.js';
import { depositScanOf, depositScans, type DepositScan } from './deposit-scans.js';

const scan = (source: ClassifiedScan['scan']['source'], c: ScanClass): ClassifiedScan => ({ scan: { text: 'x', source, at: 0 }, class: c });
const CODE: ScanClass = { kind: 'payment_code', platform: 'wechat', code: '135005875955000000' };
const RECEIPT: ScanClass = { kind: 'order_no', orderNo: '0100005255000042' };

describe('depositScanOf', () => {
  it('a customer code takes, a receipt number opens the deposit (HID, camera, sandbox)', () => {
    for (const source of ['hid', 'camera', 'sandbox'] as const) {
      expect(depositScanOf(scan(source, CODE), true)).toEqual({ kind: 'code', code: '135005875955000000' });
      expect(depositScanOf(scan(source, RECEIPT), true)).toEqual({ kind: 'receipt', no: '0100005255000042' });
    }
  });

  it('a wedge scan acts only when no field has the focus (a focused field already got the keys)', () => {
    expect(depositScanOf(scan('wedge', CODE), true)).toBeUndefined();
    expect(depositScanOf(scan('wedge', RECEIPT), false)).toEqual({ kind: 'receipt', no: '0100005255000042' });
  });

  it("a wedge burst that landed in the amount field (the desk's resting focus) acts, carrying the text to take back out", () => {
    expect(depositScanOf(scan('wedge', CODE), 'amount')).toEqual({ kind: 'code', code: '135005875955000000', inAmount: 'x' });
    expect(depositScanOf(scan('wedge', RECEIPT), 'amount')).toEqual({ kind: 'receipt', no: '0100005255000042', inAmount: 'x' });
    expect(depositScanOf(scan('hid', CODE), 'amount')).toEqual({ kind: 'code', code: '135005875955000000' });
  });

  it("binding QRs and unknown texts are not the deposit screen's", () => {
    expect(depositScanOf(scan('hid', { kind: 'unknown', text: 'hello' }), false)).toBeUndefined();
  });
});

describe('depositScans', () => {
  it('claims only payment codes and order numbers from the hub', () => {
    const accepted: ScanClass[] = [];
    const feed = new Subject<ClassifiedScan>();
    const hub: ScanRoutes = {
      waitFor: (accepts) => {
        for (const c of [CODE, RECEIPT, { kind: 'unknown', text: 'a' } as const]) if (accepts(c)) accepted.push(c);
        return feed;
      },
      scans$: feed,
      unclaimed$: feed,
    };
    const seen: DepositScan[] = [];
    const sub = depositScans(hub, () => false).subscribe((x) => seen.push(x));
    feed.next(scan('hid', CODE));
    feed.next(scan('wedge', RECEIPT));
    expect(accepted).toEqual([CODE, RECEIPT]);
    expect(seen.map((x) => x.kind)).toEqual(['code', 'receipt']);
    sub.unsubscribe();
  });
});
