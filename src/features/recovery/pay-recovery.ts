/**
 * Payment recovery for the whole app (issue 5 "Journal and recovery"), not for one screen: the
 * journal's open orders (a reload, crash or power loss mid-payment; a sale that settled unknown)
 * are queried until final whatever screen is shown. Each final state is journaled and announced
 * by the recovery flow (voice, echoed in the status bar), and a sale reconciled as paid gets its
 * receipt. The checkout screen only listens (to fold a result into the sale it shows) and asks
 * (watch an order, query now).
 *
 * One instance per app (per services object): main.ts starts it at boot; a screen that asks
 * first gets the same instance. Resuming waits for a binding (queries need the terminal's ids).
 */
import { ReplaySubject, Subject, filter, take, type Observable } from 'rxjs';
import { recoveryFlow, type RecoveryEvent, type RecoveryIntent } from './poll-recovery.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings.js';
import { payDepsOf, terminalOf } from '../pay/checkout-terminal.js';
import type { AppServices } from '../../app/context/services.js';

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

const instances = new WeakMap<AppServices, PaymentRecovery>();

/** How long a settled result is still shown to a screen that mounts after it. */
const SETTLED_REPLAY_MS = 60_000;

/** The app's recovery, started on first use (main.ts uses it at boot). */
export function paymentRecovery(s: AppServices): PaymentRecovery {
  const existing = instances.get(s);
  if (existing) return existing;
  const created = start(s);
  instances.set(s, created);
  return created;
}

function start(s: AppServices): PaymentRecovery {
  let binding: BindingRecord | undefined;
  let settings: Settings = DEFAULT_SETTINGS;
  s.binding$.subscribe((b) => {
    binding = b;
  });
  s.preferences.settings$.subscribe((x) => {
    settings = { ...DEFAULT_SETTINGS, ...x };
  });
  const intents = new Subject<RecoveryIntent>();
  const resumed = new ReplaySubject<readonly JournalEntry[]>(1);
  const settled = new ReplaySubject<RecoveredResult>(1, SETTLED_REPLAY_MS);
  const deps = payDepsOf(s, () => terminalOf(binding, settings.appCpayVersion, settings));
  // Lives as long as the app: the composition root owns this subscription.
  recoveryFlow(intents, deps).subscribe((e) => {
    if (e.type === 'resumed') {
      resumed.next(e.entries);
      return;
    }
    // A sale reconciled as paid gets its receipt too (the job id keeps it to one print).
    if (e.result.outcome === 'success') void s.devices?.afterPayment(e.result).catch((err: unknown) => console.warn('[printer]', err));
    settled.next(e);
  });
  s.binding$
    .pipe(
      filter((b) => b !== undefined),
      take(1),
    )
    .subscribe(() => intents.next({ type: 'resume' }));
  return {
    resumed$: resumed.asObservable(),
    settled$: settled.asObservable(),
    watch: (outTradeNo) => intents.next({ type: 'watch', outTradeNo }),
    queryNow: (outTradeNo) => intents.next({ type: 'query_now', outTradeNo }),
    resolve: (outTradeNo, paid, note) => intents.next({ type: 'resolve', outTradeNo, paid, ...(note === undefined ? {} : { note }) }),
  };
}
