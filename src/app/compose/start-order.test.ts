import { describe, expect, it, vi } from 'vitest';
import { firstScreenShown, startOrder } from './start-order.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** An idle queue the test drains by hand. */
function idleQueue() {
  const queued: (() => void)[] = [];
  return { whenIdle: (w: () => void) => void queued.push(w), run: () => queued.splice(0).forEach((w) => w()), queued };
}

describe('startOrder', () => {
  it('runs later work only after the first screen, and then only in idle time', async () => {
    let show!: () => void;
    const idle = idleQueue();
    const order = startOrder(
      new Promise<void>((r) => {
        show = r;
      }),
      idle.whenIdle,
      60_000,
    );
    const ran: string[] = [];
    order.later(() => ran.push('report'));
    order.later(() => ran.push('deposits'));
    await tick();
    expect(idle.queued).toHaveLength(0); // nothing is even queued before the screen shows
    show();
    await tick();
    expect(ran).toEqual([]); // queued for idle time, not run in the screen's task
    idle.run();
    expect(ran).toEqual(['report', 'deposits']);
  });

  it('does not wait for good: after maxWaitMs the work goes ahead; a failing task is logged, never thrown', async () => {
    vi.useFakeTimers();
    try {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const idle = idleQueue();
      const order = startOrder(new Promise(() => undefined), idle.whenIdle, 3_000);
      const ran: string[] = [];
      order.later(() => {
        throw new Error('boom');
      });
      order.later(() => ran.push('after'));
      await vi.advanceTimersByTimeAsync(2_999);
      expect(idle.queued).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      idle.run();
      expect(ran).toEqual(['after']);
      expect(warn).toHaveBeenCalledWith('[start] background task failed', expect.any(Error));
      warn.mockRestore();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a rejected first screen still lets the work run', async () => {
    const idle = idleQueue();
    const order = startOrder(Promise.reject(new Error('chunk failed')), idle.whenIdle, 60_000);
    const ran: string[] = [];
    order.later(() => ran.push('x'));
    await tick();
    idle.run();
    expect(ran).toEqual(['x']);
  });
});

describe('firstScreenShown', () => {
  it('waits for the module, the shell, the screen element and then a frame, in that order', async () => {
    const steps: string[] = [];
    let loaded!: () => void;
    let frame!: () => void;
    const shell = { updateComplete: Promise.resolve().then(() => steps.push('shell')) };
    const screen = { updateComplete: Promise.resolve().then(() => steps.push('screen')) };
    const done = firstScreenShown(
      shell,
      new Promise<void>((r) => {
        loaded = () => {
          steps.push('module');
          r();
        };
      }),
      () => screen,
      (f) => {
        frame = () => {
          steps.push('frame');
          f();
        };
      },
    ).then(() => steps.push('shown'));
    await tick();
    expect(steps).toEqual(['shell', 'screen']); // both promises settle on their own; the wait has not passed the module
    loaded();
    await tick();
    expect(steps).toEqual(['shell', 'screen', 'module']);
    frame();
    await done;
    expect(steps).toEqual(['shell', 'screen', 'module', 'frame', 'shown']);
  });

  it('a first screen that is no lit element (the loading line) needs only the frame', async () => {
    let frame!: () => void;
    const done = firstScreenShown(
      { updateComplete: Promise.resolve() },
      Promise.resolve(),
      () => null,
      (f) => (frame = f),
    );
    await tick();
    frame();
    await expect(done).resolves.toBeUndefined();
  });
});
