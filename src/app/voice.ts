/**
 * The voice seam screens and flows use (`voice.prompt`, `announcer.say`), backed by the devices'
 * VoiceAnnouncer (Chinese voice, chime fallback, on/off and volume), which loads on first use so
 * the first screen's JavaScript stays small. Every sentence is also published as text
 * (`spoken$`: the status bar echoes it, also when muted; end-to-end tests observe it).
 */
import { Subject, type Observable } from 'rxjs';
import type { Announcer } from '../flows/ports.js';
import type { VoiceSentence } from '../devices/voice/sentences.js';
import type { VoiceAnnouncer, VoiceSettings } from '../devices/voice/announcer.js';

/** Binding prompts (spec §12: binding and unbinding are announced) and the devices' sentences. */
export interface VoicePrompts extends Announcer {
  prompt(what: 'bound' | 'unbound'): void;
  /** Any sentence the devices know (refunds, the settings screen's test). */
  announce(sentence: VoiceSentence): void;
  /** On/off, volume, language (from the stored settings). */
  configure(settings: Partial<VoiceSettings>): void;
  /** Every spoken text. */
  readonly spoken$: Observable<string>;
}

/** Creates the prompts for `win`; the announcer module loads on the first sentence or setting. */
export function createVoice(win: Window): VoicePrompts {
  const spoken = new Subject<string>();
  let settings: Partial<VoiceSettings> = {};
  let loading: Promise<VoiceAnnouncer> | undefined;
  const load = () => (loading ??= import('./devices-voice.js').then(({ windowAnnouncer, sentenceText }) => {
    const a = windowAnnouncer(win);
    a.configure(settings);
    a.announced$.subscribe((x) => spoken.next(x.result.kind === 'muted' ? sentenceText(x.sentence, a.settings.lang) : x.result.text));
    return a;
  }));
  const announce = (s: VoiceSentence) => { load().then((a) => a.announce(s), (e: unknown) => console.warn('[voice] could not load', e)); };
  return {
    spoken$: spoken.asObservable(),
    announce,
    say: announce,
    prompt: (what) => announce({ kind: what }),
    configure: (next) => {
      settings = { ...settings, ...next };
      void loading?.then((a) => a.configure(settings));
    },
  };
}
