/**
 * Payment recovery for the whole app (issue 5 "Journal and recovery"), not for one screen: the
 * journal's open orders (a reload, crash or power loss mid-payment; a sale that settled unknown)
 * are queried until final whatever screen is shown. Each final state is journaled and announced
 * by the recovery flow (voice, echoed in the status bar), and a sale reconciled as paid gets its
 * receipt. The checkout screen only listens (to fold a result into the sale it shows) and asks
 * (watch an order, query now).
 *
 * One instance per app: the composition root (src/app/compose/flows.ts) creates it, hands it to
 * the screens (AppServices.recovery) and starts it at boot. Resuming waits for a binding (queries
 * need the terminal's ids). The recovery flow itself loads lazily (an injected loader), so the
 * first screen's JavaScript stays small.
 */
import { ReplaySubject, Subject, filter, take, type Observable } from 'rxjs';
import type { RecoveryEvent, RecoveryIntent, recoveryFlow } from './poll-recovery.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { BindingRecord } from '../../kernel/binding.js';
import type { ScanPayDeps } from '../scan-pay/scan-pay-flow.js';

/** A final state recovery found. */
export type RecoveredResult = Extract<RecoveryEvent, { type: 'settled' }>;

/** The app-wide recovery as screens see it. */
export interface PaymentRecovery {
  /** Open orders taken up at start-up (replays the latest list for a screen mounted later). */
  readonly resumed$: Observable<readonly JournalEntry[]>;
  /**
   * Every order recovery settled (already journaled and announced); the latest one of the last
   * minute is replayed to a screen mounted later (a reload settles an order in milliseconds,
   * often before the checkout listens).
   */
  readonly settled$: Observable<RecoveredResult>;
  /** Reconciles one order in the background if its journal entry is still open. */
  watch(outTradeNo: string): void;
  /** "Query again": cuts the current wait of an order being reconciled. */
  queryNow(outTradeNo: string): void;
  /**
   * The cashier's verdict on an open order after checking the merchant console (for orders cpay
   * answers with no documented state); journaled with that cause and reported, never silent.
   */
  resolve(outTradeNo: string, paid: boolean, note?: string): void;
}

/** The app-wide recovery as the composition root holds it: screens see {@link PaymentRecovery}. */
export interface AppRecovery extends PaymentRecovery {
  /** Loads the recovery flow and starts it (once; later calls do nothing). Intents sent before are kept. */
  start(): void;
}

/** What the composition root hands the recovery. */
export interface RecoveryWiring {
  /** The current binding: resuming waits for one. */
  readonly binding$: Observable<BindingRecord | undefined>;
  /** The payment flows' ports (terminal: the bound terminal). */
  readonly deps: ScanPayDeps;
  /** Prints a reconciled sale's receipt (absent without devices). */
  readonly afterPayment?: (result: Extract<RecoveredResult['result'], { outcome: 'success' }>) => Promise<unknown>;
  /** Loads the recovery flow (a dynamic import in the app). */
  readonly loadFlow: () => Promise<typeof recoveryFlow>;
}

/** How long a settled result is still shown to a screen that mounts after it. */
const SETTLED_REPLAY_MS = 60_000;

/** The app's recovery (the composition root creates one and starts it at boot). */
export function createPaymentRecovery(w: RecoveryWiring): AppRecovery {
  const intents = new Subject<RecoveryIntent>();
  const resumed = new ReplaySubject<readonly JournalEntry[]>(1);
  const settled = new ReplaySubject<RecoveredResult>(1, SETTLED_REPLAY_MS);
  /** Intents sent before the flow runs (none in the app: it starts at boot, before any screen asks). */
  let queued: RecoveryIntent[] | undefined = [];
  let started = false;
  const send = (i: RecoveryIntent) => {
    if (queued) queued.push(i);
    else intents.next(i);
  };
  const run = (flow: typeof recoveryFlow) => {
    // Lives as long as the app: the composition root owns this subscription.
    flow(intents, w.deps).subscribe((e: RecoveryEvent) => {
      if (e.type === 'resumed') {
        resumed.next(e.entries);
        return;
      }
      // A sale reconciled as paid gets its receipt too (the job id keeps it to one print).
      if (e.result.outcome === 'success') void w.afterPayment?.(e.result).catch((err: unknown) => console.warn('[printer]', err));
      settled.next(e);
    });
    const early = queued ?? [];
    queued = undefined;
    for (const i of early) intents.next(i);
    w.binding$
      .pipe(
        filter((b) => b !== undefined),
        take(1),
      )
      .subscribe(() => intents.next({ type: 'resume' }));
  };
  return {
    start() {
      if (started) return;
      started = true;
      void w.loadFlow().then(run, (err: unknown) => console.error('[recovery] could not load', err));
    },
    resumed$: resumed.asObservable(),
    settled$: settled.asObservable(),
    watch: (outTradeNo) => send({ type: 'watch', outTradeNo }),
    queryNow: (outTradeNo) => send({ type: 'query_now', outTradeNo }),
    resolve: (outTradeNo, paid, note) => send({ type: 'resolve', outTradeNo, paid, ...(note === undefined ? {} : { note }) }),
  };
}
