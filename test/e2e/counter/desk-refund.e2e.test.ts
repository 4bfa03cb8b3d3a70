/**
 * Refund safety (issue 13) as a cashier meets it: 退款 offered only where something is refundable
 * (not on a failed order, not once fully refunded), a confirmation step that states amount,
 * platform and order before any money goes back (nothing reaches cpay until it is confirmed), and
 * no old 退款成功 left standing under a new error. Every refund is checked against /sandbox/ truth.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boundTillHooks } from '../app-steps.js';
import type { Harness } from '../harness.js';
import { humanType, tap, wedgeScan } from './counter-steps.js';

interface Order {
  out_trade_no: string;
  paid: boolean;
  state: string;
  total_fee: number;
  refunds: { refund_fee: number; state: string }[];
}

let h: Harness;
let page: Page;

boundTillHooks((till) => {
  ({ h, page } = till);
});

const order = (otn: string) => h.sandbox<Order>(`/sandbox/orders/${otn}`);
const status = () =>
  page
    .locator('refund-screen [data-refund-status]')
    .getAttribute('data-refund-status', { timeout: 250 })
    .catch(() => '');

/** A sale on the checkout: amount typed, Enter, the customer's code scanned; returns the order number. */
async function sell(amount: string, code: string, tone: 'ok' | 'bad'): Promise<string> {
  await tap(page.locator('[data-nav=checkout]'));
  await page.locator('checkout-screen').waitFor();
  await tap(page.locator('checkout-screen h1'));
  await page.keyboard.press('Escape');
  await humanType(page, amount);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('checkout-screen [data-phase]').getAttribute('data-phase')).toBe('awaiting_code');
  await wedgeScan(page, code);
  await expect
    .poll(
      () =>
        page
          .locator('pay-status [data-tone]')
          .getAttribute('data-tone')
          .catch(() => ''),
      { timeout: 30_000 },
    )
    .toBe(tone);
  return (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
}

async function openRefund(otn: string): Promise<void> {
  await tap(page.locator('[data-nav=refund]'));
  const field = page.locator('refund-screen [data-refund-lookup]');
  await field.fill(otn);
  await field.press('Enter');
  await page.locator('refund-order-card [data-otn]', { hasText: otn }).waitFor({ timeout: 20_000 });
  await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
}

let paid = '';
let failed = '';

describe('refund safety', () => {
  it('流水 offers 退款 on the paid order only; a failed order opens with nothing to refund', async () => {
    paid = await sell('3.33', '135005875955000000', 'ok');
    failed = await sell('4.44', '281234567890129103', 'bad'); // Alipay declines
    expect((await order(failed)).paid).toBe(false);
    await tap(page.locator('[data-nav=history]'));
    const row = (otn: string) => page.locator(`history-list tr[data-row="${otn}"]`);
    await expect.poll(() => row(paid).getAttribute('data-status'), { timeout: 20_000 }).toBe('success');
    await expect.poll(() => row(failed).getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
    expect(await row(paid).locator('[data-refund-open]').innerText()).toBe('退款');
    expect(await row(failed).locator('button', { hasText: '退款' }).count()).toBe(0);

    await openRefund(failed);
    expect(await page.locator('refund-order-card [data-display]').getAttribute('data-display')).toBe('not_paid');
    expect(await page.locator('refund-order-card [data-refundable]').innerText()).toBe('¥0.00');
    expect(await page.locator('refund-screen [data-not-refundable]').innerText()).toContain('不能退款');
    expect(await page.locator('refund-form').count()).toBe(0);
    expect(await page.locator('refund-screen button', { hasText: '确认退款' }).count()).toBe(0);
  }, 120_000);

  it('a confirmation states amount, platform and order; nothing goes back before it; 返回修改 sends nothing', async () => {
    await openRefund(paid);
    const amount = page.locator('refund-form [data-refund-amount]');
    expect(await amount.inputValue()).toBe('3.33');
    await amount.fill('1.00');
    await amount.press('Enter');
    const dialog = page.locator('refund-screen [data-refund-confirmation]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-confirm-amount]').innerText()).toBe('¥1.00');
    expect(await dialog.locator('[data-confirm-platform]').innerText()).toBe('微信支付');
    expect(await dialog.locator('[data-confirm-order]').innerText()).toBe(paid);
    await page.waitForTimeout(500);
    expect((await order(paid)).refunds).toEqual([]); // nothing sent yet
    await tap(dialog.locator('[data-refund-back]'));
    expect(await dialog.count()).toBe(0);
    await page.waitForTimeout(300);
    expect((await order(paid)).refunds).toEqual([]);

    await amount.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Enter'); // the focus is on 确认退款
    await expect.poll(status, { timeout: 30_000 }).toBe('refunded');
    expect((await order(paid)).refunds.map((r) => r.refund_fee)).toEqual([100]);
  }, 90_000);

  it('a new error clears the old 退款成功; once fully refunded, 退款 is no longer offered', async () => {
    const amount = page.locator('refund-form [data-refund-amount]');
    await expect.poll(() => amount.inputValue()).toBe('2.33');
    await amount.fill('5.00'); // more than is left
    await amount.press('Enter');
    await expect
      .poll(
        () =>
          page
            .locator('refund-form [data-refund-message]')
            .innerText()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toContain('2.33');
    expect(await status()).toBe('');
    expect(await page.locator('refund-screen').innerText()).not.toContain('退款成功');
    expect((await order(paid)).refunds).toHaveLength(1);

    await amount.fill('2.33');
    await amount.press('Enter');
    await page.locator('refund-screen [data-refund-confirm]').waitFor();
    await tap(page.locator('refund-screen [data-refund-confirm]'));
    await expect.poll(status, { timeout: 30_000 }).toBe('refunded');
    expect((await order(paid)).refunds.map((r) => r.refund_fee).sort()).toEqual([100, 233]);

    await openRefund(failed); // another order: the old result goes with it
    expect(await status()).toBe('');
    await openRefund(paid);
    await expect.poll(() => page.locator('refund-order-card [data-display]').getAttribute('data-display')).toBe('fully_refunded');
    expect(await page.locator('refund-form').count()).toBe(0);
    expect(await page.locator('refund-order-card [data-refundable]').innerText()).toBe('¥0.00');
    await page.locator('refund-screen [data-refund-lookup]').fill('0100009999999999999999999999999');
    await page.locator('refund-screen [data-refund-lookup]').press('Enter');
    await page.locator('refund-screen [data-lookup-error]').waitFor({ timeout: 20_000 });
    // cpay's not-found state is worded by the catalog in shop language (no protocol text)
    expect(await page.locator('refund-screen [data-lookup-error]').getAttribute('data-lookup-error')).toBe('not_found');
    expect(await page.locator('refund-screen [data-lookup-error]').innerText()).toBe('订单不存在：请核对小票上的订单号。');
    expect(await page.locator('refund-screen').innerText()).not.toContain('退款成功');
  }, 120_000);
});
