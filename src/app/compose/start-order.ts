/**
 * The order of start-up work (issue 21: cold start on a cheap tablet). The CDP profile of a 4×
 * throttled start showed the keypad waiting behind work no sale needs: the service-worker
 * registration, fleet defaults, storage persistence, the AudioContext, the report and deposit
 * start-up, the devices' UI. That work now waits until the first screen has painted and then
 * runs in idle time; what a sale needs (storage, binding, the scan hub, payment recovery) does not.
 */

import type { WhenIdle } from '../../platform/storage/order-number-reserve.js';

/** Start-up work, in the order the cashier needs it. */
export interface StartOrder {
  /** Settles once the first screen has painted (or after `maxWaitMs`, whichever comes first). */
  readonly firstScreen: Promise<void>;
  /** Runs `task` after the first screen, in idle time; a task that throws is logged, never fatal. */
  later(task: () => unknown): void;
}

/**
 * `shown` settles when the first screen is on screen; `maxWaitMs` bounds the wait (a first screen
 * that never settles must not hold the background work back for good).
 */
export function startOrder(
  shown: Promise<unknown>,
  whenIdle: WhenIdle,
  maxWaitMs = 3_000,
  timer: (f: () => void, ms: number) => unknown = setTimeout,
): StartOrder {
  const firstScreen = new Promise<void>((resolve) => {
    timer(resolve, maxWaitMs);
    shown.then(
      () => resolve(),
      () => resolve(),
    );
  });
  return {
    firstScreen,
    later: (task) =>
      void firstScreen.then(() =>
        whenIdle(() => {
          try {
            const r = task();
            if (r instanceof Promise) r.catch((e: unknown) => console.warn('[start] background task failed', e));
          } catch (e) {
            console.warn('[start] background task failed', e);
          }
        }),
      ),
  };
}

/** The parts of a lit element the first-screen wait reads. */
interface Updating {
  readonly updateComplete: Promise<unknown>;
}
const isUpdating = (x: unknown): x is Updating => typeof x === 'object' && x !== null && 'updateComplete' in x;

/**
 * Settles after the shell and the screen it shows first have rendered and a frame has been
 * produced with them: `loaded` is the screen module's import, `screen()` the element the shell
 * rendered for it (read after the shell's update).
 */
export async function firstScreenShown(
  shell: Updating,
  loaded: Promise<unknown>,
  screen: () => unknown,
  frame: (f: () => void) => void = (f) => requestAnimationFrame(() => setTimeout(f, 0)),
): Promise<void> {
  await loaded;
  await shell.updateComplete;
  const el = screen();
  if (isUpdating(el)) await el.updateComplete;
  // Child elements render in the microtasks after their parent; the frame after them paints them.
  await new Promise<void>((resolve) => frame(resolve));
}
