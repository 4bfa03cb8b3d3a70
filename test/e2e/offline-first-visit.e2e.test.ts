/**
 * The very first visit, no reload: once the service worker is installed it controls the page at
 * once (`clients.claim()` in src/sw.ts), so a screen whose chunk was never loaded (settings, the
 * manager's, rarely opened on day one) still opens when the network drops on that first day.
 * Before the worker controls the page nothing is cached: the test waits for the control the
 * way a shop gets it (the app registers the worker itself after start-up), never reloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;
const chunks: { url: string; fromSw: boolean; ok: boolean }[] = [];

beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('response', (r) => {
    if (/settings-screen-[^/]*\.js$/.test(r.url())) chunks.push({ url: r.url(), fromSw: r.fromServiceWorker(), ok: r.ok() });
  });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('first visit, then no network', () => {
  it('the settings screen (its chunk never loaded) opens offline, served by the service worker without a reload', async () => {
    await bindDemoDevice(h, page);
    const navigations: string[] = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    // the app registers its worker after start-up; installed, it takes control of this page by itself
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000, interval: 500 }).toBe(true);
    expect(chunks).toEqual([]); // settings was never opened: its chunk is not in the page yet

    await page.context().setOffline(true);
    await h.stopRelay();
    try {
      await page.locator('button[data-nav=settings]').click();
      await page.locator('settings-screen h1').waitFor({ timeout: 20_000 });
      expect(await page.locator('settings-screen h1').innerText()).toBe('设置');
      expect(chunks.length).toBeGreaterThan(0);
      expect(chunks.every((c) => c.ok && c.fromSw)).toBe(true);
      expect(navigations).toEqual([]); // no reload
    } finally {
      await h.startRelay();
      await page.context().setOffline(false);
    }
  }, 150_000);
});
