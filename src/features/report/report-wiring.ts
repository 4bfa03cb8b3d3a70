/**
 * Wires the device_report flow (src/features/report/report-flow.ts) for the composition root: what
 * triggers it (start-up, every sale's end, every order the journal sees become final, the network coming back, a periodic sweep) and what it
 * feeds (the status bar's pending count). Returns the events; only `main.ts` subscribes.
 */
import { randomNonce } from '@cpay/protocol';
import { EMPTY, Observable, concatMap, filter, fromEvent, map, merge, of, pairwise, tap, timer, type SchedulerLike } from 'rxjs';
import { reportFlow, type OutboxPort, type ReportEvent, type ReportTrigger } from './report-flow.js';
import type { Clock } from '../../kernel/flow/ports.js';
import type { CpayPort } from '../../platform/net/ports.js';
import type { BindingRecord } from '../../kernel/binding.js';
import type { AppSignals } from '../../app/context/signals.js';

/** Periodic sweep, for entries a crash left behind and batches waiting on a dead network. */
const SWEEP_EVERY_MS = 5 * 60_000;

/** What the wiring needs. */
export interface ReportWiring {
  readonly cpay: CpayPort;
  readonly outbox: OutboxPort;
  readonly clock: Clock;
  readonly scheduler: SchedulerLike;
  readonly signals: AppSignals;
  binding(): BindingRecord | undefined;
  appCpayVersion(): string;
  readonly win: Window;
  /** Orders that became final (ReportingJournal's `onFinal`): scan-code sales, recovery (issue 7). */
  readonly finals$?: Observable<string>;
  /**
   * Runs work after the next frame (src/ui/after-paint.ts `afterFrame`): the end of a sale (the busy
   * flag dropping, in the same call as the result's state) triggers its sweep there, after the
   * frame that shows the result, not before its render (issue 21, sixth round). Absent: at once.
   */
  readonly afterFrame?: (work: () => void) => void;
}

/** The report events; feeds the pending count into the signals as they pass. */
export function reportEvents(w: ReportWiring): Observable<ReportEvent> {
  const later = w.afterFrame;
  const saleEnded$ = w.signals.busy$.pipe(
    pairwise(),
    filter(([was, now]) => was && !now),
    concatMap(() =>
      later
        ? new Observable<void>((s) => {
            later(() => (s.next(), s.complete()));
          })
        : of(undefined),
    ),
  );
  const triggers$: Observable<ReportTrigger> = merge(
    of<ReportTrigger>({ type: 'sweep' }),
    saleEnded$.pipe(map((): ReportTrigger => ({ type: 'sweep' }))),
    (w.finals$ ?? EMPTY).pipe(map((outTradeNo): ReportTrigger => ({ type: 'payment', outTradeNo }))),
    fromEvent(w.win, 'online').pipe(map((): ReportTrigger => ({ type: 'online' }))),
    timer(SWEEP_EVERY_MS, SWEEP_EVERY_MS, w.scheduler).pipe(map((): ReportTrigger => ({ type: 'sweep' }))),
  );
  return reportFlow(triggers$, {
    cpay: w.cpay,
    outbox: w.outbox,
    clock: w.clock,
    scheduler: w.scheduler,
    identity: () => {
      const b = w.binding();
      if (!b) return undefined;
      const conn = (w.win.navigator as Navigator & { connection?: { type?: string } }).connection;
      return {
        sn: b.sn,
        outMchId: b.outMchId,
        outSubMchId: b.outSubMchId,
        cloudCashierId: b.cloudCashierId,
        authenType: b.authenType,
        outShopId: b.outShopId,
        deviceId: b.deviceId,
        appCpayVersion: w.appCpayVersion(),
        networkType: conn?.type === 'cellular' ? '4g' : 'wifi',
        ...(b.staffId === undefined ? {} : { staffId: b.staffId }),
        ...(b.deviceShiftType === undefined ? {} : { deviceShiftType: b.deviceShiftType }),
      };
    },
    nonce: () => randomNonce(32),
    random: Math.random,
    warn: (message, cause) => console.warn(message, cause instanceof Error ? cause.message : String(cause)),
  }).pipe(
    tap((e) => {
      if (e.type === 'pending') w.signals.setPendingReports(e.count);
    }),
  );
}
