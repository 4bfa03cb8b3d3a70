/**
 * The deposit desk (押金, issue 13) as a cashier works it: arrive, type the amount on the
 * keyboard, Enter, the scanner's burst (3–10 ms per key + Enter) goes to the code, the result,
 * and the desk is ready for the next with its fields cleared; a scan that lands in the amount is
 * still right; a bad code is refused in shop language; settling re-reads the card and never
 * carries the used amount into the next deposit; the receipt is all in the UI language. Every
 * amount is checked against /sandbox/ truth.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boundTillHooks } from '../app-steps.js';
import type { Harness } from '../harness.js';
import { textOf } from '../deposit-steps.js';
import { humanType, tap, visibleText, wedgeScan } from './counter-steps.js';

interface Truth {
  out_freeze_no: string;
  state: string;
  freeze_fee: number;
  consumed_fee: number;
  released_fee: number;
  remaining_fee: number;
}

let h: Harness;
let page: Page;
const WECHAT = '135005875955000000';
const ALIPAY = '281234567890120000';

boundTillHooks((till) => {
  ({ h, page } = till);
});

const deposits = () => h.sandbox<Truth[]>('/sandbox/deposits');
const field = (name: string) => page.locator(`deposit-screen input[name=${name}]`);
const takeStatus = () =>
  page
    .locator('deposit-screen [data-take-status]')
    .getAttribute('data-take-status', { timeout: 250 })
    .catch(() => '');
const settleStatus = () =>
  page
    .locator('deposit-screen [data-settle-status]')
    .getAttribute('data-settle-status', { timeout: 250 })
    .catch(() => '');
const focusedField = () =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el instanceof HTMLInputElement ? el.name : (el?.tagName ?? '');
  });

describe('deposit desk', () => {
  it('amount → Enter → wedge scan → frozen → cleared and ready; the receipt in Chinese only', async () => {
    await tap(page.locator('[data-nav=deposit]'));
    await page.locator('deposit-screen').waitFor();
    await expect.poll(focusedField).toBe('amount'); // typing on arrival lands in the amount
    await humanType(page, '50');
    await page.keyboard.press('Enter');
    await expect.poll(focusedField).toBe('code');
    expect(await field('amount').inputValue()).toBe('50');
    await wedgeScan(page, WECHAT);
    await expect.poll(takeStatus, { timeout: 20_000 }).toBe('frozen');
    expect((await deposits()).map((d) => [d.freeze_fee, d.state])).toEqual([[5000, 'frozen']]);
    // Ready for the next: both fields empty, the focus back on the amount.
    expect(await field('amount').inputValue()).toBe('');
    expect(await field('code').inputValue()).toBe('');
    await expect.poll(focusedField).toBe('amount');
    const receipt = page.locator('receipt-preview [data-receipt-paper]');
    await expect.poll(() => receipt.innerText().catch(() => ''), { timeout: 10_000 }).toContain('押金凭条');
    const paper = await receipt.innerText();
    expect(paper).toContain('设备');
    expect(paper).toContain('时间');
    expect(paper).toContain('微信');
    expect(paper).not.toMatch(/Device|Time|wechat|alipay/);
  }, 90_000);

  it('a scan that lands in the amount field (no Enter first) takes the deposit at the typed amount', async () => {
    await humanType(page, '30');
    await wedgeScan(page, ALIPAY); // straight after the amount, the focus still in the amount field
    await expect.poll(async () => (await deposits()).length, { timeout: 20_000 }).toBe(2);
    await expect.poll(takeStatus, { timeout: 20_000 }).toBe('frozen');
    expect((await deposits()).map((d) => d.freeze_fee).sort((a, b) => a - b)).toEqual([3000, 5000]);
    expect(await visibleText(page)).not.toContain('请输入正确的金额');
    expect(await field('amount').inputValue()).toBe('');
  }, 60_000);

  it('a short code is refused in shop language before anything is sent; the next scan works', async () => {
    await humanType(page, '20');
    await page.keyboard.press('Enter');
    await expect.poll(focusedField).toBe('code');
    await wedgeScan(page, '135005875'); // 9 digits: a bad read
    await expect.poll(() => textOf(page, 'deposit-screen [data-deposit-error]')).toContain('付款码位数不对（9 位）');
    const text = await visibleText(page);
    expect(text).not.toMatch(/code refused|bad_length/);
    expect(await deposits()).toHaveLength(2); // nothing sent
    expect(await field('code').inputValue()).toBe('');
    await expect.poll(focusedField).toBe('code');
    await wedgeScan(page, `${WECHAT.slice(0, 14)}0000`);
    await expect.poll(async () => (await deposits()).length, { timeout: 20_000 }).toBe(3);
    await expect.poll(takeStatus, { timeout: 20_000 }).toBe('frozen');
    expect((await deposits()).map((d) => d.freeze_fee).sort((a, b) => a - b)).toEqual([2000, 3000, 5000]);
  }, 60_000);

  it("settling re-reads the card (no stale 已冻结), shows cpay's state in words, and the next lookup starts empty", async () => {
    const [first, second] = (await deposits()).sort((a, b) => b.freeze_fee - a.freeze_fee); // 50.00, 30.00
    await expect.poll(focusedField).toBe('amount');
    await wedgeScan(page, first?.out_freeze_no ?? ''); // the deposit receipt's barcode, scanned at the resting focus
    await expect
      .poll(() =>
        page
          .locator('deposit-card [data-deposit-no]')
          .innerText()
          .catch(() => ''),
      )
      .toBe(first?.out_freeze_no);
    expect(await field('amount').inputValue()).toBe(''); // the receipt number did not stay in the amount
    expect(await page.locator('deposit-card [data-deposit-cts]').innerText()).toBe('微信 · 已冻结');
    await field('used').fill('12.50');
    await field('used').press('Enter');
    await expect.poll(settleStatus, { timeout: 30_000 }).toBe('settled');
    expect(await h.sandbox<Truth>(`/sandbox/deposits/${first?.out_freeze_no}`)).toMatchObject({
      state: 'ended',
      consumed_fee: 1250,
      released_fee: 3750,
      remaining_fee: 0,
    });
    await expect.poll(() => page.locator('deposit-card [data-deposit-status]').getAttribute('data-deposit-status'), { timeout: 10_000 }).toBe('settled');
    expect(await page.locator('deposit-card [data-deposit-remaining]').innerText()).toBe('¥0.00');
    await expect.poll(() => page.locator('deposit-card [data-deposit-cts]').innerText()).toContain('已结束');
    const card = await page.locator('deposit-card').innerText();
    expect(card).not.toMatch(/wechat|consume|unfreeze|已冻结/);
    expect(await page.locator('deposit-screen :is(input[name=used], [data-settle-go], [data-settle-release])').count()).toBe(0); // settled: nothing to settle

    await page.locator('[data-settle-lookup]').fill(second?.out_freeze_no ?? '');
    await page.locator('[data-settle-lookup]').press('Enter');
    await expect.poll(() => page.locator('deposit-card [data-deposit-no]').innerText()).toBe(second?.out_freeze_no);
    expect(await field('used').inputValue()).toBe(''); // 12.50 was not carried over
    expect(await page.locator('deposit-card [data-deposit-cts]').innerText()).toBe('支付宝 · 已冻结');
  }, 90_000);
});
