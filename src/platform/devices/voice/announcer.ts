/**
 * The voice announcer: implements the flows' `Announcer` port (and the extra device sentences)
 * over an injected `speechSynthesis` and a player of recorded clips. Mode `auto` speaks through
 * a voice of the display language (`zh-CN`, then any `zh-*`, then `cmn*` as espeak-ng names
 * Mandarin) and otherwise plays the recorded Mandarin clips; `speech` and `clips` force one way.
 * A chime only when neither can sound (no voice and the clips cannot load). Settings: on/off,
 * volume, language, mode. Fire and forget: `speak()` may never finish on machines without audio.
 */
import { Subject, type Observable } from 'rxjs';
import type { Announcer } from '../../../kernel/flow/ports.js';
import type { ClipPlayer } from './clip-player.js';
import type { ClipId } from './clip-table.js';
import { sentenceClips } from './clips.js';
import type { Chime, SpeechSynthesisLike, UtteranceFactory, VoiceLike } from './platform.js';
import { sentenceText, type VoiceLang, type VoiceSentence } from './sentences.js';

/** How sentences are voiced: a speech voice when one exists else clips (auto), or always one way. */
export type VoiceMode = 'auto' | 'clips' | 'speech';
export const VOICE_MODES: readonly VoiceMode[] = ['auto', 'clips', 'speech'];

/** User settings (the settings screen edits them). */
export interface VoiceSettings {
  readonly enabled: boolean;
  /** 0 … 1. */
  readonly volume: number;
  readonly lang: VoiceLang;
  readonly mode: VoiceMode;
}

/** Defaults: on, full volume, Mandarin, automatic choice of speech or clips. */
export const DEFAULT_VOICE_SETTINGS: VoiceSettings = { enabled: true, volume: 1, lang: 'zh-CN', mode: 'auto' };

/** Platform objects, injected by the composition root. */
export interface AnnouncerDeps {
  readonly synth: SpeechSynthesisLike | undefined;
  readonly utterance: UtteranceFactory;
  readonly chime: Chime;
  /** Recorded clips (Web Audio); without it, `auto` falls back to the chime. */
  readonly clips?: ClipPlayer;
}

/** Voice-language preferences per announcement language, best first. */
const VOICE_PREFERENCES: Record<VoiceLang, readonly RegExp[]> = {
  'zh-CN': [/^zh[-_]CN$/i, /^zh(?:[-_]Hans)?(?:[-_]|$)/i, /^cmn(?:[-_]|$)/i],
  en: [/^en[-_](?:US|GB)$/i, /^en(?:[-_]|$)/i],
};

/** The best installed voice for a language, or undefined. Local voices win ties (work offline). */
export function pickVoice(voices: readonly VoiceLike[], lang: VoiceLang): VoiceLike | undefined {
  for (const pattern of VOICE_PREFERENCES[lang]) {
    const matches = voices.filter((v) => pattern.test(v.lang));
    const best = matches.find((v) => v.localService === true) ?? matches[0];
    if (best) return best;
  }
  return undefined;
}

/** What the last `say` did (for the settings screen's "test voice" and for tests). */
export type AnnounceResult =
  | { readonly kind: 'spoken'; readonly text: string; readonly voice: string }
  | { readonly kind: 'clips'; readonly text: string; readonly clips: readonly ClipId[] }
  | { readonly kind: 'chime'; readonly text: string }
  | { readonly kind: 'muted' };

/** Speaks sentences with the current settings. */
export class VoiceAnnouncer implements Announcer {
  private current: VoiceSettings = DEFAULT_VOICE_SETTINGS;
  private readonly announced = new Subject<{ readonly sentence: VoiceSentence; readonly result: AnnounceResult }>();
  /** Every announcement and how it came out (shown on screen; observed by end-to-end tests). */
  readonly announced$: Observable<{ readonly sentence: VoiceSentence; readonly result: AnnounceResult }> = this.announced.asObservable();

  constructor(private readonly deps: AnnouncerDeps) {}

  /** Current settings. */
  get settings(): VoiceSettings {
    return this.current;
  }

  /** Applies new settings (volume clamped to 0 … 1). */
  configure(settings: Partial<VoiceSettings>): void {
    const next = { ...this.current, ...settings };
    this.current = { ...next, volume: Math.min(1, Math.max(0, next.volume)) };
  }

  /** Says a sentence (the `Announcer` port). */
  say(sentence: VoiceSentence): void {
    this.announce(sentence);
  }

  /** Binding prompts (drop-in for the shell's interim `VoicePrompts.prompt`). */
  prompt(what: 'bound' | 'unbound'): void {
    this.announce({ kind: what });
  }

  /** Says a sentence and reports how. */
  announce(sentence: VoiceSentence): AnnounceResult {
    const result = this.speak(sentence);
    this.announced.next({ sentence, result });
    return result;
  }

  private speak(sentence: VoiceSentence): AnnounceResult {
    const { enabled, volume, lang, mode } = this.current;
    if (!enabled || volume === 0) return { kind: 'muted' };
    const text = sentenceText(sentence, lang);
    const voice = mode !== 'clips' && this.deps.synth ? pickVoice(this.deps.synth.getVoices(), lang) : undefined;
    if (this.deps.synth && voice) {
      const u = this.deps.utterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.volume = volume;
      u.rate = 1;
      this.deps.synth.speak(u);
      return { kind: 'spoken', text, voice: voice.name };
    }
    const player = this.deps.clips;
    if (mode !== 'speech' && player) {
      const clips = sentenceClips(sentence);
      // A clip that cannot load (offline before the first cache) still makes a sound.
      player.play(clips, volume).catch(() => this.deps.chime(volume));
      return { kind: 'clips', text, clips };
    }
    this.deps.chime(volume);
    return { kind: 'chime', text };
  }
}
