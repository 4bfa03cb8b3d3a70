/**
 * Spec §13 end to end, for WeChat Pay and for Alipay: the built app served by the real relay in
 * sandbox mode, in headless Chromium, keyboard only. Pay 0.02 → scan the receipt's order number
 * (a keyboard-wedge scanner types it into the refund screen and presses Enter) → paid; refund
 * 0.03 refused on the terminal; refund 0.01 succeeds; partly refunded; refund 0.02 refused;
 * refund 0.01 succeeds; fully refunded. After every step the screen is compared with the
 * server's truth (`/sandbox/orders/{otn}`). Set REFUND_E2E_DIST to serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT, distFromEnv, payTone } from './app-steps.js';
import type { Harness } from './harness.js';

interface Truth {
  paid: boolean;
  platform: string;
  total_fee: number;
  refunded_fee: number;
  refundable_fee: number;
  state: string;
  refunds: { refund_fee: number; state: string }[];
}

let h: Harness;
let page: Page;
const CODES = { wechat: '135005875955000000', alipay: '281234567890120000' } as const;

beforeAll(async () => {
  ({ h, page } = await startBoundTill({ harness: distFromEnv('REFUND_E2E_DIST'), viewport: PLAYWRIGHT_VIEWPORT }));
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const truth = (otn: string) => h.sandbox<Truth>(`/sandbox/orders/${otn}`);
const display = () => page.locator('refund-order-card [data-display]').getAttribute('data-display');

/** Pays 0.02 on the checkout screen with the keyboard; returns the order number. */
async function pay(code: string): Promise<string> {
  await page.locator('[data-nav=checkout]').click();
  await page.locator('checkout-screen').waitFor();
  const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
  await page.locator('checkout-screen h1').click();
  await page.keyboard.type('0.02');
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect.poll(() => payTone(page), { timeout: 30_000 }).toBe('ok');
  return (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
}

/** The receipt's barcode scanned into the refund screen (wedge: fast typing + Enter). */
async function scan(otn: string): Promise<void> {
  const field = page.locator('refund-screen [data-refund-lookup]');
  await field.fill('');
  await field.focus();
  await page.keyboard.type(otn, { delay: 2 });
  await page.keyboard.press('Enter');
  await page.locator(`refund-order-card [data-otn]`, { hasText: otn }).waitFor({ timeout: 20_000 });
  await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
}

/** Types an amount into the refund form and confirms with Enter. */
async function refund(amount: string): Promise<void> {
  const field = page.locator('refund-form [data-refund-amount]');
  await field.fill(amount);
  await field.press('Enter');
  if (await page.locator('refund-screen [data-refund-confirm]').isVisible()) await page.locator('refund-screen [data-refund-confirm]').click(); // the confirmation step (issue 13)
}

const message = () => page.locator('refund-form [data-refund-message]').innerText({ timeout: 20_000 });
const status = () => page.locator('refund-screen [data-refund-status]').getAttribute('data-refund-status');

describe.each(['wechat', 'alipay'] as const)('§13 acceptance script in Chromium (%s)', (platform) => {
  it('pay 0.02, refuse 0.03, refund 0.01, partly refunded, refuse 0.02, refund 0.01, fully refunded', async () => {
    const otn = await pay(CODES[platform]);
    expect(await truth(otn)).toMatchObject({ paid: true, platform, total_fee: 2 });

    await page.locator('[data-nav=refund]').click();
    await scan(otn);
    await expect.poll(display).toBe('paid');
    expect(await page.locator('refund-order-card [data-refundable]').innerText()).toBe('¥0.02');
    expect(await page.locator('refund-form [data-refund-amount]').inputValue()).toBe('0.02');

    await refund('0.03');
    expect(await message()).toContain('超过可退金额');
    expect((await truth(otn)).refunds).toEqual([]);

    await refund('0.01');
    await expect.poll(status, { timeout: 30_000 }).toBe('refunded');
    await expect.poll(display, { timeout: 20_000 }).toBe('partially_refunded');
    expect(await truth(otn)).toMatchObject({ refunded_fee: 1, refundable_fee: 1 });
    await scan(otn);
    await expect.poll(display).toBe('partially_refunded');
    expect(await page.locator('refund-order-card [data-refundable]').innerText()).toBe('¥0.01');

    await refund('0.02');
    expect(await message()).toContain('超过可退金额');
    expect((await truth(otn)).refunds).toHaveLength(1);

    await refund('0.01');
    await expect.poll(status, { timeout: 30_000 }).toBe('refunded');
    await expect.poll(display, { timeout: 20_000 }).toBe('fully_refunded');
    await scan(otn);
    await expect.poll(display).toBe('fully_refunded');
    expect(await truth(otn)).toMatchObject({ refunded_fee: 2, refundable_fee: 0, state: 'refunded' });
  }, 120_000);
});

// The manager PIN asked before refunds became staff sign-in and a manager's authorisation above
// the cashier limit: test/e2e/staff-permissions.e2e.test.ts.
