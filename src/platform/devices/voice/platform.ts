/**
 * The slices of Web Speech and Web Audio the announcer uses, as injectable structural types.
 */

/** SpeechSynthesisVoice. */
export interface VoiceLike {
  readonly name: string;
  readonly lang: string;
  readonly localService?: boolean;
}

/** SpeechSynthesisUtterance (the fields we set). */
export interface UtteranceLike {
  text: string;
  lang: string;
  volume: number;
  rate: number;
  voice: VoiceLike | null;
}

/** `window.speechSynthesis`. */
export interface SpeechSynthesisLike {
  getVoices(): readonly VoiceLike[];
  speak(utterance: UtteranceLike): void;
}

/** Builds an utterance (`(text) => new SpeechSynthesisUtterance(text)` in the browser). */
export type UtteranceFactory = (text: string) => UtteranceLike;

/** A short sound when no voice can speak (see chime.ts). */
export type Chime = (volume: number) => void;
