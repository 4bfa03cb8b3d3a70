/**
 * 绑定 on a terminal that is already bound: it no longer starts a new binding QR at once (scanning
 * it would move the terminal to another shop unannounced). It first says which shop and device the
 * terminal is bound to and asks; 返回 leaves the binding as it is, 重新绑定 shows the QR.
 * Built app in headless Chromium against the real relay + simulator.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boundTillHooks } from './app-steps.js';

let page: Page;

boundTillHooks((till) => {
  page = till.page;
});

const shopName = () => page.locator('status-bar dt', { hasText: '门店' }).locator('xpath=following-sibling::dd').innerText();

describe('绑定 on a bound terminal', () => {
  it('names the current shop and asks before a new binding QR is shown', async () => {
    const shop = await shopName();
    expect(shop).not.toBe('');
    await page.locator('button[data-nav=bind]').click();
    const question = page.locator('bind-screen [data-rebind-question]');
    await question.waitFor({ timeout: 10_000 });
    expect(await question.innerText()).toContain(shop);
    await page.waitForTimeout(1_000);
    expect(await page.locator('bind-screen qr-code').count()).toBe(0); // no QR until the cashier says so

    await page.locator('bind-screen [data-rebind-cancel]').click();
    await page.locator('checkout-screen').waitFor();
    expect(await shopName()).toBe(shop);

    await page.locator('button[data-nav=bind]').click();
    await page.locator('bind-screen [data-rebind-confirm]').click();
    await page.locator('bind-screen qr-code [data-payload*="?ac="]').waitFor({ timeout: 30_000 });
    expect(await page.locator('bind-screen [data-rebind-question]').count()).toBe(0);
  }, 90_000);
});
