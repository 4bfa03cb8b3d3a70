/**
 * Camera scanning for tablets without a scanner: the native Barcode Detection API when the
 * browser has it with the formats we need, else the bundled polyfill (camera-polyfill.ts, loaded
 * lazily). Frames are sampled on an rxjs interval; the same code seen on consecutive frames is
 * emitted once.
 */
import { exhaustMap, filter, from, interval, map, scan, type Observable, type SchedulerLike, asyncScheduler } from 'rxjs';
import { DeviceError, fromPlatformError } from '../errors.js';
import type { RawScan } from './types.js';

/** What a detector returns per barcode. */
export interface DetectedLike {
  readonly rawValue: string;
  readonly format: string;
}

/** A BarcodeDetector instance (native or polyfill). */
export interface DetectorLike {
  detect(source: never): Promise<readonly DetectedLike[]>;
}

/** The BarcodeDetector constructor (native or polyfill). */
export interface DetectorCtor {
  new (options?: { formats?: string[] }): DetectorLike;
  getSupportedFormats(): Promise<readonly string[]>;
}

/** Payment codes are CODE128 barcodes and QR codes; binding uses QR. */
export const CAMERA_FORMATS = ['qr_code', 'code_128'] as const;

/** Loads the bundled polyfill (dynamic import: its own chunk plus the wasm asset). */
export const loadPolyfill = async (): Promise<DetectorCtor> => (await import('./camera-polyfill.js')).BarcodeDetector as unknown as DetectorCtor;

/** A detector: the native one (injected, e.g. `globalThis.BarcodeDetector`) if it reads our formats. */
export async function createDetector(native: DetectorCtor | undefined, polyfill: () => Promise<DetectorCtor> = loadPolyfill): Promise<DetectorLike> {
  const formats = [...CAMERA_FORMATS];
  try {
    const supported = native ? await native.getSupportedFormats() : [];
    const Ctor = formats.every((f) => supported.includes(f)) && native ? native : await polyfill();
    return new Ctor({ formats });
  } catch (e) {
    throw new DeviceError('camera_unavailable', 'camera', 'no barcode decoder could be loaded: use a scanner or type the code', { cause: e });
  }
}

/** Opens the rear camera. `mediaDevices` is injected (`navigator.mediaDevices`). */
export async function openCamera(mediaDevices: Pick<MediaDevices, 'getUserMedia'> | undefined): Promise<MediaStream> {
  if (!mediaDevices) throw new DeviceError('unsupported', 'camera', 'this browser cannot use the camera (it needs HTTPS or localhost)');
  try {
    return await mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (e) {
    if (e instanceof Error && e.name === 'NotAllowedError') throw fromPlatformError(e, 'camera', 'opening the camera');
    throw new DeviceError('camera_unavailable', 'camera', `camera could not be opened (${e instanceof Error ? e.name : String(e)})`, { cause: e });
  }
}

/** Dedupe state: the value last emitted and when it was last seen. */
export interface SeenState {
  readonly last: string;
  readonly seenAt: number;
  readonly emit: string | null;
}

/** Emits a value unless it is the one seen within `holdMs` (the code still in front of the lens). */
export function dedupe(state: SeenState, value: string | undefined, now: number, holdMs: number): SeenState {
  if (value === undefined) return { ...state, emit: null };
  const repeat = value === state.last && now - state.seenAt <= holdMs;
  return { last: value, seenAt: now, emit: repeat ? null : value };
}

/** Scans read from a video element every `everyMs` (skipping a tick while a detect is running). */
export function cameraScans(video: unknown, detector: DetectorLike, everyMs = 250, scheduler: SchedulerLike = asyncScheduler): Observable<RawScan> {
  return interval(everyMs, scheduler).pipe(
    exhaustMap(() => from(detector.detect(video as never))),
    map((found) => found[0]?.rawValue),
    scan((s: SeenState, v) => dedupe(s, v, scheduler.now(), 1500), { last: '', seenAt: -Infinity, emit: null }),
    map((s) => s.emit),
    filter((v): v is string => v !== null),
    map((text): RawScan => ({ text, source: 'camera', at: scheduler.now() })),
  );
}
