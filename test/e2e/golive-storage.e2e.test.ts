/**
 * Issue 14 point 6 end to end: once provisioned and bound, the terminal has asked the browser for
 * persistent storage; the settings show the browser's answer and, when storage is not persistent,
 * the status bar warns the cashier that the browser may delete the terminal's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness(process.env.GOLIVE_E2E_DIST ? { staticDir: process.env.GOLIVE_E2E_DIST } : {});
  page = await h.newPage();
  await bindDemoDevice(h, page);
}, 90_000);
afterAll(async () => {
  await h?.close();
});

describe('persistent storage', () => {
  it('settings show whether the data is persistent; the status bar warns when it is not', async () => {
    await page.locator('button[data-nav=settings]').click();
    const shown = page.locator('settings-screen [data-testid=storage-persistence]');
    await expect.poll(() => shown.getAttribute('data-storage'), { timeout: 10_000 }).not.toBe('unknown');
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    expect(await shown.getAttribute('data-storage')).toBe(persisted ? 'persistent' : 'best_effort');
    const warning = page.locator('status-bar [data-testid=storage-warning]');
    expect(await warning.count()).toBe(persisted ? 0 : 1);
    if (!persisted) expect(await warning.innerText()).toContain('浏览器可能清除本终端数据');
  }, 60_000);
});
