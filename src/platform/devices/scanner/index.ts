/**
 * One stream of scans from every scanner transport (wedge, WebHID, camera), classified.
 *
 * Whoever expects a scan (the pay screen waiting for a payment code, the refund screen waiting
 * for an order number, the binding screen) subscribes to `waitFor(accepts)`; the newest waiting
 * subscriber that accepts the scan gets it. A scan nobody waits for goes to `unclaimed$`, which
 * the shell shows ("scanned X: not expected here"), so nothing is silently dropped.
 */
import { Observable, Subject, merge, map, type Subscription } from 'rxjs';
import { classifyScan, type ClassifyContext, type ScanClass } from './classify.js';
import type { RawScan } from './types.js';

export { classifyScan, maskCode, type ScanClass } from './classify.js';
export type { RawScan, ScanSource } from './types.js';
export { wedgeScans, type WedgeKeyEvent } from './wedge.js';
export { WebHidScanner, type ScannerConnection } from './webhid.js';

/** A raw scan with its classification. */
export interface ClassifiedScan {
  readonly scan: RawScan;
  readonly class: ScanClass;
}

interface Waiter {
  readonly accepts: (c: ScanClass) => boolean;
  readonly deliver: (s: ClassifiedScan) => void;
}

/** Routes classified scans to whoever waits for them. */
export class ScanHub {
  private readonly waiters: Waiter[] = [];
  private readonly unclaimedSubject = new Subject<ClassifiedScan>();
  private readonly allSubject = new Subject<ClassifiedScan>();
  /** Scans nobody was waiting for (the UI shows them). */
  readonly unclaimed$ = this.unclaimedSubject.asObservable();
  /** Every scan (diagnostics, the settings screen's "test scan"). */
  readonly scans$ = this.allSubject.asObservable();

  /** `context()` is read per scan: the order prefix exists only once the terminal is bound. */
  constructor(private readonly context: () => ClassifyContext = () => ({})) {}

  /** Starts routing scans from the transports; unsubscribe to stop (composition root only). */
  connect(sources: readonly Observable<RawScan>[]): Subscription {
    return merge(...sources)
      .pipe(map((scan): ClassifiedScan => ({ scan, class: classifyScan(scan.text, this.context()) })))
      .subscribe((s) => this.route(s));
  }

  /** Scans that `accepts` takes, while subscribed. Newest subscriber first. */
  waitFor(accepts: (c: ScanClass) => boolean): Observable<ClassifiedScan> {
    return new Observable<ClassifiedScan>((subscriber) => {
      const waiter: Waiter = { accepts, deliver: (s) => subscriber.next(s) };
      this.waiters.push(waiter);
      return () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
      };
    });
  }

  private route(s: ClassifiedScan): void {
    this.allSubject.next(s);
    const waiter = [...this.waiters].reverse().find((w) => w.accepts(s.class));
    if (waiter) waiter.deliver(s);
    else this.unclaimedSubject.next(s);
  }
}
