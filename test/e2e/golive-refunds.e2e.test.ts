/**
 * Issue 14, refunds end to end against the sandbox relay (built app in headless Chromium):
 * - point 1: a refund carries the settings' sub_terminal_type and spbill_create_ip, like the payment.
 * GOLIVE_E2E_DIST: serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;
const requests: { url: string; body: string }[] = [];

beforeAll(async () => {
  h = await startHarness(process.env.GOLIVE_E2E_DIST ? { staticDir: process.env.GOLIVE_E2E_DIST } : {});
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('request', (r: Request) => { if (r.url().includes('/cpay/')) requests.push({ url: r.url(), body: r.postData() ?? '' }); });
  await bindDemoDevice(h, page);
}, 90_000);
afterAll(async () => { await h?.close(); });

/** Pays `amount` on the checkout with the keyboard; returns the order number. */
async function pay(p: Page, code: string, amount: string): Promise<string> {
  await p.locator('[data-nav=checkout]').click();
  await p.locator('checkout-screen').waitFor();
  const phase = () => p.locator('checkout-screen [data-phase]').getAttribute('data-phase');
  await p.locator('checkout-screen h1').click();
  await p.keyboard.type(amount);
  await p.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await p.keyboard.type(code, { delay: 5 });
  await p.keyboard.press('Enter');
  await expect.poll(() => p.locator('pay-status [data-tone]').getAttribute('data-tone').catch(() => ''), { timeout: 30_000 }).toBe('ok');
  return (await p.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
}

/** Opens an order on the refund screen by typing its number. */
async function open(p: Page, otn: string): Promise<void> {
  await p.locator('[data-nav=refund]').click();
  const field = p.locator('refund-screen [data-refund-lookup]');
  await field.fill(otn);
  await field.press('Enter');
  await p.locator('refund-order-card [data-otn]', { hasText: otn }).waitFor({ timeout: 20_000 });
}

/** Refunds `amount` of the shown order and waits until cpay has it. */
async function refund(p: Page, amount: string): Promise<void> {
  const field = p.locator('refund-form [data-refund-amount]');
  await field.fill(amount);
  await field.press('Enter');
  await expect.poll(() => p.locator('refund-screen [data-refund-status]').getAttribute('data-refund-status'), { timeout: 30_000 }).toBe('refunded');
}

const inner = (body: string) => JSON.parse((JSON.parse(body) as { request_content: string }).request_content) as { order_client: Record<string, unknown> };

describe('refunds carry the terminal identity of the settings (point 1)', () => {
  it('sub_terminal_type and spbill_create_ip typed in the settings are sent with the refund', async () => {
    await page.locator('button[data-nav=settings]').click();
    const form = page.locator('settings-payment');
    await form.locator('input[name=subTerminalType]').fill('7001');
    await form.locator('input[name=spbillCreateIp]').fill('10.1.2.3');
    await form.locator('[data-testid=save-payment-settings]').click();
    await form.locator('[data-payment-settings-message]').waitFor();
    const otn = await pay(page, '135005875955000000', '0.05');
    const from = requests.length;
    await open(page, otn);
    await refund(page, '0.01');
    const sent = requests.slice(from).filter((r) => r.url.endsWith('/cpay/refund'));
    expect(sent).toHaveLength(1);
    expect(inner(sent[0]!.body).order_client).toMatchObject({ sub_terminal_type: 7001, spbill_create_ip: '10.1.2.3' });
  }, 90_000);
});
