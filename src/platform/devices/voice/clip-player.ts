/**
 * Plays recorded clips back to back through Web Audio: each clip is fetched and decoded once
 * (then cached), a sentence is scheduled as consecutive AudioBufferSourceNodes, and a sentence
 * said while another is playing starts after it (no overlap).
 */
import type { ClipId } from './clip-table.js';

/** Plays a sequence of clips; resolves once they are scheduled (rejects if one cannot load). */
export interface ClipPlayer {
  play(clips: readonly ClipId[], volume: number): Promise<void>;
}

/** The slice of AudioContext the player uses. */
export interface ClipAudioContext {
  readonly currentTime: number;
  readonly destination: AudioNode;
  decodeAudioData(data: ArrayBuffer): Promise<AudioBuffer>;
  createBufferSource(): AudioBufferSourceNode;
  createGain(): GainNode;
}

/** Pause between two clips of a sentence, seconds (the clips are trimmed of silence). */
export const CLIP_GAP_S = 0.02;
/** Lead time before the first clip, seconds. */
const LEAD_S = 0.03;

/** A player over `context()` that loads clip bytes with `load(id)` (a fetch of the clip URL). */
export function webAudioClipPlayer(context: () => ClipAudioContext, load: (id: ClipId) => Promise<ArrayBuffer>): ClipPlayer {
  const buffers = new Map<ClipId, Promise<AudioBuffer>>();
  let busyUntil = 0;
  // Sentences are scheduled in the order they were said, even when a later one loads faster.
  let queue: Promise<void> = Promise.resolve();
  const buffer = (ctx: ClipAudioContext, id: ClipId): Promise<AudioBuffer> => {
    let b = buffers.get(id);
    if (!b) {
      b = load(id).then((bytes) => ctx.decodeAudioData(bytes));
      b.catch(() => buffers.delete(id)); // a failed load is retried next time
      buffers.set(id, b);
    }
    return b;
  };
  return {
    play(clips, volume) {
      const next = queue.then(() => schedule(clips, volume));
      queue = next.catch(() => undefined);
      return next;
    },
  };

  async function schedule(clips: readonly ClipId[], volume: number): Promise<void> {
    const ctx = context();
    const decoded = await Promise.all(clips.map((id) => buffer(ctx, id)));
    const gain = ctx.createGain();
    gain.gain.value = Math.min(1, Math.max(0, volume));
    gain.connect(ctx.destination);
    let t = Math.max(ctx.currentTime + LEAD_S, busyUntil);
    for (const b of decoded) {
      const src = ctx.createBufferSource();
      src.buffer = b;
      src.connect(gain);
      src.start(t);
      t += b.duration + CLIP_GAP_S;
    }
    busyUntil = t;
  }
}
