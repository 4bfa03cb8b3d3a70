/**
 * The customer display (顾客屏, issue 13) as a cashier uses it: opened from the checkout as a
 * second window under the app's strict CSP (no bypass), styled, in the customer's words, following
 * the sale phase by phase; at phone size it still fits. Money is checked against /sandbox/ truth.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boundTillHooks } from '../app-steps.js';
import type { Harness } from '../harness.js';
import { seriousViolations, tap, wedgeScan } from './counter-steps.js';

interface SandboxOrder {
  out_trade_no: string;
  total_fee: number;
  paid: boolean;
  code_url?: string;
}

let h: Harness;
let page: Page;
let popup: Page;

boundTillHooks((till) => {
  ({ h, page } = till); // the relay's CSP applies
});

const shown = (sel: string) => popup.locator(sel).isVisible();
const text = () => popup.locator('[data-text]').innerText();
const amount = () => popup.locator('[data-amount]').innerText();

describe('customer display', () => {
  it('opens from the checkout, styled under the CSP, with lang and a welcome while idle', async () => {
    const csp: string[] = [];
    const [win] = await Promise.all([page.context().waitForEvent('page'), tap(page.locator('[data-customer-display]'))]);
    popup = win;
    popup.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await popup.locator('[data-welcome]').waitFor();
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await popup.title()).toBe('顾客屏');
    expect(await popup.locator('[data-welcome]').innerText()).toBe('欢迎光临');
    expect(await shown('[data-amount]')).toBe(false);
    // The styles apply: a large bold sans-serif welcome, centred, on the tinted background.
    const style = await popup.locator('[data-welcome]').evaluate((e) => {
      const c = getComputedStyle(e);
      return {
        size: parseFloat(c.fontSize),
        weight: c.fontWeight,
        family: c.fontFamily,
        bg: getComputedStyle(document.body).backgroundColor,
        align: c.textAlign,
      };
    });
    expect(style.size).toBeGreaterThanOrEqual(32);
    expect(style.weight).toBe('700');
    expect(style.family).toContain('sans-serif');
    expect(style.family).not.toMatch(/^"?Times/);
    expect(style.bg).toBe('rgb(243, 246, 251)');
    expect(style.align).toBe('center');
    expect(csp).toEqual([]);
    expect(await seriousViolations(popup)).toEqual([]);
  }, 60_000);

  it('shows the amount as it is keyed, clears on cancel, and thanks the customer after a micropay', async () => {
    await page.bringToFront();
    await tap(page.locator('checkout-screen h1')); // the focus leaves the 顾客屏 button (Enter must not re-open it)
    await page.keyboard.type('12.3');
    await expect.poll(amount).toBe('¥12.3');
    expect(await text()).toBe('收银员正在输入金额');
    expect(parseFloat(await popup.locator('[data-amount]').evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(44);
    await page.keyboard.press('Enter');
    await expect.poll(text).toBe('请出示付款码');
    expect(await amount()).toBe('¥12.30');
    await page.keyboard.press('Escape'); // the cashier cancels before the scan
    await expect.poll(() => shown('[data-welcome]')).toBe(true);
    expect(await shown('[data-amount]')).toBe(false);
    expect(await popup.locator('main').innerText()).not.toContain('12.3');

    await page.keyboard.type('23.45');
    await page.keyboard.press('Enter');
    await expect.poll(text).toBe('请出示付款码');
    await wedgeScan(page, '135005875955000000');
    await expect.poll(text, { timeout: 20_000 }).toBe('支付成功，谢谢惠顾');
    expect(await amount()).toBe('¥23.45');
    expect(await popup.locator('main').innerText()).not.toContain('收款'); // merchant wording stays on the cashier's side
    const orders = await h.sandbox<SandboxOrder[]>('/sandbox/orders');
    expect(orders.filter((o) => o.paid).map((o) => o.total_fee)).toEqual([2345]);
    expect(await seriousViolations(popup)).toEqual([]);
  }, 60_000);

  it("shows the QR and the amount for scan-code pay, in the customer's words", async () => {
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await page.keyboard.type('0.05');
    await tap(page.locator('[data-scan-code=alipay]'));
    await expect.poll(() => popup.locator('[data-qr]').getAttribute('data-payload'), { timeout: 15_000 }).toMatch(/alipay/);
    await popup.locator('[data-qr] svg').waitFor();
    expect(await amount()).toBe('¥0.05');
    expect(await text()).toBe('请使用支付宝扫描二维码支付');
    const box = await popup.locator('[data-qr]').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(200);
    expect(await seriousViolations(popup)).toEqual([]);
    const codeUrl = (await popup.locator('[data-qr]').getAttribute('data-payload')) ?? '';
    await h.sandbox('/sandbox/scan/pay', { code_url: codeUrl });
    await expect.poll(text, { timeout: 15_000 }).toBe('支付成功，谢谢惠顾');
    expect(await shown('[data-qr]')).toBe(false);
    const order = (await h.sandbox<SandboxOrder[]>('/sandbox/orders')).find((o) => o.code_url === codeUrl);
    expect(order).toMatchObject({ total_fee: 5, paid: true });
  }, 60_000);

  it('fits a phone-size window (390×844): no horizontal scroll, the QR inside the screen', async () => {
    await popup.setViewportSize({ width: 390, height: 844 });
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await page.keyboard.type('888.88');
    await tap(page.locator('[data-scan-code=wechat]'));
    await popup.locator('[data-qr] svg').waitFor({ timeout: 15_000 });
    expect(await text()).toBe('请使用微信扫描二维码支付');
    const m = await popup.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: innerWidth }));
    expect(m.sw).toBeLessThanOrEqual(m.w);
    for (const sel of ['[data-amount]', '[data-qr]', '[data-text]']) {
      const b = await popup.locator(sel).boundingBox();
      expect(b, sel).not.toBeNull();
      expect((b?.x ?? -1) >= 0 && (b?.x ?? 0) + (b?.width ?? 0) <= 390, sel).toBe(true);
    }
    await tap(page.locator('pay-status [data-action=cancel]'));
    await expect.poll(() => shown('[data-welcome]'), { timeout: 15_000 }).toBe(true);
    expect(await shown('[data-qr]')).toBe(false);
  }, 60_000);

  it('follows the language: English wording and lang=en', async () => {
    await page.bringToFront();
    await tap(page.locator('button[data-nav=settings]'));
    await tap(page.locator('settings-screen button[lang=en]'));
    await tap(page.locator('button[data-nav=checkout]'));
    await page.locator('checkout-screen').waitFor();
    const [win] = await Promise.all([page.context().waitForEvent('page'), tap(page.locator('[data-customer-display]'))]);
    await win.locator('[data-welcome]').waitFor();
    await expect.poll(() => win.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await win.locator('[data-welcome]').innerText()).toBe('Welcome');
  }, 60_000);
});
