/**
 * App updates: a new service worker installs in the background and WAITS; the status bar offers
 * it; only the user's click activates it (then the page reloads under the new worker).
 * Serves a copy of dist/ so the test can change sw.js. Build first: `npx vite build`.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIST_DIR, startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cpay-dist-'));
  cpSync(DIST_DIR, dir, { recursive: true });
  h = await startHarness({ staticDir: dir });
  page = await h.newPage();
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const workers = (p: Page) =>
  p.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { active: reg?.active?.state ?? null, waiting: reg?.waiting?.state ?? null, controlled: navigator.serviceWorker.controller !== null };
  });

describe('service worker updates', () => {
  it('a new version waits, is offered in the status bar, and applies only when asked', async () => {
    await page.goto(h.url('/'));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.locator('status-bar').waitFor();
    expect(await workers(page)).toMatchObject({ active: 'activated', waiting: null, controlled: true });

    appendFileSync(join(dir, 'sw.js'), '\n// next release\n');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const apply = page.locator('status-bar button', { hasText: '立即更新' });
    await apply.waitFor({ timeout: 20_000 });
    // installed but not applied: the old worker still controls the page
    expect(await workers(page)).toMatchObject({ active: 'activated', waiting: 'installed', controlled: true });

    await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), apply.click()]);
    await page.locator('status-bar').waitFor();
    await expect.poll(() => workers(page)).toMatchObject({ active: 'activated', waiting: null, controlled: true });
    expect(await page.locator('status-bar button', { hasText: '立即更新' }).count()).toBe(0);
  });
});
