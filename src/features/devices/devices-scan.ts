/**
 * The scan hub with the keyboard wedge always on and an injection point for the sandbox's
 * codes and the camera view's scans. Its own small chunk, loaded by devices.ts as soon as the app starts.
 */
import { Subject, fromEvent } from 'rxjs';
import { ScanHub, wedgeScans, type RawScan } from '../../platform/devices/scanner/index.js';

/** A running hub and the way to feed it a scan by hand. */
export interface StartedHub {
  readonly hub: ScanHub;
  /** Feeds `text` as if it had been scanned (source `sandbox`). */
  inject(text: string): void;
  /** Feeds a scan read elsewhere (the camera view), keeping its source. */
  feed(scan: RawScan): void;
}

/** Starts the hub on `win`'s keyboard; `orderPrefix()` is read per scan (known once bound). */
export function startScanHub(win: Window, orderPrefix: () => string | undefined): StartedHub {
  const hub = new ScanHub(() => {
    const prefix = orderPrefix();
    return prefix ? { orderPrefix: prefix } : {};
  });
  const injected = new Subject<RawScan>();
  hub.connect([wedgeScans(fromEvent<KeyboardEvent>(win, 'keydown')), injected]);
  return { hub, inject: (text) => injected.next({ text, source: 'sandbox', at: win.performance.now() }), feed: (scan) => injected.next(scan) };
}
