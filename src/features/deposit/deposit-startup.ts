/**
 * Deposit recovery at start-up (after a reload): once per app, as soon as a binding is known,
 * every deposit whose freeze or settlement is not known final is reconciled (deposit-recovery.ts).
 * The composition root (src/app/compose/flows.ts) starts it at boot and hands the deposit screen
 * the `changed` stream (DepositServices.changed$) to refresh its open list.
 */
import { filter, switchMap, take, type Observable, type Subscription } from 'rxjs';
import type { DepositDeps, DepositSentence } from './deposit-deps.js';
import { depositRecovery } from './deposit-recovery.js';
import { sentenceText } from '../../platform/devices/voice/sentences.js';
import { getLocale } from '../../i18n/index.js';
import type { BindingRecord } from '../../kernel/binding.js';
import type { VoicePrompts } from '../devices/voice.js';

/**
 * Says a deposit sentence through the app's voice (devices/voice: Chinese voice, chime, on/off
 * and volume settings) and returns its text in the current locale for the screen.
 */
export function announceDeposit(voice: Pick<VoicePrompts, 'announce'>, x: DepositSentence): string {
  voice.announce(x);
  return sentenceText(x, getLocale());
}

/** What the composition root hands deposit recovery. */
export interface DepositStartupWiring {
  readonly binding$: Observable<BindingRecord | undefined>;
  /** The deposit flows' ports around a deposit voice (AppServices.flowDeps.deposit). */
  readonly deps: (depositVoice: DepositDeps['depositVoice']) => DepositDeps;
  readonly voice: Pick<VoicePrompts, 'announce'>;
  /** Told the deposit's spoken text (or '') whenever recovery changed a deposit. */
  readonly changed: (text: string) => void;
}

/** Starts deposit recovery (the composition root calls it once per app). */
export function resumeDeposits(w: DepositStartupWiring): Subscription {
  let last = '';
  const deps = w.deps({
    say: (x) => {
      last = announceDeposit(w.voice, x);
    },
  });
  return w.binding$
    .pipe(
      filter((b) => b !== undefined),
      take(1),
      switchMap(() => depositRecovery(deps)),
    )
    .subscribe(() => {
      w.changed(last);
      last = '';
    });
}
