/**
 * Audit of the merged deposit desk: after a settlement the desk is ready for the next customer,
 * as after a deposit is taken. Before, the focus stayed in the settled deposit's "used" field, so
 * the next deposit's amount was typed there (and its Enter asked to settle the ended deposit again).
 * Picking an open deposit from the list with the keyboard left the focus on the list's button: now
 * the picked deposit's first action (the amount used) has it. A settled deposit's card no longer
 * shows the settle field and buttons.
 * Built app in Chromium against the real relay + simulator; amounts checked against /sandbox/.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boundTillHooks } from '../app-steps.js';
import type { Harness } from '../harness.js';
import { humanType, wedgeScan } from './counter-steps.js';

interface Truth {
  out_freeze_no: string;
  state: string;
  freeze_fee: number;
  consumed_fee: number;
  released_fee: number;
}

let h: Harness;
let page: Page;

boundTillHooks((till) => {
  ({ h, page } = till);
});

const deposits = () => h.sandbox<Truth[]>('/sandbox/deposits');
const focusedField = () =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el instanceof HTMLInputElement ? el.name : (el?.tagName ?? '');
  });
const status = (kind: 'take' | 'settle') =>
  page
    .locator(`deposit-screen [data-${kind}-status]`)
    .getAttribute(`data-${kind}-status`, { timeout: 250 })
    .catch(() => '');

describe('deposit desk after a settlement', () => {
  it('settle from the open list → the focus is back on the amount → the next deposit is typed and scanned as usual', async () => {
    await page.locator('[data-nav=deposit]').click();
    await expect.poll(focusedField, { timeout: 10_000 }).toBe('amount'); // the screen's chunk loads first (over 1 s on a loaded machine)
    await humanType(page, '50');
    await page.keyboard.press('Enter');
    await wedgeScan(page, '135005875955000000');
    await expect.poll(() => status('take'), { timeout: 20_000 }).toBe('frozen');
    const [first] = await deposits();

    await page.locator(`deposit-open-list [data-open-deposit="${first?.out_freeze_no}"]`).click();
    await page.locator('deposit-screen input[name=used]').click();
    await humanType(page, '20');
    await page.keyboard.press('Enter');
    await expect.poll(() => status('settle'), { timeout: 30_000 }).toBe('settled');
    expect(await h.sandbox<Truth>(`/sandbox/deposits/${first?.out_freeze_no}`)).toMatchObject({ state: 'ended', consumed_fee: 2000, released_fee: 3000 });

    await expect.poll(focusedField).toBe('amount');
    await humanType(page, '30');
    await page.keyboard.press('Enter');
    await expect.poll(focusedField).toBe('code');
    await wedgeScan(page, '281234567890120000');
    await expect.poll(async () => (await deposits()).length, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => status('take'), { timeout: 20_000 }).toBe('frozen');
    expect((await deposits()).map((d) => [d.freeze_fee, d.state]).sort()).toEqual([
      [3000, 'frozen'],
      [5000, 'ended'],
    ]);
    // The settled deposit still shows on the card, without its settle field and buttons.
    expect(await page.locator('deposit-card [data-deposit-status]').getAttribute('data-deposit-status')).toBe('settled');
    expect(await page.locator('deposit-screen :is(input[name=used], [data-settle-go], [data-settle-release])').count()).toBe(0);
  }, 120_000);

  it('picking an open deposit with the keyboard puts the focus on its first action: the amount used', async () => {
    const open = (await deposits()).find((d) => d.state === 'frozen');
    const pick = page.locator(`deposit-open-list [data-open-deposit="${open?.out_freeze_no}"]`);
    await pick.focus();
    await page.keyboard.press('Enter');
    await page.locator('deposit-card [data-deposit-no]', { hasText: open?.out_freeze_no ?? '-' }).waitFor({ timeout: 20_000 });
    await expect.poll(focusedField, { timeout: 10_000 }).toBe('used');
    await humanType(page, '10');
    await page.keyboard.press('Enter');
    await expect.poll(() => status('settle'), { timeout: 30_000 }).toBe('settled');
    expect(await h.sandbox<Truth>(`/sandbox/deposits/${open?.out_freeze_no}`)).toMatchObject({ state: 'ended', consumed_fee: 1000 });
    // Settled: the card says so and offers no settle buttons any more.
    await expect.poll(() => page.locator('deposit-card [data-deposit-status]').getAttribute('data-deposit-status'), { timeout: 10_000 }).toBe('settled');
    expect(await page.locator('deposit-screen :is(input[name=used], [data-settle-go], [data-settle-release])').count()).toBe(0);
  }, 120_000);
});
