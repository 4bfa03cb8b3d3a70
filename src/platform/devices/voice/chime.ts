/**
 * A two-tone chime through Web Audio, for devices with no usable voice (the announcement then
 * at least signals "something happened"; the screen shows the text).
 */
import type { Chime } from './platform.js';

/** The slice of AudioContext the chime uses. */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly destination: unknown;
  createOscillator(): {
    frequency: { setValueAtTime(v: number, t: number): void };
    connect(n: unknown): unknown;
    start(t: number): void;
    stop(t: number): void;
  };
  createGain(): {
    gain: { setValueAtTime(v: number, t: number): void; exponentialRampToValueAtTime(v: number, t: number): void };
    connect(n: unknown): unknown;
  };
}

/** Tones of the chime: [frequency Hz, start s, duration s]. */
export const CHIME_TONES: readonly (readonly [number, number, number])[] = [
  [880, 0, 0.12],
  [1320, 0.13, 0.18],
];

/** Makes a chime on an (injected, lazily created) AudioContext. */
export function webAudioChime(context: () => AudioContextLike): Chime {
  return (volume) => {
    const ctx = context();
    for (const [freq, start, duration] of CHIME_TONES) {
      const t = ctx.currentTime + start;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.setValueAtTime(freq, t);
      gain.gain.setValueAtTime(Math.max(0.0001, 0.3 * volume), t);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + duration);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(t);
      osc.stop(t + duration);
    }
  };
}
