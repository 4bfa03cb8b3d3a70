/**
 * The sandbox panel end to end: with the relay in sandbox mode and no phone, no scanner and no
 * printer, a person binds the terminal with "simulate merchant confirmation" and pays by clicking
 * (or pressing Enter on) a scenario customer code, which goes through the scan hub as a scan.
 * The receipt appears on the virtual printer's preview, with an explicit reprint. axe finds no
 * serious violations on the bind screen and the checkout with the panel.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { provisionManager } from './app-steps.js';

let h: Harness;
let page: Page;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage({ bypassCSP: true }); // axe is injected as a script
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await page.goto(h.url('/'));
  await provisionManager(page); // a PIN is required from first start: the first manager, signed in
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** Serious or critical axe violations on the page as it is now. */
async function serious(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
const tone = () =>
  page
    .locator('pay-status [data-tone]')
    .getAttribute('data-tone')
    .catch(() => '');

async function enterAmount(amount: string): Promise<void> {
  await page.locator('checkout-screen h1').click(); // focus leaves the last button: keys go to the amount
  if ((await phase()) !== 'idle') await page.keyboard.press('Escape');
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
}

describe('sandbox panel', () => {
  it('binds with "simulate merchant confirmation" (no phone)', async () => {
    await page.locator('[data-testid=demo]').click();
    const confirm = page.locator('sandbox-bind-panel [data-sandbox-confirm]');
    await confirm.waitFor({ timeout: 30_000 });
    expect(await serious()).toEqual([]);
    await confirm.click();
    await page.locator('[data-testid=bind-done]').click({ timeout: 20_000 });
    await page.locator('checkout-screen').waitFor();
    expect(await page.locator('status-bar [data-testid=shop]').innerText()).not.toBe('未绑定');
  }, 60_000);

  it('pays with a clicked scenario code; the receipt shows on the virtual printer and reprints as a copy', async () => {
    await page.locator('sandbox-codes [data-scenario="success:alipay"]').waitFor({ timeout: 15_000 });
    await enterAmount('0.03');
    expect(await serious()).toEqual([]);
    await page.locator('sandbox-codes [data-scenario="success:alipay"]').click();
    await expect.poll(tone, { timeout: 30_000 }).toBe('ok');
    const otn = (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
    expect(await h.sandbox<{ paid: boolean; platform: string; total_fee: number }>(`/sandbox/orders/${otn}`)).toMatchObject({
      paid: true,
      platform: 'alipay',
      total_fee: 3,
    });
    await expect.poll(() => page.locator('status-bar [data-testid=spoken]').innerText()).toBe('支付宝收款 0.03 元');
    const paper = page.locator('receipt-preview [data-receipt-paper]');
    await expect.poll(() => paper.innerText(), { timeout: 15_000 }).toContain(otn);
    expect(await paper.innerText()).toContain('支付宝');
    expect(await paper.innerText()).toContain('0.03');
    await page.locator('receipt-preview [data-receipt-reprint]').click();
    await expect.poll(() => paper.innerText()).toContain('重印');
    expect(await paper.innerText()).toContain(otn);
    expect(await serious()).toEqual([]);
  }, 60_000);

  it('a scenario code is keyboard-reachable: Enter on it pays (declined card → failure, not paid)', async () => {
    await enterAmount('0.04');
    const code = page.locator('sandbox-codes [data-scenario="declined:card"]');
    await code.focus();
    await page.keyboard.press('Enter');
    await expect.poll(tone, { timeout: 30_000 }).toBe('bad');
    const otn = (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
    expect(otn).not.toBe('');
    expect(await h.sandbox<{ paid: boolean; platform: string }>(`/sandbox/orders/${otn}`)).toMatchObject({ paid: false, platform: 'card' });
  }, 60_000);
});
