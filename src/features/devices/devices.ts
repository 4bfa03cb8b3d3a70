/**
 * The devices as the app sees them (AppServices.devices). The scan hub's chunk loads at once (the
 * keyboard wedge is always on); the printer, WebHID scanners and the receipt preview are
 * a lazy chunk (devices-runtime.ts) loaded after the first screen, so the initial JS stays small.
 * Print requests made before the chunk arrives simply wait for it.
 */
import { Subject, from, switchMap, type Observable } from 'rxjs';
import type { ClassifiedScan, RawScan, ScanClass } from '../../platform/devices/scanner/index.js';
import type { PrintOutcome } from '../../platform/devices/printer/queue.js';
import type { ReceiptDoc } from '../../kernel/receipt-doc.js';
import type { DeviceRuntime, DeviceRuntimeModule, PaidOrder, RuntimeDeps } from './device-runtime.js';
import type { VoiceSentence } from '../../platform/devices/voice/sentences.js';
import type { RefundSentence } from '../refund/refund-deps.js';
import type { ReprintOrder } from '../history/reprint.js';

export type { PaidOrder } from './device-runtime.js';

/**
 * A print problem the cashier must see (devices-ui shows it as a toast): a receipt or a reprint
 * that failed (`detail` says why) or stopped part way (it resumes when the printer is back).
 * `outTradeNo` is '' for a receipt of no order (shift summary).
 */
export interface PrintProblem {
  readonly kind: 'reprint_failed' | 'reprint_interrupted' | 'print_failed' | 'print_interrupted';
  readonly outTradeNo: string;
  readonly detail: string;
}

/** The scan hub as screens see it (devices/scanner ScanHub, reached once its chunk is loaded). */
export interface ScanRoutes {
  /** Scans `accepts` takes while subscribed; the newest subscriber first. */
  waitFor(accepts: (c: ScanClass) => boolean): Observable<ClassifiedScan>;
  /** Every scan. */
  readonly scans$: Observable<ClassifiedScan>;
  /** Scans nobody waited for. */
  readonly unclaimed$: Observable<ClassifiedScan>;
}

/** Devices for screens: scans, receipts, and the runtime for settings and the preview. */
export interface DeviceServices {
  /** Every scanner's scans, routed to whoever waits (`waitFor`); unclaimed ones are shown. */
  readonly hub: ScanRoutes;
  /** Feeds a text as if it had been scanned (sandbox customer codes). */
  inject(text: string): void;
  /** Feeds a scan read by the camera view (source `camera`) through the hub. */
  feed(scan: RawScan): void;
  /** Prints a successful payment's receipt (once per order, `pay:<out_trade_no>`). */
  afterPayment(order: PaidOrder): Promise<PrintOutcome>;
  /** Prints a ready receipt document as a new job. */
  print(doc: ReceiptDoc): Promise<PrintOutcome>;
  /** Kicks the cash drawer open through the printer (no paper); a failure is also on `problems$`. */
  openDrawer(): Promise<PrintOutcome>;
  /**
   * Reprints an order's payment receipt with the order's real state, marked as a copy (explicit
   * new job). A failure or an interruption is also published on `problems$`.
   */
  reprintOrder(order: ReprintOrder): Promise<PrintOutcome>;
  /** Print problems for the cashier (failed or interrupted reprints). */
  readonly problems$: Observable<PrintProblem>;
  /** Printer, HID scanners and the virtual printer (loads the lazy chunk). */
  runtime(): Promise<DeviceRuntime>;
}

/**
 * Starts the hub chunk now and the runtime on first use; `deps` are read when the runtime loads.
 * `loadRuntime` (from the composition root) imports the lazy devices chunk.
 */
export function createDevices(
  win: Window,
  deps: Omit<RuntimeDeps, 'hub'>,
  orderPrefix: () => string | undefined,
  loadRuntime: () => Promise<DeviceRuntimeModule>,
): DeviceServices {
  const started = import('./devices-scan.js').then((m) => m.startScanHub(win, orderPrefix));
  const hub$ = from(started);
  let loading: Promise<DeviceRuntime> | undefined;
  const problems = new Subject<PrintProblem>();
  const runtime = (): Promise<DeviceRuntime> => (loading ??= started.then(({ hub }) => loadRuntime().then((m) => m.startDeviceRuntime({ ...deps, hub }))));
  return {
    hub: {
      waitFor: (accepts) => hub$.pipe(switchMap((s) => s.hub.waitFor(accepts))),
      scans$: hub$.pipe(switchMap((s) => s.hub.scans$)),
      unclaimed$: hub$.pipe(switchMap((s) => s.hub.unclaimed$)),
    },
    inject: (text) => void started.then((s) => s.inject(text)),
    feed: (scan) => void started.then((s) => s.feed(scan)),
    afterPayment: (order) =>
      reported(
        order.outTradeNo,
        runtime().then((r) => r.printPayment(order)),
        (p) => problems.next(p),
        'print',
      ),
    print: (doc) =>
      reported(
        '',
        runtime().then((r) => r.print(doc)),
        (p) => problems.next(p),
        'print',
      ),
    openDrawer: () =>
      reported(
        '',
        runtime().then((r) => r.openDrawer()),
        (p) => problems.next(p),
        'print',
      ),
    reprintOrder: (order) =>
      reported(
        order.outTradeNo,
        runtime().then((r) => r.reprintOrder(order)),
        (p) => problems.next(p),
      ),
    problems$: problems.asObservable(),
    runtime,
  };
}

/**
 * Passes a print's outcome through, reporting a failure (then rethrown) or an interruption to
 * `report`, so the cashier learns of it and not only the console.
 */
export function reported(
  outTradeNo: string,
  outcome: Promise<PrintOutcome>,
  report: (p: PrintProblem) => void,
  what: 'reprint' | 'print' = 'reprint',
): Promise<PrintOutcome> {
  return outcome.then(
    (o) => {
      if (o.kind === 'interrupted') report({ kind: `${what}_interrupted`, outTradeNo, detail: o.error.message });
      return o;
    },
    (e: unknown) => {
      report({ kind: `${what}_failed`, outTradeNo, detail: e instanceof Error ? e.message : String(e) });
      throw e;
    },
  );
}

/** A refund sentence for the voice (spec §12: platform and amount); a failed refund says so with its amount. */
export function refundVoice(voice: { announce(s: VoiceSentence): void }, s: RefundSentence): void {
  voice.announce(
    s.kind === 'refund_failed' ? { kind: 'refund_failed', amount: s.amount } : { kind: 'refund_accepted', platform: s.platform, amount: s.amount },
  );
}
