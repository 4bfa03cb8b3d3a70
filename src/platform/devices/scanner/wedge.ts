/**
 * Keyboard-wedge scanner detection: a pure state machine plus an rxjs adapter.
 *
 * A wedge scanner "types" its reading much faster than a person (a few ms between keys) and ends
 * with Enter. We accept a burst when every gap between keys is at most `maxGapMs`, it has at least
 * `minLength` characters, and Enter follows within `maxEnterGapMs`. A cashier typing an amount is
 * slower than 35 ms per key and far shorter than 8 characters, so it can never pass; a held key
 * (auto-repeat) is flagged by the browser and resets the burst.
 */
import { type Observable, filter, map, scan } from 'rxjs';
import type { RawScan } from './types.js';
import { wedgeKey, type WedgeKeyEvent } from './wedge-keys.js';

export type { WedgeKeyEvent } from './wedge-keys.js';

/** Timing thresholds; defaults suit scanners at 1–20 ms per key. */
export interface WedgeOptions {
  readonly maxGapMs: number;
  readonly maxEnterGapMs: number;
  readonly minLength: number;
}

/** Defaults: ≤ 35 ms between keys, ≥ 8 characters, Enter within 100 ms of the last key. */
export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 35, maxEnterGapMs: 100, minLength: 8 };

/** Detector state: the characters of the current fast run and when it started and last grew. */
export interface WedgeState {
  readonly chars: string;
  readonly startedAt: number;
  readonly lastAt: number;
}

/** The empty state. */
export const WEDGE_IDLE: WedgeState = { chars: '', startedAt: 0, lastAt: 0 };

/** Result of one step: the next state and, on a recognised burst, the scan. */
export interface WedgeStep {
  readonly state: WedgeState;
  readonly scan: (RawScan & { readonly startedAt: number }) | null;
}

/** Feeds one keydown event to the detector. Pure. */
export function wedgeStep(state: WedgeState, e: WedgeKeyEvent, opts: WedgeOptions = DEFAULT_WEDGE_OPTIONS): WedgeStep {
  const key = wedgeKey(e);
  if (key.kind === 'ignore') return { state, scan: null };
  if (key.kind === 'other' || e.repeat === true) return { state: WEDGE_IDLE, scan: null };
  if (key.kind === 'enter') return { state: WEDGE_IDLE, scan: finish(state, e.timeStamp, opts) };
  const continues = state.chars.length > 0 && e.timeStamp - state.lastAt <= opts.maxGapMs;
  const next: WedgeState = continues
    ? { chars: state.chars + key.char, startedAt: state.startedAt, lastAt: e.timeStamp }
    : { chars: key.char, startedAt: e.timeStamp, lastAt: e.timeStamp };
  return { state: next, scan: null };
}

function finish(state: WedgeState, at: number, opts: WedgeOptions): WedgeStep['scan'] {
  if (state.chars.length < opts.minLength) return null;
  if (at - state.lastAt > opts.maxEnterGapMs) return null;
  return { text: state.chars, source: 'wedge', at, startedAt: state.startedAt };
}

/**
 * Scans recognised in a stream of keydown events (e.g. `fromEvent(window, 'keydown')`).
 * Each scan carries `startedAt` so a focused input can drop the characters the burst typed.
 */
export function wedgeScans(
  keydown$: Observable<WedgeKeyEvent>,
  opts: WedgeOptions = DEFAULT_WEDGE_OPTIONS,
): Observable<RawScan & { readonly startedAt: number }> {
  return keydown$.pipe(
    scan((acc: WedgeStep, e) => wedgeStep(acc.state, e, opts), { state: WEDGE_IDLE, scan: null }),
    map((step) => step.scan),
    filter((s): s is NonNullable<WedgeStep['scan']> => s !== null),
  );
}
