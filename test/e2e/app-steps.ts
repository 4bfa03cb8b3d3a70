/**
 * Steps many end-to-end tests share, so each test file says only what is particular to it.
 */
import type { Page } from 'playwright-core';
import type { Harness } from './harness.js';

/**
 * First run of the app as a cashier would do it in sandbox mode: open the app, take the demo
 * device, let the (simulated) merchant confirm the binding QR through `/sandbox/bind/confirm`,
 * acknowledge the binding, and wait for the checkout.
 */
export async function bindDemoDevice(h: Harness, page: Page): Promise<void> {
  await page.goto(h.url('/'));
  await page.locator('[data-testid=demo]').click();
  const qr = page.locator('qr-code [data-payload*="?ac="]');
  await qr.waitFor({ timeout: 30_000 });
  await h.sandbox('/sandbox/bind/confirm', { qr_url: await qr.getAttribute('data-payload') });
  await page.locator('[data-testid=bind-done]').click({ timeout: 20_000 });
  await page.locator('checkout-screen').waitFor();
}

/** Types a sub_terminal_type in the payment settings, as an integrator does (live mode refuses the placeholder), and returns to the checkout. */
export async function setSubTerminalType(page: Page, value: number): Promise<void> {
  await page.locator('button[data-nav=settings]').click();
  const form = page.locator('settings-payment');
  await form.locator('input[name=subTerminalType]').fill(String(value));
  await form.locator('[data-testid=save-payment-settings]').click();
  await form.locator('[data-payment-settings-message]').waitFor();
  await page.locator('button[data-nav=checkout]').click();
  await page.locator('checkout-screen').waitFor();
}
