/**
 * Page helpers of the fault matrix, the same selectors the e2e tests use (test/e2e/pay-*,
 * refund-*, report-*): checkout phase and tone, the order number on screen, the refund status.
 */
import type { Page } from 'playwright-core';

/** What the checkout shows right now. */
export interface CheckoutView {
  readonly phase: string;
  readonly tone: string;
  readonly orderNo: string;
  readonly notice: string;
}

const attr = (page: Page, sel: string, name: string): Promise<string> =>
  page.locator(sel).first().getAttribute(name, { timeout: 500 }).then((v) => v ?? '', () => '');

/** Reads phase, tone, order number and notice of the checkout screen. */
export async function checkoutView(page: Page): Promise<CheckoutView> {
  const [phase, tone, orderNo, notice] = await Promise.all([
    attr(page, 'checkout-screen [data-phase]', 'data-phase'),
    attr(page, 'pay-status [data-tone]', 'data-tone'),
    attr(page, 'pay-status [data-order-no]', 'data-order-no'),
    page.locator('checkout-screen [data-notice]').innerText({ timeout: 300 }).catch(() => ''),
  ]);
  return { phase, tone, orderNo, notice };
}

/** Phases after which the sale is over on screen. */
export const FINAL_PHASES: ReadonlySet<string> = new Set(['success', 'failed', 'cancelled']);

/** Polls `read` until `done` holds or `timeoutMs` passes; returns the last value. */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number, stepMs = 150): Promise<{ value: T; ok: boolean }> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > end) return { value, ok: false };
    await new Promise((r) => { setTimeout(r, stepMs); });
    value = await read();
  }
  return { value, ok: true };
}

/** Goes to the checkout screen and leaves it ready for a new amount (an open unknown is put aside). */
export async function toCheckout(page: Page): Promise<void> {
  if (!(await page.locator('checkout-screen').isVisible().catch(() => false))) {
    await page.locator('[data-nav=checkout]').click();
    await page.locator('checkout-screen').waitFor({ timeout: 10_000 });
  }
  await page.locator('checkout-screen h1').click();
  const { phase } = await checkoutView(page);
  if (!['idle', 'amount', 'success', 'failed', 'cancelled'].includes(phase)) await page.keyboard.press('Escape');
  if (phase === 'amount') for (let i = 0; i < 8; i += 1) await page.keyboard.press('Backspace');
}

/** The refund screen's status kind ('' while none). */
export const refundStatus = (page: Page): Promise<string> => attr(page, 'refund-screen [data-refund-status]', 'data-refund-status');

/** The receipt's order number scanned into the refund screen (a wedge: fast typing + Enter). */
export async function scanOrderNo(page: Page, otn: string): Promise<void> {
  const field = page.locator('refund-screen [data-refund-lookup]');
  await field.fill('');
  await field.focus();
  await page.keyboard.type(otn, { delay: 2 });
  await page.keyboard.press('Enter');
}

/** The outbox's pending count in the status bar. */
export const pendingReports = async (page: Page): Promise<number> =>
  Number(await page.locator('status-bar [data-testid=pending]').innerText({ timeout: 500 }).catch(() => '-1'));
