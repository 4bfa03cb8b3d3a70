/**
 * The devices' VoiceAnnouncer over this window's speech synthesiser and Web Audio (chime when no
 * Chinese voice exists). Its own chunk: voice.ts loads it on the first announcement or setting.
 */
import { VoiceAnnouncer } from '../devices/voice/announcer.js';
import { webAudioChime } from '../devices/voice/chime.js';
import type { SpeechSynthesisLike, UtteranceLike } from '../devices/voice/platform.js';

export { sentenceText } from '../devices/voice/sentences.js';

/** An announcer for `win` (speech synthesis and audio are optional). */
export function windowAnnouncer(win: Window): VoiceAnnouncer {
  let ctx: AudioContext | undefined;
  const synth: SpeechSynthesisLike | undefined = 'speechSynthesis' in win ? win.speechSynthesis : undefined;
  return new VoiceAnnouncer({
    synth,
    utterance: (text): UtteranceLike => new SpeechSynthesisUtterance(text),
    chime: webAudioChime(() => (ctx ??= new AudioContext())),
  });
}
