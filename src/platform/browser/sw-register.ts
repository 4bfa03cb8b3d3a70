/**
 * Registers the service worker ourselves (vite-plugin-pwa `injectRegister: false`). A new version
 * installs in the background and WAITS; the user applies it from the status bar, which refuses
 * while a sale is in progress. Only then do we tell the waiting worker to take over and reload.
 */

/** What registration reports. */
export interface SwHooks {
  onUpdateReady(): void;
}

/** Registration handle. */
export interface SwHandle {
  /** Activates the waiting worker and reloads once it controls the page. */
  apply(): void;
}

/** Registers `/sw.js`; resolves to undefined where service workers are unavailable. */
export async function registerServiceWorker(container: ServiceWorkerContainer | undefined, hooks: SwHooks, url = '/sw.js'): Promise<SwHandle | undefined> {
  if (!container) return undefined;
  const reg = await container.register(url, { scope: '/' });
  const hadController = container.controller !== null;
  const watch = (worker: ServiceWorker | null) => {
    worker?.addEventListener('statechange', () => {
      // The first install is not an update; a later one waits for the user.
      if (worker.state === 'installed' && hadController) hooks.onUpdateReady();
    });
  };
  if (reg.waiting && hadController) hooks.onUpdateReady();
  reg.addEventListener('updatefound', () => watch(reg.installing));
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (!hadController || reloading) return;
    reloading = true;
    location.reload();
  });
  return { apply: () => reg.waiting?.postMessage({ type: 'SKIP_WAITING' }) };
}
