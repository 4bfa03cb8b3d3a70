import { describe, expect, it, vi } from 'vitest';
import { AppSignals } from '../../app/context/signals.js';
import { createPlatform } from './create-platform.js';

const fakeDoc = {
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
  visibilityState: 'visible',
  fullscreenElement: null,
} as unknown as Document;

async function setup() {
  const signals = new AppSignals();
  const apply = vi.fn();
  let ready: () => void = () => undefined;
  const platform = createPlatform(signals, fakeDoc, {} as Navigator, {
    serviceWorker: true,
    register: async (_c, hooks) => {
      ready = hooks.onUpdateReady;
      return { apply };
    },
  });
  await Promise.resolve();
  await Promise.resolve();
  return { signals, apply, platform, ready: () => ready() };
}

describe('createPlatform updates', () => {
  it('offers a waiting update through the signals', async () => {
    const { signals, ready } = await setup();
    const seen: boolean[] = [];
    signals.updateReady$.subscribe((v) => seen.push(v));
    ready();
    expect(seen).toEqual([false, true]);
  });

  it('never applies an update in the middle of a sale', async () => {
    const { signals, apply, platform } = await setup();
    signals.setBusy(true);
    expect(platform.applyUpdate()).toBe(false);
    expect(apply).not.toHaveBeenCalled();
    signals.setBusy(false);
    expect(platform.applyUpdate()).toBe(true);
    expect(apply).toHaveBeenCalledOnce();
  });

  it('reports wake lock as unsupported without navigator.wakeLock', async () => {
    const { platform } = await setup();
    const states: string[] = [];
    platform.wakeLock$.subscribe((s) => states.push(s));
    expect(states).toEqual(['unsupported']);
  });
});
