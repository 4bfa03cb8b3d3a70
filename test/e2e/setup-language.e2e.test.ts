/**
 * First run in the shop's language: before the terminal is provisioned (no identity, no binding,
 * so no settings screen yet) the first-run screen offers 简体中文 / English; the choice applies at
 * once, is kept across a reload, and the binding that follows speaks it too.
 * Built app in headless Chromium against the real relay + simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage({ viewport: { width: 390, height: 844 } });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const title = () => page.locator('setup-screen h1').innerText();

describe('first run', () => {
  it('offers 简体中文 / English before provisioning; English applies at once and survives a reload', async () => {
    await page.goto(h.url('/'));
    await page.locator('provision-form #sn').waitFor({ timeout: 30_000 });
    expect(await title()).toBe('首次设置：机具身份');
    const english = page.locator('setup-screen button[lang=en]');
    expect(await english.innerText()).toBe('English');
    expect(await page.locator('setup-screen button[lang=zh-CN]').getAttribute('aria-pressed')).toBe('true');
    await english.click();
    await expect.poll(title, { timeout: 10_000 }).toBe('First run: terminal identity'); // the English catalog loads first
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/setup-en.png` });

    await page.reload();
    await page.locator('provision-form #sn').waitFor({ timeout: 30_000 });
    await expect.poll(title, { timeout: 10_000 }).toBe('First run: terminal identity'); // the English catalog loads first

    // The binding that follows is in English too.
    await page.locator('[data-testid=demo]').click();
    await page.locator('qr-code [data-payload*="?ac="]').waitFor({ timeout: 30_000 });
    expect(await page.locator('bind-screen h1').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
  }, 120_000);
});
