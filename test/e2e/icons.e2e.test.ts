/**
 * Icons are inline SVG, not emoji, end to end in headless Chromium against the relay in sandbox
 * mode: Debian's Chromium (like a tablet without an emoji font) draws 📷 or 🔇 as a missing-glyph
 * box. The checkout's camera button and the status bar's "sound blocked" notice each show an SVG
 * of non-zero size, hidden from screen readers, actually drawn (ink pixels in its screenshot), and
 * keep their text label; no pictograph is left in their text.
 * E2E_SHOT_DIR: also keep the screenshots there (e.g. /work/tmp) to look at them.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { boundTillHooks } from './app-steps.js';

/** upng-js (CommonJS, untyped): PNG decode. */
interface Upng {
  decode(b: ArrayBuffer): unknown;
  toRGBA8(img: unknown): ArrayBuffer[];
}
const UPNG = createRequire(import.meta.url)('upng-js') as Upng;

/** Emoji and other pictographs (what needs an emoji font). */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

let page: Page;

boundTillHooks((till) => {
  page = till.page;
});

/** Pixels of `el`'s screenshot that differ clearly from `background` (r, g, b). */
async function inkPixels(el: Locator, background: readonly [number, number, number], shot: string): Promise<number> {
  const png = await el.screenshot();
  if (process.env.E2E_SHOT_DIR) writeFileSync(join(process.env.E2E_SHOT_DIR, shot), png);
  const img = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  const rgba = new Uint8Array(UPNG.toRGBA8(img)[0] ?? new ArrayBuffer(0));
  let ink = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const d = Math.abs((rgba[i] ?? 0) - background[0]) + Math.abs((rgba[i + 1] ?? 0) - background[1]) + Math.abs((rgba[i + 2] ?? 0) - background[2]);
    if (d > 96) ink++;
  }
  return ink;
}

/** The icon in `host`: an SVG drawn in the text colour, aria-hidden, with a box of non-zero size. */
async function expectSvgIcon(host: Locator): Promise<Locator> {
  const icon = host.locator('svg');
  await expect.poll(() => icon.count()).toBe(1);
  expect(await icon.getAttribute('aria-hidden')).toBe('true');
  const box = await icon.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(12);
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(12);
  // currentColor: the icon follows the text (disabled, hover, dark bar) without its own colours.
  const [stroke, color] = await icon.evaluate((svg) => [getComputedStyle(svg).stroke, getComputedStyle(svg.parentElement ?? svg).color]);
  expect(stroke).toBe(color);
  return icon;
}

describe('icons are inline SVG, drawn without an emoji font', () => {
  it('the checkout camera button shows a camera SVG beside its label', async () => {
    await page.keyboard.type('0.02');
    await page.keyboard.press('Enter');
    const button = page.locator('checkout-screen camera-scan-button [data-camera-open]');
    await button.waitFor({ timeout: 15_000 });
    expect(PICTOGRAPH.test(await button.innerText())).toBe(false);
    expect((await button.innerText()).trim()).toBe('摄像头扫码');
    const icon = await expectSvgIcon(button);
    if (process.env.E2E_SHOT_DIR) await button.screenshot({ path: join(process.env.E2E_SHOT_DIR, 'polish-camera-button.png') });
    expect(await inkPixels(icon, [255, 255, 255], 'polish-camera-icon.png')).toBeGreaterThan(20); // strokes on the white button
    // The icon sits beside the label inside the button, not over it.
    const [b, i] = [await button.boundingBox(), await icon.boundingBox()];
    expect(i && b && i.x >= b.x && i.x + i.width <= b.x + b.width && i.y >= b.y && i.y + i.height <= b.y + b.height).toBe(true);
  }, 60_000);

  it('the status bar says "sound blocked" with a muted-speaker SVG', async () => {
    // The browser decides when audio is blocked (a fresh load without a gesture); the status bar's
    // own property shows the notice here, the voice-clips e2e covers when it is set.
    await page.locator('status-bar').evaluate((el) => {
      (el as HTMLElement & { audioBlocked: boolean }).audioBlocked = true;
    });
    const notice = page.locator('status-bar [data-testid=audio-blocked]');
    await notice.waitFor();
    expect(PICTOGRAPH.test(await notice.innerText())).toBe(false);
    expect(await notice.innerText()).toContain('声音未开启');
    const icon = await expectSvgIcon(notice);
    if (process.env.E2E_SHOT_DIR) await page.locator('status-bar').screenshot({ path: join(process.env.E2E_SHOT_DIR, 'polish-status-bar.png') });
    expect(await inkPixels(icon, [0x1f, 0x29, 0x37], 'polish-muted-icon.png')).toBeGreaterThan(10); // strokes on the dark bar
  }, 60_000);
});
