/**
 * Audit of the merged product on a phone (390×844, English): money figures and labels never break
 * inside a word. The shift summary gained fee and income columns in the merge and, with the app's
 * `overflow-wrap: anywhere`, its amounts broke across lines ("¥1 / 5.3 / 4"); the history list did
 * the same with its amounts, dates and statuses; the status bar split its labels ("Devic / es")
 * and joined devices with the Chinese "、" in English; a refund's status read "Paid"; the history's
 * platform filter showed its checkboxes as empty 48 px fields, without a legend.
 * Built app in Chromium against the real relay + simulator, fake USB printer + HID scanner plugged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startBoundTill } from '../app-steps.js';
import { buildFakesInitScript, plugFakeDevices } from '../devices-fakes.js';
import type { Harness } from '../harness.js';
import { humanType, wedgeScan } from './counter-steps.js';

let h: Harness;
let page: Page;

beforeAll(async () => {
  ({ h, page } = await startBoundTill({
    viewport: { width: 390, height: 844 },
    context: { isMobile: true, hasTouch: true },
    beforeBind: async (p) => plugFakeDevices(p, await buildFakesInitScript()),
  }));
  await page.locator('button[data-nav=settings]').click();
  await page.locator('settings-screen button', { hasText: 'English' }).click();
  await page.locator('button[data-nav=checkout]').click();
  await page.locator('checkout-screen').waitFor();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const tone = () =>
  page
    .locator('checkout-screen pay-status [data-tone]')
    .getAttribute('data-tone', { timeout: 1_000 })
    .catch(() => '');

/** How many lines an element's text takes on screen. */
const lines = (l: Locator) =>
  l.evaluate((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
  });

/** Lines of every element matched, with its text. */
async function linesOf(l: Locator): Promise<[string, number][]> {
  const out: [string, number][] = [];
  for (const el of await l.all()) out.push([(await el.innerText()).trim(), await lines(el)]);
  return out;
}

const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('a phone in English', () => {
  it('a sale and a refund, then: the summary, the history and the status bar keep every figure and label on one line', async () => {
    await humanType(page, '15.34');
    await page.keyboard.press('Enter');
    await wedgeScan(page, '135005875955000000');
    await expect.poll(tone, { timeout: 30_000 }).toBe('ok');
    const otn = (await page.locator('checkout-screen pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';

    await page.locator('button[data-nav=refund]').click();
    await page.locator('refund-screen input[data-refund-lookup]').fill(otn);
    await page.locator('refund-screen input[data-refund-lookup]').press('Enter');
    const amount = page.locator('refund-screen refund-form input').first();
    await amount.waitFor({ timeout: 15_000 });
    await amount.fill('1');
    await amount.press('Enter');
    await page.locator('refund-screen [data-refund-confirm]').click();
    const refundItem = page.locator('refund-screen refund-order-card li[data-refund]');
    await expect.poll(() => refundItem.innerText().catch(() => ''), { timeout: 30_000 }).toContain('¥1.00');
    expect(await refundItem.innerText()).toContain('Refunded');
    expect(await refundItem.innerText()).not.toContain('Paid');

    await page.locator('button[data-nav=summary]').click();
    const cells = page.locator('summary-screen summary-table td');
    await expect.poll(() => cells.count(), { timeout: 15_000 }).toBeGreaterThan(6);
    const summary = await linesOf(cells);
    expect(summary.map(([t]) => t)).toContain('¥15.34');
    expect(summary.filter(([, n]) => n !== 1)).toEqual([]);
    expect(await noHorizontalScroll()).toBe(true);

    await page.locator('button[data-nav=history]').click();
    const rows = page.locator('history-screen history-list tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    for (const cls of ['at', 'amount', 'status']) {
      const got = await linesOf(page.locator(`history-screen history-list td.${cls}`));
      expect(
        got.filter(([, n]) => n !== 1),
        cls,
      ).toEqual([]);
    }
    expect((await linesOf(page.locator('history-screen history-list td.amount'))).map(([t]) => t).sort()).toEqual(['¥15.34', '−¥1.00']);
    expect(await page.locator('history-screen history-list tr.refund td.status').innerText()).toBe('Refunded');
    // The payment-method filter: ticked boxes (not 48 px empty fields) under a legend: cpay's wechat, alipay and card,
    // and the till's own cash and bank card (decision 0037).
    const boxes = page.locator('history-screen history-filters input[type=checkbox]');
    expect(await boxes.count()).toBe(5);
    for (const b of await boxes.all()) expect((await b.boundingBox())?.width ?? 0).toBeLessThanOrEqual(32);
    expect(await page.locator('history-screen history-filters legend').innerText()).toBe('Payment method');
    expect(await noHorizontalScroll()).toBe(true);

    const labels = await linesOf(page.locator('status-bar dt'));
    expect(labels.map(([t]) => t)).toContain('Devices');
    expect(labels.filter(([, n]) => n !== 1)).toEqual([]);
    const devices = await page.locator('status-bar dt', { hasText: 'Devices' }).locator('xpath=following-sibling::dd').innerText();
    expect(devices).toBe('Fake TM-T20, Fake HID POS scanner');
  }, 120_000);
});
