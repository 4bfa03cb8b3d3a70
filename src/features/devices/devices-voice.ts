/**
 * The devices' VoiceAnnouncer over this window's speech synthesiser and the page's AudioContext
 * (recorded clips when no Chinese voice exists, a chime when even they cannot load). Its own
 * chunk: voice.ts loads it on the first announcement or setting.
 */
import { VoiceAnnouncer } from '../../platform/devices/voice/announcer.js';
import { webAudioChime } from '../../platform/devices/voice/chime.js';
import { webAudioClipPlayer } from '../../platform/devices/voice/clip-player.js';
import { clipUrl, type ClipId } from '../../platform/devices/voice/clip-table.js';
import type { SpeechSynthesisLike, UtteranceLike } from '../../platform/devices/voice/platform.js';
import type { AudioGate } from './audio-gate.js';

export { sentenceText } from '../../platform/devices/voice/sentences.js';

/** Fetches a clip's bytes (same origin; the service worker serves them offline). */
async function fetchClip(win: Window, id: ClipId): Promise<ArrayBuffer> {
  const res = await win.fetch(new URL(clipUrl(id), win.document.baseURI));
  if (!res.ok) throw new Error(`voice clip ${id}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

/** An announcer for `win` (speech synthesis and audio are optional). */
export function windowAnnouncer(win: Window, gate: AudioGate): VoiceAnnouncer {
  const synth: SpeechSynthesisLike | undefined = 'speechSynthesis' in win ? win.speechSynthesis : undefined;
  const ctx = gate.context();
  return new VoiceAnnouncer({
    synth,
    utterance: (text): UtteranceLike => new SpeechSynthesisUtterance(text),
    chime: ctx ? webAudioChime(() => ctx) : () => undefined,
    ...(ctx
      ? {
          clips: webAudioClipPlayer(
            () => ctx,
            (id) => fetchClip(win, id),
          ),
        }
      : {}),
  });
}
