/**
 * Audit of the built app on a phone (390×844, zh-CN), as a cashier holds it: what the cashier needs
 * at each step is on screen without scrolling, and nothing needs a sideways scroll or wraps inside
 * a figure. Built app in Chromium against the real relay + simulator. With SHOTS_DIR set, each
 * checked screen is also written there as a PNG (to look at).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { bindDemoDevice } from '../app-steps.js';
import { startHarness, type Harness } from '../harness.js';
import { humanType, wedgeScan } from './counter-steps.js';

const SHOTS = process.env.SHOTS_DIR;
const W = 390;
const H = 844;

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  page = await h.newPage({ viewport: { width: W, height: H }, isMobile: true, hasTouch: true });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await bindDemoDevice(h, page);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

/** Where an element is on screen, and whether all of it is inside the window as it is now. */
async function onScreen(l: Locator): Promise<{ top: number; bottom: number; visible: boolean }> {
  const b = await l.boundingBox();
  if (!b) return { top: -1, bottom: -1, visible: false };
  return { top: Math.round(b.y), bottom: Math.round(b.y + b.height), visible: b.y >= 0 && b.y + b.height <= H };
}

const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');

describe('a phone at 390×844', () => {
  it('waiting for the customer code: the scan prompt and 取消 are on screen without scrolling', async () => {
    await page.locator('checkout-screen h1').click();
    await humanType(page, '12.34');
    await page.keyboard.press('Enter');
    await expect.poll(phase).toBe('awaiting_code');
    await page.waitForTimeout(300);
    await shot('checkout-code');
    expect(await page.evaluate(() => scrollY)).toBe(0);
    // The prompt ("请扫描顾客的付款码…"), the code as it is typed, and 取消.
    const prompt = await onScreen(page.locator('checkout-screen pay-status [data-headline]'));
    const code = await onScreen(page.locator('checkout-screen [data-code]'));
    const cancel = await onScreen(page.locator('checkout-screen pay-status [data-action=cancel]'));
    expect({ prompt, code, cancel }).toMatchObject({ prompt: { visible: true }, code: { visible: true }, cancel: { visible: true } });
    // Cancelled with the keyboard as before; the keypad is back for the next sale.
    await page.keyboard.press('Escape');
    await expect.poll(phase).toBe('cancelled');
  }, 60_000);
});
