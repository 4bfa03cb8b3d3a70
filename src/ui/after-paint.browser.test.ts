/** afterFrame in a real page (Chromium): the follow-up work of one frame shares one frame callback and runs after that frame. */
import { describe, expect, it } from 'vitest';
import { afterFrame } from './after-paint.js';

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
const task = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('afterFrame', () => {
  it('work queued before a frame runs once, in order, after that frame; work queued in that frame waits for the next', async () => {
    const log: string[] = [];
    afterFrame(() => log.push('a'));
    afterFrame(() => log.push('b'));
    const rafs: number[] = [];
    const original = window.requestAnimationFrame;
    window.requestAnimationFrame = (cb) => {
      rafs.push(1);
      return original.call(window, cb);
    };
    try {
      afterFrame(() => log.push('c')); // same frame: no second frame callback
    } finally {
      window.requestAnimationFrame = original;
    }
    expect(rafs).toEqual([]);
    // A frame callback registered after afterFrame's: it runs in the same frame, after the batch was closed.
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        log.push('frame');
        afterFrame(() => log.push('d')); // put on screen in this frame's work: after the frame that follows
        resolve();
      }),
    );
    expect(log).toEqual(['frame']);
    await task();
    expect(log).toEqual(['frame', 'a', 'b', 'c']);
    await nextFrame();
    await task();
    expect(log).toEqual(['frame', 'a', 'b', 'c', 'd']);
    await nextFrame();
    await task();
    expect(log).toEqual(['frame', 'a', 'b', 'c', 'd']); // each exactly once
  });
});
