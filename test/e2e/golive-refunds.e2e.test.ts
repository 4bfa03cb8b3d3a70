/**
 * Issue 14, refunds end to end against the sandbox relay (built app in headless Chromium):
 * - point 1: a refund carries the settings' sub_terminal_type and spbill_create_ip, like the payment;
 * - point 3: a deposit consumption is an order (WeChat 14): shown paid on the refund screen, refunded
 *   with its deposit's out_freeze_no;
 * - point 5: two terminals in two browser contexts: B refunds A's order, the merchant refunds it
 *   in the console (/sandbox/); A shows the refundable amount cpay knows and refuses more.
 * GOLIVE_E2E_DIST: serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { bindDemoDevice, provisionManager } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';
import { takeThenSettle } from './deposit-steps.js';

let h: Harness;
let page: Page;
const requests: { url: string; body: string }[] = [];

beforeAll(async () => {
  h = await startHarness(process.env.GOLIVE_E2E_DIST ? { staticDir: process.env.GOLIVE_E2E_DIST } : {});
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('request', (r: Request) => {
    if (r.url().includes('/cpay/')) requests.push({ url: r.url(), body: r.postData() ?? '' });
  });
  await bindDemoDevice(h, page);
}, 90_000);
afterAll(async () => {
  await h?.close();
});

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
  await expect
    .poll(
      () =>
        p
          .locator('pay-status [data-tone]')
          .getAttribute('data-tone')
          .catch(() => ''),
      { timeout: 30_000 },
    )
    .toBe('ok');
  return (await p.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
}

/** Opens an order on the refund screen by typing its number. */
async function open(p: Page, otn: string): Promise<void> {
  await p.locator('[data-nav=refund]').click();
  const field = p.locator('refund-screen [data-refund-lookup]');
  await field.fill(otn);
  await field.press('Enter');
  await p.locator('refund-order-card [data-otn]', { hasText: otn }).waitFor({ timeout: 20_000 });
  await p.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
}

/** Refunds `amount` of the shown order and waits until cpay has it. */
async function refund(p: Page, amount: string): Promise<void> {
  const field = p.locator('refund-form [data-refund-amount]');
  await field.fill(amount);
  await field.press('Enter');
  await p.locator('refund-screen [data-refund-confirm]').click({ timeout: 10_000 }); // the confirmation step (issue 13)
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

describe('a deposit consumption is a refundable order (point 3)', () => {
  it('take 50.00, consume 20.00; the consumption shows paid (¥20.00 refundable); a 5.00 refund carries out_freeze_no', async () => {
    const { ofn, otn } = await takeThenSettle(h, page, { amount: '50.00', code: '135005875955000000', used: '20.00' });
    expect(otn).not.toBe('');

    const from = requests.length;
    await open(page, otn);
    await expect.poll(() => page.locator('refund-order-card [data-display]').getAttribute('data-display')).toBe('paid');
    expect(await page.locator('refund-order-card [data-refundable]').innerText()).toBe('¥20.00');
    await refund(page, '5.00');
    const sent = requests.slice(from).filter((r) => r.url.endsWith('/cpay/refund'));
    expect(sent).toHaveLength(1);
    const rc = (JSON.parse((JSON.parse(sent[0]!.body) as { request_content: string }).request_content) as { refund_content: Record<string, unknown> })
      .refund_content;
    expect(rc).toMatchObject({ out_trade_no: otn, out_freeze_no: ofn, refund_fee: 500 });
    expect(await h.sandbox(`/sandbox/orders/${otn}`)).toMatchObject({ refunded_fee: 500, refundable_fee: 1500 });
  }, 120_000);
});

describe("the refundable amount is cpay's, not this device's (point 5)", () => {
  it("terminal B refunds 0.30 of A's 1.00 order, the merchant console 0.20: A shows ¥0.50 refundable and refuses 0.51", async () => {
    const b = await h.newPage();
    b.on('pageerror', (e) => console.log('[pageerror B]', e.message));
    const device = { sn: 'CPAYSIM_WEB1_SIM0000077', initial_key: 'K7'.repeat(16) };
    await h.sandbox('/sandbox/devices', device);
    await b.goto(h.url('/'));
    await provisionManager(b); // a PIN is required from first start: the first manager, signed in
    await b.locator('provision-form #sn').fill(device.sn);
    await b.locator('provision-form #key').fill(device.initial_key);
    await b.locator('provision-form #key').press('Enter');
    const qr = b.locator('qr-code [data-payload*="?ac="]');
    await qr.waitFor({ timeout: 30_000 });
    await h.sandbox('/sandbox/bind/confirm', { qr_url: await qr.getAttribute('data-payload') });
    await b.locator('[data-testid=bind-done]').click({ timeout: 20_000 });
    await b.locator('checkout-screen').waitFor();

    const otn = await pay(page, '135005875955000000', '1.00');
    await open(b, otn);
    await expect.poll(() => b.locator('refund-order-card [data-refundable]').innerText()).toBe('¥1.00');
    await refund(b, '0.30');
    await h.sandbox(`/sandbox/orders/${otn}/merchant-refund`, { refund_fee: 20 });

    await open(page, otn);
    await expect.poll(() => page.locator('refund-order-card [data-display]').getAttribute('data-display')).toBe('partially_refunded');
    expect(await page.locator('refund-order-card [data-refundable]').innerText()).toBe('¥0.50');
    const from = requests.length;
    const field = page.locator('refund-form [data-refund-amount]');
    await field.fill('0.51');
    await field.press('Enter');
    await expect.poll(() => page.locator('refund-form [data-refund-message]').innerText()).toContain('超过可退金额');
    expect(requests.slice(from).filter((r) => r.url.endsWith('/cpay/refund'))).toEqual([]);
    expect(await h.sandbox(`/sandbox/orders/${otn}`)).toMatchObject({ refundable_fee: 50 });
  }, 150_000);
});
