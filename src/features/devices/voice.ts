/**
 * The voice seam screens and flows use (`voice.prompt`, `announcer.say`), backed by the devices'
 * VoiceAnnouncer (a Chinese speech voice, else the recorded clips, else a chime; on/off, volume,
 * mode), which loads on first use so the first screen's JavaScript stays small. Every sentence is
 * also published as text (`spoken$`: the status bar echoes it, also when muted; end-to-end tests
 * observe it).
 *
 * While the browser blocks audio (after a load, until the first key or tap: see audio-gate.ts)
 * sentences are held, shown as text, and said once sound is unlocked if they are still fresh.
 */
import { Subject, filter, type Observable } from 'rxjs';
import type { Announcer } from '../../kernel/flow/ports.js';
import type { VoiceSentence } from '../../platform/devices/voice/sentences.js';
import type { VoiceAnnouncer, VoiceSettings } from '../../platform/devices/voice/announcer.js';
import { createAudioGate, type AudioGate } from './audio-gate.js';

/** Binding prompts (spec §12: binding and unbinding are announced) and the devices' sentences. */
export interface VoicePrompts extends Announcer {
  prompt(what: 'bound' | 'unbound'): void;
  /** Any sentence the devices know (refunds, the bind prompt, the settings screen's test). */
  announce(sentence: VoiceSentence): void;
  /** On/off, volume, language, mode (from the stored settings). */
  configure(settings: Partial<VoiceSettings>): void;
  /** Every spoken text. */
  readonly spoken$: Observable<string>;
  /** True while the browser blocks sound until the next key or tap (the status bar says so). */
  readonly audioBlocked$: Observable<boolean>;
}

/** Sentences held while audio is blocked are said on unlock only if younger than this. */
export const HELD_SENTENCE_MAX_AGE_MS = 30_000;
/** At most this many held sentences (the latest). */
const HELD_MAX = 3;

/** Creates the prompts for `win`; the announcer module loads on the first sentence or setting. */
export function createVoice(win: Window, gate: AudioGate = createAudioGate(win)): VoicePrompts {
  const spoken = new Subject<string>();
  let settings: Partial<VoiceSettings> = {};
  let loading: Promise<{ a: VoiceAnnouncer; text: (s: VoiceSentence) => string }> | undefined;
  let held: { sentence: VoiceSentence; at: number }[] = [];
  const load = () =>
    (loading ??= import('./devices-voice.js').then(({ windowAnnouncer, sentenceText }) => {
      const a = windowAnnouncer(win, gate);
      a.configure(settings);
      a.announced$.subscribe((x) => spoken.next(x.result.kind === 'muted' ? sentenceText(x.sentence, a.settings.lang) : x.result.text));
      return { a, text: (s: VoiceSentence) => sentenceText(s, a.settings.lang) };
    }));
  const fail = (e: unknown) => console.warn('[voice] could not load', e);
  const announce = (s: VoiceSentence) => {
    load().then(({ a, text }) => {
      if (!gate.blocked) {
        a.announce(s);
        return;
      }
      held = [...held, { sentence: s, at: Date.now() }].slice(-HELD_MAX);
      spoken.next(text(s));
    }, fail);
  };
  gate.blocked$.pipe(filter((b) => !b)).subscribe(() => {
    const fresh = held.filter((h) => Date.now() - h.at < HELD_SENTENCE_MAX_AGE_MS);
    held = [];
    if (fresh.length > 0) load().then(({ a }) => fresh.forEach((h) => a.announce(h.sentence)), fail);
  });
  return {
    spoken$: spoken.asObservable(),
    audioBlocked$: gate.blocked$,
    announce,
    say: announce,
    prompt: (what) => announce({ kind: what }),
    configure: (next) => {
      settings = { ...settings, ...next };
      void loading?.then(({ a }) => a.configure(settings));
    },
  };
}
