/**
 * The service worker: precaches the built app (list injected by vite-plugin-pwa) so the terminal
 * boots with no network (`/` is served from the precached index.html), and never takes over by itself:
 * an update waits until the page sends SKIP_WAITING (which it refuses to do mid-sale).
 */
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';

/** The worker-global pieces we use (the app's tsconfig has DOM types, not WebWorker). */
interface SwScope {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'message', cb: (e: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'activate', cb: (e: Event & { waitUntil(p: Promise<unknown>): void }) => void): void;
}

declare const self: SwScope;

// Only precached URLs are routed: API paths (/cpay, /relay, /sandbox) always go to the network.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING') void self.skipWaiting();
});
