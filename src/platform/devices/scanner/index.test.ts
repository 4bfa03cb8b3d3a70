import { Subject, take } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ScanHub, type ClassifiedScan } from './index.js';
import type { RawScan } from './types.js';

const raw = (text: string, source: RawScan['source'] = 'wedge'): RawScan => ({ text, source, at: 0 });

describe('scan hub', () => {
  it('merges transports, gives each scan to the newest waiter that accepts it, and surfaces the rest', () => {
    const wedge = new Subject<RawScan>();
    const hid = new Subject<RawScan>();
    const hub = new ScanHub(() => ({ orderPrefix: '01000052' }));
    const sub = hub.connect([wedge, hid]);
    const pay: ClassifiedScan[] = [];
    const refund: ClassifiedScan[] = [];
    const unclaimed: string[] = [];
    hub.unclaimed$.subscribe((s) => unclaimed.push(s.scan.text));
    const paySub = hub.waitFor((c) => c.kind === 'payment_code').subscribe((s) => pay.push(s));
    hub
      .waitFor((c) => c.kind === 'order_no')
      .pipe(take(1))
      .subscribe((s) => refund.push(s));

    hid.next(raw('134567890123456789', 'hid'));
    wedge.next(raw('0100005220261122000123'));
    wedge.next(raw('0100005220261122000124')); // refund screen took one and left
    paySub.unsubscribe();
    wedge.next(raw('281234567890123456'));

    expect(pay.map((s) => [s.scan.source, s.class])).toEqual([['hid', { kind: 'payment_code', platform: 'wechat', code: '134567890123456789' }]]);
    expect(refund.map((s) => s.class)).toEqual([{ kind: 'order_no', orderNo: '0100005220261122000123' }]);
    expect(unclaimed).toEqual(['0100005220261122000124', '281234567890123456']);
    sub.unsubscribe();
  });

  it('prefers the newest waiter when two accept the same scan', () => {
    const src = new Subject<RawScan>();
    const hub = new ScanHub();
    hub.connect([src]);
    const got: string[] = [];
    hub.waitFor(() => true).subscribe(() => got.push('old'));
    hub.waitFor(() => true).subscribe(() => got.push('new'));
    src.next(raw('x'));
    expect(got).toEqual(['new']);
  });
});
