/**
 * The refund screen's order card, local first (issue 21): the built app in headless Chromium
 * against the real relay and simulator. A WeChat sale of ¥0.05 at the till; its receipt number
 * scanned into the refund screen while cpay's brief_query_order is held back (Playwright route):
 * the card paints from this terminal's journal, marked 本机记录 / not confirmed, and the refund
 * form stays closed (正在向云支付确认…); released, cpay's answer confirms it and the form opens.
 * Then the merchant refunds ¥0.02 in the console (/sandbox/…/merchant-refund: this terminal knows
 * nothing of it): scanned again, the local card says ¥0.05 refundable until cpay answers, then
 * shows cpay's truth (¥0.02 refunded, ¥0.03 refundable), and a refund above that is refused.
 * PAY_E2E_DIST: serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { bindDemoDevice, payOrderNo, payTone } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';

const WECHAT = '135005875955000000'; // WeChat, scenario "success"
const BRIEF = '**/cpay/brief_query_order';
let h: Harness;
let page: Page;
let otn = '';

beforeAll(async () => {
  h = await startHarness(process.env.PAY_E2E_DIST ? { staticDir: process.env.PAY_E2E_DIST } : {});
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await bindDemoDevice(h, page);
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const card = (sel: string) => page.locator(`refund-order-card ${sel}`);
const confirmed = () =>
  card('[data-confirmed]')
    .getAttribute('data-confirmed', { timeout: 2_000 })
    .catch(() => '');
/** Which refund field has the focus: 'lookup', 'amount' or the focused element's tag. */
const focused = () =>
  page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.hasAttribute('data-refund-amount') ? 'amount' : a?.hasAttribute('data-refund-lookup') ? 'lookup' : (a?.localName ?? '');
  });
const submitDisabled = () => page.locator('refund-form [data-refund-submit]').isDisabled({ timeout: 2_000 });

/** cpay's brief_query_order held until `release()`; counts the held calls. */
async function holdBrief(): Promise<{ release: () => void; calls: () => number; done: () => Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let n = 0;
  const hold = async (route: Route) => {
    n += 1;
    await held;
    await route.continue();
  };
  await page.route(BRIEF, hold);
  return { release, calls: () => n, done: () => page.unroute(BRIEF, hold) };
}

/** Opens the refund screen afresh and scans the receipt's number into it (wedge: fast typing + Enter). */
async function scan(no: string): Promise<void> {
  await page.locator('[data-nav=checkout]').click();
  await page.locator('checkout-screen').waitFor();
  await page.locator('[data-nav=refund]').click();
  const field = page.locator('refund-screen [data-refund-lookup]');
  await field.waitFor();
  await field.focus();
  await page.keyboard.type(no, { delay: 2 });
  await page.keyboard.press('Enter');
}

describe("refund: this terminal's order paints from its journal, cpay confirms before any refund", () => {
  it('takes a WeChat sale of ¥0.05', async () => {
    await page.locator('checkout-screen h1').click();
    await page.keyboard.type('0.05');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('checkout-screen [data-phase]').getAttribute('data-phase')).toBe('awaiting_code');
    await page.keyboard.type(WECHAT, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => payTone(page, 2_000), { timeout: 30_000 }).toBe('ok');
    otn = await payOrderNo(page);
    expect(await h.sandbox<{ paid: boolean }>(`/sandbox/orders/${otn}`)).toMatchObject({ paid: true });
  }, 90_000);

  it('the card shows before cpay answers, not confirmed, the refund closed; cpay confirms and it opens', async () => {
    const brief = await holdBrief();
    await scan(otn);
    await card('[data-otn]').filter({ hasText: otn }).waitFor({ timeout: 15_000 });
    // cpay's answer is still held: the card is this terminal's record.
    expect(brief.calls()).toBeGreaterThanOrEqual(1);
    expect(await confirmed()).toBe('no');
    expect(await card('[data-provisional]').innerText()).toContain('本机记录');
    expect(await card('[data-total]').innerText()).toBe('¥0.05');
    expect(await submitDisabled()).toBe(true);
    expect(await page.locator('refund-form [data-refund-amount]').isDisabled()).toBe(true);
    expect(await page.locator('refund-screen [data-refund-confirming]').innerText()).toContain('正在向云支付确认');
    // Enter on the field (a wedge's double Enter, or the cashier's "go on to the amount") while the card is
    // provisional neither refunds nor asks again; the focus stays in the number field for now.
    await page.locator('refund-screen [data-refund-lookup]').press('Enter');
    expect(await page.locator('refund-screen [data-refund-confirmation]').count()).toBe(0);
    expect(await h.sandbox<unknown[]>('/sandbox/refunds')).toEqual([]);
    expect(await focused()).toBe('lookup');
    expect(brief.calls()).toBe(1);
    brief.release();
    await expect.poll(confirmed, { timeout: 20_000 }).toBe('yes');
    // That Enter is not lost: once cpay confirms, the amount has the focus (decision 0015's Enter rhythm).
    await expect.poll(focused, { timeout: 10_000 }).toBe('amount');
    expect(await card('[data-provisional]').count()).toBe(0);
    expect(await card('[data-display]').getAttribute('data-display')).toBe('paid');
    expect(await card('[data-refundable]').innerText()).toBe('¥0.05');
    await expect.poll(submitDisabled).toBe(false);
    expect(await page.locator('refund-screen [data-refund-confirming]').count()).toBe(0);
    await brief.done();
  }, 60_000);

  it("refunded at the server behind this terminal's back: the local card, then cpay's truth; more than cpay allows is refused", async () => {
    await h.sandbox(`/sandbox/orders/${otn}/merchant-refund`, { refund_fee: 2 });
    const brief = await holdBrief();
    await scan(otn);
    await expect.poll(confirmed, { timeout: 15_000 }).toBe('no');
    // This terminal does not know the console's refund: its record says all of it is left.
    expect(await card('[data-refundable]').innerText()).toBe('¥0.05');
    expect(await submitDisabled()).toBe(true);
    brief.release();
    await expect.poll(confirmed, { timeout: 20_000 }).toBe('yes');
    expect(await card('[data-display]').getAttribute('data-display')).toBe('partially_refunded');
    // The console's ¥0.02: refunded, or still in flight at the platform; either way not refundable again.
    const held = [
      await card('[data-refunded]').innerText(),
      await card('[data-in-flight]')
        .innerText({ timeout: 1_000 })
        .catch(() => ''),
    ];
    expect(held).toContain('¥0.02');
    expect(await card('[data-refundable]').innerText()).toBe('¥0.03');
    expect(await page.locator('refund-form [data-refund-amount]').inputValue()).toBe('0.03');
    await brief.done();
    // ¥0.05 (the local figure) is refused on the terminal; nothing reaches cpay.
    const amount = page.locator('refund-form [data-refund-amount]');
    await amount.fill('0.05');
    await amount.press('Enter');
    await page.locator('refund-form [data-refund-message]').waitFor({ timeout: 15_000 });
    expect((await h.sandbox<{ refunds: unknown[] }>(`/sandbox/orders/${otn}`)).refunds).toHaveLength(1);
  }, 60_000);
});
