import { Observable, of, switchMap } from 'rxjs';

/**
 * Work that must not delay the first frame of a screen (issue 21: the keypad on a cheap tablet):
 * runs after the next frame, in idle time, within a second. A hidden page produces no frames, so a
 * timer stands in for the frame after a second. Where there is no window (unit tests), at once.
 */
export function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    work();
    return;
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  const fallback = setTimeout(run, 1_000);
  requestAnimationFrame(() => {
    const idle = () => {
      clearTimeout(fallback);
      run();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(idle, { timeout: 1_000 });
    else setTimeout(idle, 0);
  });
}

/** {@link afterPaint} as a promise. */
export const painted = (): Promise<void> => new Promise((resolve) => afterPaint(resolve));

/** The afterFrame work queued since the last animation frame (one frame callback for all of it). */
let batch: (() => void)[] | undefined; // allowed module state: test/architecture/module-state.test.ts

/**
 * Follow-up work of something just put on screen (a sale's receipt, voice, report trigger): runs
 * right after the next frame (a task queued from its animation frame), so it never delays that
 * frame, yet does not wait for idle time. A hidden page produces no frames: a 250 ms timer stands
 * in. Runs exactly once; where there is no window (unit tests), at once. Work queued before the
 * same frame shares one frame callback (issue 21, seventh round: a sale's four were four frame
 * callbacks in the result's frame), each piece still its own task (input goes between them);
 * work queued after that frame's callbacks waits for the frame after.
 */
export function afterFrame(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    work();
    return;
  }
  if (!batch) {
    const queued: (() => void)[] = (batch = []);
    const close = () => {
      if (batch === queued) batch = undefined;
      clearTimeout(fallback);
      // Each piece once, in order, in its own task.
      for (const w of queued.splice(0)) setTimeout(w, 0);
    };
    const fallback = setTimeout(close, 250);
    requestAnimationFrame(close);
  }
  batch.push(work);
}

/**
 * A sale's busy flag for what only shows it (the status bar's 收款中, the sign-out button): its
 * end is shown after the next frame, so that update and its layout stay out of the frame that
 * puts the sale's result on screen (issue 21, seventh round). The first value and a sale's start
 * pass at once.
 */
export const busyShown = (busy$: Observable<boolean>): Observable<boolean> =>
  busy$.pipe(switchMap((busy, i) => (busy || i === 0 ? of(busy) : new Observable<boolean>((o) => afterFrame(() => o.next(busy))))));
