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

/**
 * Follow-up work of something just put on screen (a sale's receipt, voice, report trigger): runs
 * right after the next frame (a task queued from its animation frame), so it never delays that
 * frame, yet does not wait for idle time. A hidden page produces no frames: a 250 ms timer stands
 * in. Runs exactly once; where there is no window (unit tests), at once.
 */
export function afterFrame(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    work();
    return;
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    work();
  };
  const fallback = setTimeout(run, 250);
  requestAnimationFrame(() => setTimeout(run, 0));
}
