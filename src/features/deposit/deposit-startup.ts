/**
 * Deposit recovery at start-up (after a reload): once per app, as soon as a binding is known,
 * every deposit whose freeze or settlement is not known final is reconciled (flows/deposit-
 * recovery.ts). The deposit screen listens to `depositChanged$` to refresh its open list, and
 * calls `resumeDeposits` too, so recovery also runs if the app was started without it.
 */
import { Subject, Subscription, filter, switchMap, take, type Observable } from 'rxjs';
import type { AppServices } from '../../app/context/services.js';
import type { DepositDeps, DepositSentence, DepositServices } from './deposit-deps.js';
import { depositRecovery } from './deposit-recovery.js';
import { sentenceText } from '../../platform/devices/voice/sentences.js';
import { getLocale } from '../../i18n/index.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { payDepsOf, terminalOf, type TerminalSettings } from '../pay/checkout-terminal.js';

const changed = new Subject<string>();
const started = new WeakSet<object>();

/** Emits a deposit's spoken text (or '') whenever recovery changed a deposit. */
export const depositChanged$: Observable<string> = changed.asObservable();

/**
 * Says a deposit sentence through the app's voice (devices/voice: Chinese voice, chime, on/off
 * and volume settings) and returns its text in the current locale for the screen.
 */
export function announceDeposit(s: AppServices, x: DepositSentence): string {
  s.voice.announce(x);
  return sentenceText(x, getLocale());
}

/** The deposit flows' ports over the app's services; `terminal` reads the current binding; `say` gets the spoken text. */
export function depositDepsOf(
  s: AppServices,
  d: DepositServices,
  binding: () => BindingRecord | undefined,
  appCpayVersion: () => string,
  say: (text: string) => void,
  settings: () => TerminalSettings | undefined = () => undefined,
): DepositDeps {
  return {
    ...payDepsOf(s, () => terminalOf(binding(), appCpayVersion(), settings())),
    deposits: d.journal,
    depositVoice: { say: (x) => say(announceDeposit(s, x)) },
  };
}

/** Starts recovery once per app (no-op the second time or without deposit services). */
export function resumeDeposits(s: AppServices): void {
  const d = s.deposits;
  if (!d || started.has(s)) return;
  started.add(s);
  let binding: BindingRecord | undefined;
  let version = '1.0.0';
  let settings: TerminalSettings | undefined;
  const subs = new Subscription();
  subs.add(
    s.binding$.subscribe((b) => {
      binding = b;
    }),
  );
  subs.add(
    s.preferences.settings$.subscribe((x) => {
      version = x.appCpayVersion;
      settings = x;
    }),
  );
  let last = '';
  const deps = depositDepsOf(
    s,
    d,
    () => binding,
    () => version,
    (text) => {
      last = text;
    },
    () => settings,
  );
  subs.add(
    s.binding$
      .pipe(
        filter((b) => b !== undefined),
        take(1),
        switchMap(() => depositRecovery(deps)),
      )
      .subscribe(() => {
        changed.next(last);
        last = '';
      }),
  );
}
