/**
 * Devices end to end (issue 6): the built app through the real relay, in headless Chromium with
 * fake `navigator.hid`/`navigator.usb` injected before the app loads (the fakes' init script).
 * A HID POS scan pays an order; the fake printer's bytes decode back into the receipt (Chinese
 * included); an unplug during the print and a replug print it once; the voice says the sentence;
 * Settings tests the printer and the scanner and forgets/pairs the printer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';
import { buildFakesInitScript, occurrences, paperBytes, paperFrom, plugFakeDevices, type FakeWindow } from './devices-fakes.js';
import { decodeEscPos } from '../../src/platform/devices/printer/decode.js';

let h: Harness;
let page: Page;
let shopName = '';
const WECHAT = '135005875955000000';
const ALIPAY = '281234567890120000';

const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
const tone = () =>
  page
    .locator('pay-status [data-tone]')
    .getAttribute('data-tone')
    .catch(() => '');

beforeAll(async () => {
  const script = await buildFakesInitScript();
  h = await startHarness();
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await plugFakeDevices(page, script);
  await bindDemoDevice(h, page);
  shopName = (await page.locator('status-bar [data-testid=shop]').innerText()).trim();
  // The device chunk reopens the granted printer and scanner without a prompt.
  await page.waitForFunction(
    () => {
      const w = window as unknown as FakeWindow;
      return w.__cpayScanner.opened && w.__cpayPrinter.opened;
    },
    undefined,
    { timeout: 15_000 },
  );
}, 90_000);
afterAll(async () => {
  await h?.close();
});

/** Amount with the keyboard, then the customer code from the fake HID scanner. */
async function payByHidScan(code: string, amount = '0.02'): Promise<string> {
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  expect(await page.evaluate((c) => (window as unknown as FakeWindow).__cpayScanner.scan(c, { aim: ']Q1' }), code)).toBe(true);
  await expect.poll(tone, { timeout: 30_000 }).toMatch(/^(ok|bad|warn)$/);
  expect(await tone()).toBe('ok');
  return (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
}

describe('devices in the browser', () => {
  it('a HID scan pays; the printer gets a receipt that decodes to the order (Chinese included); the voice says it', async () => {
    const before = (await paperBytes(page)).length;
    const otn = await payByHidScan(WECHAT);
    expect(await h.sandbox<{ paid: boolean; platform: string }>(`/sandbox/orders/${otn}`)).toMatchObject({ paid: true, platform: 'wechat' });
    await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 15_000 }).toBe(1);
    const r = await paperFrom(page, before);
    expect(r.leftChineseMode).toBe(false);
    expect(r.text).toContain(shopName);
    expect(r.text).toContain('微信支付');
    expect(r.text).toContain('0.02');
    expect(r.text).toContain(otn);
    expect(r.barcodes).toContain(otn);
    expect(r.qr).toContain(otn);
    await expect.poll(() => page.locator('status-bar [data-testid=spoken]').innerText()).toBe('微信收款 0.02 元');
  }, 60_000);

  it('the printer is unplugged during the print: nothing more prints until it is back, then the receipt prints once', async () => {
    const before = (await paperBytes(page)).length;
    await page.evaluate(() => {
      (window as unknown as FakeWindow).__cpayPrinter.faults.push({ kind: 'unplug', bytesReached: 0 });
    });
    const otn = await payByHidScan(ALIPAY, '0.05');
    await expect.poll(() => page.evaluate(() => (window as unknown as FakeWindow).__cpayPrinter.plugged)).toBe(false);
    await page.waitForTimeout(500);
    expect((await paperBytes(page)).length).toBe(before);
    await page.evaluate(() => {
      const w = window as unknown as FakeWindow;
      w.__cpayFakes.usb.plug(w.__cpayPrinter);
    });
    await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(500); // nothing else arrives
    const r = await paperFrom(page, before);
    expect(r.cuts).toBe(1);
    expect(occurrences(r.text, '0.05')).toBe(1);
    expect(r.text).toContain('支付宝');
    expect(r.barcodes).toEqual([otn]);
    await expect.poll(() => page.locator('status-bar [data-testid=spoken]').innerText()).toBe('支付宝收款 0.05 元');
  }, 60_000);

  it('a scan nobody waits for is shown, not dropped', async () => {
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (window as unknown as FakeWindow).__cpayScanner.scan('HELLO-TERMINAL'))).toBe(true);
    await expect.poll(() => page.locator('device-toast [data-toast]').innerText()).toContain('HELLO-TERMINAL');
  }, 20_000);

  it('refund: the HID scanner reads the receipt barcode (order number) and the refund prints its receipt and is announced', async () => {
    // Its own payment to refund (the test does not lean on an earlier test's order).
    await page.locator('[data-nav=checkout]').click();
    await page.locator('checkout-screen h1').click();
    const paperBefore = (await paperBytes(page)).length;
    const firstOrder = await payByHidScan(WECHAT);
    await expect.poll(async () => (await paperFrom(page, paperBefore)).cuts, { timeout: 15_000 }).toBe(1); // its receipt is out
    await page.locator('[data-nav=refund]').click();
    await page.locator('refund-screen').waitFor();
    await page.locator('refund-screen h1').click(); // the lookup field is not focused: the scan must still arrive
    expect(await page.evaluate((c) => (window as unknown as FakeWindow).__cpayScanner.scan(c, { aim: ']C0' }), firstOrder)).toBe(true);
    await page.locator('refund-order-card [data-otn]', { hasText: firstOrder }).waitFor({ timeout: 20_000 });
    await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
    const before = (await paperBytes(page)).length;
    const amount = page.locator('refund-form [data-refund-amount]');
    await amount.fill('0.01');
    await amount.press('Enter');
    await page.locator('refund-screen [data-refund-confirm]').click(); // the confirmation step (issue 13)
    await expect
      .poll(() => page.locator('refund-screen [data-refund-status]').getAttribute('data-refund-status'), { timeout: 30_000 })
      .toMatch(/^(refunded|accepted)$/);
    await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 15_000 }).toBe(1);
    const r = await paperFrom(page, before);
    expect(r.text).toContain('退款');
    expect(r.text).toContain('0.01');
    expect(r.text).toContain(firstOrder);
    expect(r.barcodes).toEqual([firstOrder]);
    await expect.poll(() => page.locator('status-bar [data-testid=spoken]').innerText()).toBe('微信退款 0.01 元');
  }, 60_000);

  it('settings: test print, test scan with its classification, forget and pair the printer', async () => {
    await page.locator('[data-nav=settings]').click();
    const printer = page.locator('device-row[data-row=printer]');
    const scanner = page.locator('device-row[data-row=scanner]');
    await expect.poll(() => printer.locator('[data-device-state]').innerText()).toContain('TM-T20');
    const before = (await paperBytes(page)).length;
    await printer.locator('[data-device-action=test]').click();
    await expect.poll(async () => (await paperFrom(page, before)).text, { timeout: 15_000 }).toContain('打印测试');
    await scanner.locator('[data-device-action=test]').click();
    await page.evaluate((c) => (window as unknown as FakeWindow).__cpayScanner.scan(c), WECHAT);
    await expect.poll(() => scanner.locator('[data-device-message]').innerText()).toMatch(/1350\*+0000（hid）：付款码 · 微信/);
    await printer.locator('[data-device-action=forget]').click();
    await expect.poll(() => printer.locator('[data-device-state]').innerText()).toContain('未连接');
    await printer.locator('[data-device-action=pair]').click();
    await expect.poll(() => printer.locator('[data-device-state]').innerText()).toContain('TM-T20');
  }, 40_000);

  it('settings: voice test sentence; voice off and the volume are stored and shown again after leaving the screen', async () => {
    const spoken = page.locator('status-bar [data-testid=spoken]');
    const toggle = page.locator('settings-devices [data-voice-toggle]');
    await page.locator('settings-devices [data-voice-test]').click();
    await expect.poll(() => spoken.innerText()).toBe('语音播报测试，微信收款 0.01 元');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await page.locator('settings-devices [data-voice-volume]').fill('40');
    await page.locator('[data-nav=checkout]').click();
    await page.locator('[data-nav=settings]').click();
    expect(await page.locator('settings-devices [data-voice-volume]').inputValue()).toBe('40');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
  }, 30_000);

  it('a print cut off by an unplug survives a reload: the reloaded page prints it once when the printer is there', async () => {
    await page.locator('[data-nav=checkout]').click();
    await page.locator('checkout-screen h1').click();
    await page.evaluate(() => {
      (window as unknown as FakeWindow).__cpayPrinter.faults.push({ kind: 'unplug', bytesReached: 0 });
    });
    const otn = await payByHidScan(WECHAT, '0.07');
    await expect.poll(() => page.evaluate(() => (window as unknown as FakeWindow).__cpayPrinter.plugged)).toBe(false);
    await page.reload(); // a new page: the plug script plugs a fresh (granted) printer with empty paper
    await page.waitForFunction(() => (window as unknown as FakeWindow).__cpayPrinter.opened, undefined, { timeout: 15_000 });
    await expect.poll(async () => (await paperFrom(page)).cuts, { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(500);
    const r = await paperFrom(page);
    expect(r.cuts).toBe(1);
    expect(r.barcodes).toEqual([otn]);
    expect(occurrences(r.text, '0.07')).toBe(1);
  }, 60_000);

  it('the receipt prints after the result frame: a reload at that very frame still gives exactly one receipt, before or after the reload', async () => {
    await page.locator('checkout-screen h1').click();
    await page.keyboard.type('0.09');
    await page.keyboard.press('Enter');
    await expect.poll(phase).toBe('awaiting_code');
    // In the page: at the first frame showing 收款成功, reload. What the printer got before the page
    // went away (its paper is per page) is kept in sessionStorage at pagehide, after the page's last work.
    await page.evaluate(() => {
      const w = window as unknown as FakeWindow;
      const from = w.__cpayPrinter.paper.length;
      const status = () =>
        document.querySelector('cpay-app')?.shadowRoot?.querySelector('checkout-screen')?.shadowRoot?.querySelector('pay-status')?.shadowRoot;
      window.addEventListener('pagehide', () => sessionStorage.setItem('paperBeforeReload', JSON.stringify([...w.__cpayPrinter.paper].slice(from))));
      const tick = () => {
        const s = status();
        if (s?.querySelector('[data-tone]')?.getAttribute('data-tone') === 'ok') {
          sessionStorage.setItem('paidBeforeReload', s.querySelector('[data-order-no]')?.getAttribute('data-order-no') ?? '');
          location.reload();
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    expect(await page.evaluate((c) => (window as unknown as FakeWindow).__cpayScanner.scan(c, { aim: ']Q1' }), WECHAT)).toBe(true);
    await reloaded;
    await page.waitForFunction(() => (window as unknown as FakeWindow).__cpayPrinter.opened, undefined, { timeout: 15_000 });
    const otn = await page.evaluate(() => sessionStorage.getItem('paidBeforeReload') ?? '');
    expect(otn).not.toBe('');
    expect(await h.sandbox<{ paid: boolean }>(`/sandbox/orders/${otn}`)).toMatchObject({ paid: true });
    const before = await page.evaluate(() => JSON.parse(sessionStorage.getItem('paperBeforeReload') ?? '[]') as number[]);
    const receipts = async () => {
      const first = decodeEscPos(Uint8Array.from(before));
      const second = await paperFrom(page);
      return { cuts: first.cuts + second.cuts, barcodes: [...first.barcodes, ...second.barcodes] };
    };
    await expect.poll(async () => (await receipts()).cuts, { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(1_000); // nothing else arrives
    expect(await receipts()).toEqual({ cuts: 1, barcodes: [otn] });
  }, 60_000);
});
