/** Wires wake lock, fullscreen and service-worker updates into the Platform the screens use. */
import type { Platform } from '../../app/context/platform.js';
import type { AppSignals } from '../../app/context/signals.js';
import { Fullscreen } from './fullscreen.js';
import { registerServiceWorker, type SwHandle } from './sw-register.js';
import { ScreenWakeLock, type WakeLockApi } from './wake-lock.js';

/** Options: whether to register the worker (production builds only) and how (injectable for tests). */
export interface PlatformOptions {
  readonly serviceWorker: boolean;
  readonly register?: typeof registerServiceWorker;
  /** When to register (the app: after the first screen; registering is no part of keying a sale). Default: now. */
  readonly registerWhen?: (register: () => void) => void;
}

/** Builds the platform from the injected browser objects. */
export function createPlatform(signals: AppSignals, doc: Document, nav: Navigator, opts: PlatformOptions): Platform {
  const wake = new ScreenWakeLock((nav as Navigator & { wakeLock?: WakeLockApi }).wakeLock, doc);
  const fullscreen = new Fullscreen(doc);
  let sw: SwHandle | undefined;
  if (opts.serviceWorker)
    (opts.registerWhen ?? ((f) => f()))(() => {
      (opts.register ?? registerServiceWorker)('serviceWorker' in nav ? nav.serviceWorker : undefined, { onUpdateReady: () => signals.setUpdateReady(true) })
        .then((h) => {
          sw = h;
        })
        .catch((err: unknown) => console.warn('service worker not registered:', err instanceof Error ? err.message : String(err)));
    });
  return {
    fullscreen$: fullscreen.state$,
    toggleFullscreen: () => fullscreen.toggle(),
    wakeLock$: wake.state$,
    setWakeLock: (on) => wake.set(on),
    applyUpdate: () => {
      if (signals.isBusy || !sw) return false;
      sw.apply();
      return true;
    },
  };
}
