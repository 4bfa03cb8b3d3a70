/**
 * History and shift summary screens end to end: the built app in headless Chromium against the
 * sandbox relay. A small day of mixed payments (WeChat, Alipay; paid and declined) and a partial
 * refund, then the history list and the summary table are compared with the simulator's truth
 * (`/sandbox/orders`), a history row opens the refund screen on its order, and a shift is
 * started and ended. Set REFUND_E2E_DIST to serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT, distFromEnv } from './app-steps.js';
import type { Harness } from './harness.js';

interface Truth {
  out_trade_no: string;
  platform: string;
  total_fee: number;
  paid: boolean;
  refunds: { out_refund_no: string; refund_fee: number }[];
}

let h: Harness;
let page: Page;
const DAY = [
  ['135005875955000000', '0.05'],
  ['281234567890120000', '0.07'],
  ['135005875955009103', '0.09'],
  ['135005875955000000', '0.11'],
] as const;

beforeAll(async () => {
  ({ h, page } = await startBoundTill({ harness: distFromEnv('REFUND_E2E_DIST'), viewport: PLAYWRIGHT_VIEWPORT }));
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const orders = () => h.sandbox<Truth[]>('/sandbox/orders');

/** Takes the day's payments on the checkout screen with the keyboard. */
async function takePayments(): Promise<void> {
  const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
  await page.locator('checkout-screen h1').click();
  for (const [code, amount] of DAY) {
    await page.keyboard.type(amount);
    await page.keyboard.press('Enter');
    await expect.poll(phase).toBe('awaiting_code');
    await page.keyboard.type(code, { delay: 1 });
    await page.keyboard.press('Enter');
    await expect.poll(phase, { timeout: 30_000 }).toMatch(/^(success|failed)$/);
  }
}

describe('history and summary screens = server truth', () => {
  it('history lists every payment of the day with its status; a row opens the refund screen; a refund appears', async () => {
    await takePayments();
    await page.locator('[data-nav=history]').click();
    const rows = page.locator('history-list tr[data-row]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(DAY.length);
    const truth = await orders();
    for (const o of truth) {
      await expect.poll(() => page.locator(`history-list tr[data-row="${o.out_trade_no}"]`).getAttribute('data-status')).toBe(o.paid ? 'success' : 'failed');
    }
    const alipay = truth.find((o) => o.platform === 'alipay');
    await page.locator(`history-list tr[data-row="${alipay?.out_trade_no}"] button`).first().click();
    await page.locator('refund-order-card [data-otn]', { hasText: alipay?.out_trade_no ?? '?' }).waitFor({ timeout: 20_000 });
    await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
    await page.locator('refund-form [data-refund-amount]').fill('0.03');
    await page.locator('refund-form [data-refund-amount]').press('Enter');
    await page.locator('refund-screen [data-refund-confirm]').click(); // the confirmation step (issue 13)
    await expect.poll(() => page.locator('refund-screen [data-refund-status]').getAttribute('data-refund-status'), { timeout: 30_000 }).toBe('refunded');

    await page.locator('[data-nav=history]').click();
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(DAY.length + 1);
    const refundNo = (await orders()).flatMap((o) => o.refunds)[0]?.out_refund_no ?? '?';
    expect(await page.locator(`history-list tr[data-row="${refundNo}"]`).getAttribute('data-status')).toBe('success');
  }, 120_000);

  it('the summary shows per platform what the server has; a shift can be started and ended', async () => {
    await page.locator('[data-nav=summary]').click();
    const truth = await orders();
    const paid = (p: string) => truth.filter((o) => o.platform === p && o.paid).reduce((s, o) => s + o.total_fee, 0);
    const refunded = truth.flatMap((o) => o.refunds).reduce((s, r) => s + r.refund_fee, 0);
    const net = page.locator('summary-table tfoot [data-net]');
    await expect.poll(() => net.innerText(), { timeout: 20_000 }).toBe(`¥${((paid('wechat') + paid('alipay') - refunded) / 100).toFixed(2)}`);
    expect(await page.locator('summary-table tr[data-line=wechat] td').nth(2).innerText()).toBe(`¥${(paid('wechat') / 100).toFixed(2)}`);
    expect(await page.locator('summary-chart [data-bar]').count()).toBe(2);

    // issue 20: a shift opens with a float (none here) and closes with a cash count (nothing counted: even)
    await page.locator('shift-panel [data-shift-open]').click();
    await expect.poll(() => page.locator('shift-panel [data-shift-state=open]').innerText()).toMatch(/当前班次/);
    await page.locator('shift-panel [data-shift-close]').click();
    await page.locator('shift-panel [data-shift-confirm]').click();
    await expect.poll(() => page.locator('summary-screen [data-shift]').innerText(), { timeout: 20_000 }).toMatch(/上一班次/);
  }, 60_000);
});
