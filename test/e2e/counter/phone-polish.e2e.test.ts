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

/** How many lines an element's text takes on screen. */
const lines = (l: Locator) =>
  l.evaluate((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
  });

/** Whether an element lies within the window's width. */
async function onScreenX(l: Locator): Promise<{ inside: boolean }> {
  const b = await l.boundingBox();
  return { inside: !!b && b.x >= 0 && b.x + b.width <= W + 0.5 };
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

  it('the summary fits the phone: no sideways scroll, every figure on one line', async () => {
    await humanType(page, '12.34');
    await page.keyboard.press('Enter');
    await wedgeScan(page, '135005875955000000');
    await expect
      .poll(
        () =>
          page
            .locator('checkout-screen pay-status [data-tone]')
            .getAttribute('data-tone')
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('ok');
    await page.locator('[data-nav=summary]').click();
    const cells = page.locator('summary-screen summary-table td');
    await expect.poll(() => cells.count(), { timeout: 15_000 }).toBeGreaterThan(6);
    await page.waitForTimeout(300);
    await shot('summary');
    const box = await page.locator('summary-screen summary-table .scroll').evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
    expect(box.sw).toBeLessThanOrEqual(box.cw);
    const texts = await cells.allInnerTexts();
    expect(texts).toContain('¥12.34');
    for (const c of await cells.all()) expect(await lines(c), await c.innerText()).toBe(1);
    for (const c of await cells.all()) expect((await onScreenX(c)).inside, await c.innerText()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(W);
  }, 90_000);

  it('the sandbox code table fits the phone: each code on one line, each scenario on one row', async () => {
    await page.locator('[data-nav=checkout]').click();
    const codes = page.locator('checkout-screen sandbox-codes button[data-sandbox-code]');
    await expect.poll(() => codes.count(), { timeout: 15_000 }).toBeGreaterThan(6);
    await page.locator('checkout-screen sandbox-codes').scrollIntoViewIfNeeded();
    await shot('sandbox-codes');
    for (const b of await codes.all()) expect(await lines(b), await b.innerText()).toBe(1);
    for (const b of await codes.all()) expect((await onScreenX(b)).inside, await b.innerText()).toBe(true);
    // Rows are as tall as a button (no label or code wrapped into a second line).
    const rows = await page
      .locator('checkout-screen sandbox-codes tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Math.round(tr.getBoundingClientRect().height)));
    const button = (await codes.first().boundingBox())?.height ?? 0;
    for (const r of rows) expect(r).toBeLessThanOrEqual(button + 12);
    await page.evaluate(() => scrollTo(0, 0));
  }, 60_000);

  it('settings: the voice row and the 隐藏网络 checkbox line up with the fields around them (phone and tablet)', async () => {
    await page.locator('[data-nav=settings]').click();
    await page.locator('settings-screen settings-devices [data-voice-toggle]').waitFor({ timeout: 15_000 });
    for (const width of [1280, W]) {
      await page.setViewportSize({ width, height: H });
      await page.waitForTimeout(300);
      const m = await page.locator('settings-screen settings-devices').evaluate((host) => {
        const sd = host.shadowRoot!;
        const wifi = sd.querySelector('wifi-qr-panel')!.shadowRoot!;
        const box = (el: Element) => el.getBoundingClientRect();
        const mid = (r: DOMRect) => r.top + r.height / 2;
        const cb = wifi.querySelector('[data-wifi-hidden]')!;
        const text = document.createRange();
        text.selectNodeContents(cb.closest('label')!);
        const glyphs = [...text.getClientRects()].filter((r) => r.left >= box(cb).right - 1 && r.width > 0);
        const voice = ['[data-voice-toggle]', '[data-voice-volume]', '[data-voice-mode]', '[data-voice-test]'].map((s) => box(sd.querySelector(s)!));
        const fields = ['[data-wifi-ssid]', '[data-wifi-security]'].map((s) => box(wifi.querySelector(s)!));
        return {
          boxVsText: Math.abs(mid(box(cb)) - (glyphs[0] ? mid(glyphs[0]) : 0)),
          gap: glyphs[0] ? glyphs[0].left - box(cb).right : -1,
          boxVsFields: Math.abs(mid(box(cb.closest('label')!)) - mid(fields[0]!)),
          voiceMids: voice.map((r) => Math.round(mid(r))),
          lefts: [...voice, ...fields, box(cb)].map((r) => Math.round(r.left)),
          voiceBottom: Math.round(Math.max(...voice.map((r) => r.bottom))),
          wifiTitle: Math.round(box(wifi.querySelector('h2')!).top),
        };
      });
      await page.locator('settings-screen settings-devices [data-voice-toggle]').scrollIntoViewIfNeeded();
      await shot(`settings-voice-${width}`);
      await page.locator('settings-screen settings-devices [data-wifi-hidden]').scrollIntoViewIfNeeded();
      await shot(`settings-wifi-${width}`);
      expect(m.boxVsText, `checkbox and its text (${width})`).toBeLessThanOrEqual(1);
      expect(m.gap, `space between the box and its text (${width})`).toBeGreaterThanOrEqual(6);
      expect(m.wifiTitle - m.voiceBottom, `room above the Wi-Fi title (${width})`).toBeGreaterThanOrEqual(16);
      if (width > 600) {
        expect(m.boxVsFields, 'the checkbox row centred on the fields beside it').toBeLessThanOrEqual(2);
        expect(new Set(m.voiceMids).size, `voice row centres ${m.voiceMids.join(',')}`).toBe(1);
      } else {
        expect(new Set(m.lefts).size, `left edges ${m.lefts.join(',')}`).toBe(1);
      }
    }
  }, 60_000);
});
