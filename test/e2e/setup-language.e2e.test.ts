/**
 * First run in the shop's language: before anything is typed (the first manager's form, then the
 * terminal's identity: no settings screen yet) the first screen offers 简体中文 / English; the
 * choice applies at once, is kept across a reload, and the setup and binding that follow speak it too.
 * Built app in headless Chromium against the real relay + simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { provisionManager } from './app-steps.js';

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
    // The very first screen: the first manager's form, with the language choice.
    const gate = page.locator('staff-gate');
    await gate.locator('[data-staff-first]').waitFor({ timeout: 30_000 });
    const gateTitle = () => gate.locator('h1').innerText();
    expect(await gateTitle()).toMatch(/[\u4e00-\u9fff]/);
    expect(await gate.locator('button[lang=zh-CN]').getAttribute('aria-pressed')).toBe('true');
    await gate.locator('button[lang=en]').click();
    await expect.poll(gateTitle, { timeout: 10_000 }).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await gate.locator('[data-staff-first]').waitFor({ timeout: 30_000 });
    await expect.poll(gateTitle, { timeout: 10_000 }).not.toMatch(/[\u4e00-\u9fff]/);
    await provisionManager(page);

    // The terminal's identity, in English, with the choice still offered.
    await page.locator('provision-form #sn').waitFor({ timeout: 30_000 });
    await expect.poll(title, { timeout: 10_000 }).toBe('First run: terminal identity');
    const english = page.locator('setup-screen button[lang=en]');
    expect(await english.innerText()).toBe('English');
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    await page.locator('setup-screen button[lang=zh-CN]').click();
    await expect.poll(title, { timeout: 10_000 }).toBe('首次设置：机具身份');
    await english.click();
    await expect.poll(title, { timeout: 10_000 }).toBe('First run: terminal identity');
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
