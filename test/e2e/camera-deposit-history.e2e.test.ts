/**
 * Camera scanning and deposits in history/summary, end to end in headless Chromium against the
 * relay in sandbox mode (issues 6, 9). Chromium's fake camera plays a Y4M file rendered from a QR
 * code of the customer's payment code; the checkout's camera button reads it through the bundled
 * zxing-wasm decoder and the sale is paid. A deposit is taken and settled with HID scans (customer
 * code, then the deposit receipt's number); history (type "deposits") and the shift summary show
 * it as the server's truth says. Without camera permission the screen says so.
 * Set AFTERSALE_E2E_DIST to serve another build than dist/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH, startHarness, type Harness } from './harness.js';
import { bindDemoDevice } from './app-steps.js';
import { buildFakesInitScript, plugFakeDevices, type FakeWindow } from './devices-fakes.js';
import { writeQrY4m } from './camera-y4m.js';
import { consume, frozenDepositNo, waitDepositCard } from './deposit-steps.js';

const WECHAT = '135005875955000000';
interface Truth {
  state: string;
  freeze_fee: number;
  consumed_fee: number;
  released_fee: number;
  remaining_fee: number;
}

let h: Harness;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const wasm: string[] = [];

beforeAll(async () => {
  const video = join(mkdtempSync(join(tmpdir(), 'cpay-camera-')), 'qr.y4m');
  writeQrY4m(video, WECHAT);
  const script = await buildFakesInitScript();
  h = await startHarness({ browser: false, ...(process.env.AFTERSALE_E2E_DIST ? { staticDir: process.env.AFTERSALE_E2E_DIST } : {}) });
  browser = await chromium.launch({
    executablePath: CHROME_PATH,
    args: [...CHROME_ARGS, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  ctx = await browser.newContext({ permissions: ['camera'] });
  page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
  });
  await plugFakeDevices(page, script);
  await bindDemoDevice(h, page);
  await page.waitForFunction(() => (window as unknown as FakeWindow).__cpayScanner.opened, undefined, { timeout: 15_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const attr = (sel: string, name: string) =>
  page
    .locator(sel)
    .first()
    .getAttribute(name, { timeout: 250 })
    .catch(() => '');
const hidScan = (text: string) => page.evaluate((t) => (window as unknown as FakeWindow).__cpayScanner.scan(t), text);

describe('camera, deposit scans, deposits in history and summary', () => {
  it('the checkout camera button reads the QR from the (fake) camera and the sale is paid', async () => {
    await page.keyboard.type('0.02');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr('checkout-screen [data-phase]', 'data-phase')).toBe('awaiting_code');
    await page.locator('checkout-screen [data-camera-open]').click({ timeout: 15_000 });
    await expect.poll(() => attr('pay-status [data-tone]', 'data-tone'), { timeout: 60_000 }).toBe('ok');
    const otn = (await attr('pay-status [data-order-no]', 'data-order-no')) ?? '';
    expect(await h.sandbox<{ paid: boolean; platform: string }>(`/sandbox/orders/${otn}`)).toMatchObject({ paid: true, platform: 'wechat' });
    expect(await page.locator('camera-scan-view').count()).toBe(0); // closed after the scan, camera released
    expect(wasm.length).toBeGreaterThan(0); // the bundled zxing decoder, from the app's own origin (no CDN)
    for (const u of wasm) expect(u.startsWith(h.url('/assets/'))).toBe(true);
  }, 90_000);

  it('deposit: a HID-scanned customer code takes 100.00, the scanned receipt number opens it, 37.50 settles', async () => {
    await page.locator('[data-nav=deposit]').click();
    await page.locator('[data-deposit-amount-input]').fill('100.00');
    await page.locator('deposit-screen h1').click(); // no field focused: the scan is the hub's
    expect(await hidScan(WECHAT)).toBe(true);
    const no = await frozenDepositNo(page);
    expect(await hidScan(no)).toBe(true);
    await waitDepositCard(page, no);
    await consume(page, '37.50', 'settled');
    expect(await h.sandbox<Truth>(`/sandbox/deposits/${no}`)).toMatchObject({ state: 'ended', freeze_fee: 10000, consumed_fee: 3750, released_fee: 6250 });
    expect(await page.locator('[data-deposit-spoken]').innerText()).toBe('押金结算 37.50 元，退还 62.50 元');

    await page.locator('[data-nav=history]').click();
    await page.locator('history-filters [data-history-kind]').selectOption('deposits');
    await page.locator('history-filters button[type=submit]').click();
    await expect.poll(() => page.locator('history-list tr[data-kind]').count(), { timeout: 15_000 }).toBe(3);
    const rows = await page
      .locator('history-list tr[data-kind]')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-kind'), tr.getAttribute('data-status'), tr.querySelector('td.amount')?.textContent ?? '']));
    expect(rows.sort()).toEqual([
      ['consume', 'success', '¥37.50'],
      ['freeze', 'settled', '¥100.00'],
      ['unfreeze', 'success', '−¥62.50'],
    ]);

    await page.locator('[data-nav=summary]').click();
    const total = 'summary-deposits [data-deposit-line=total]';
    await expect
      .poll(
        () =>
          page
            .locator(`${total} [data-frozen]`)
            .innerText()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toBe('¥100.00');
    expect(await page.locator(`${total} [data-consumed]`).innerText()).toBe('¥37.50');
    expect(await page.locator(`${total} [data-released]`).innerText()).toBe('¥62.50');
    expect(await page.locator(`${total} [data-held]`).innerText()).toBe('¥0.00');
    expect(await page.locator('summary-deposits [data-deposits-source]').innerText()).toMatch(/^1 /); // checked with cpay
  }, 120_000);

  it('without camera permission the camera view says so (and how to go on), and closes', async () => {
    await ctx.clearPermissions(); // back to "ask": headless Chromium refuses the prompt
    await page.locator('[data-nav=deposit]').click();
    await page.locator('deposit-screen [data-camera-open]').first().click();
    await expect.poll(() => attr('camera-scan-view [data-camera-error]', 'data-camera-error'), { timeout: 20_000 }).toBe('permission_denied');
    expect(await page.locator('camera-scan-view [role=alert]').innerText()).toContain('没有摄像头权限');
    await page.locator('camera-scan-view [data-camera-close]').click();
    expect(await page.locator('camera-scan-view').count()).toBe(0);
  }, 60_000);
});
