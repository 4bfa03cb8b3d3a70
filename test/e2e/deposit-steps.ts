/**
 * The deposit desk's steps many end-to-end tests share (take a deposit, open it by its number,
 * settle a consumption), so each test file says only what is particular to it.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Harness } from './harness.js';

/** A screen attribute (first match), '' while absent; `timeout`: how long one read waits for the element. */
export const attr = (page: Page, sel: string, name: string, timeout = 250): Promise<string> =>
  page
    .locator(sel)
    .first()
    .getAttribute(name, { timeout })
    .then(
      (v) => v ?? '',
      () => '',
    );

/** The take step's outcome (`frozen`, `refused:…`), '' while none. */
export const takeStatus = (page: Page): Promise<string> => attr(page, 'deposit-screen [data-take-status]', 'data-take-status');
/** The settle step's outcome (`settling`, `settled`, `refused:…`), '' while none. */
export const settleStatus = (page: Page): Promise<string> => attr(page, 'deposit-screen [data-settle-status]', 'data-settle-status');

/** Opens the deposit desk. */
export async function openDeposits(page: Page): Promise<void> {
  await page.locator('[data-nav=deposit]').click();
  await page.locator('deposit-screen').waitFor();
}

/** Types the amount and the customer's code into their fields and presses Enter in the code field. */
export async function takeDeposit(page: Page, amount: string, code: string): Promise<void> {
  await page.locator('[data-deposit-amount-input]').fill(amount);
  await page.locator('[data-deposit-code-input]').fill(code);
  await page.locator('[data-deposit-code-input]').press('Enter');
}

/** Waits for the take to end frozen; returns the deposit's number (out_freeze_no) from the open list. */
export async function frozenDepositNo(page: Page): Promise<string> {
  await expect.poll(() => takeStatus(page), { timeout: 30_000 }).toBe('frozen');
  await expect.poll(() => attr(page, 'deposit-open-list [data-open-deposit]', 'data-open-deposit')).not.toBe('');
  return attr(page, 'deposit-open-list [data-open-deposit]', 'data-open-deposit');
}

/** The text of `sel`, '' while absent (for `expect.poll`). */
export const textOf = (page: Page, sel: string): Promise<string> =>
  page
    .locator(sel)
    .innerText()
    .catch(() => '');

/** Waits until the deposit card shows deposit `no`. */
export async function waitDepositCard(page: Page, no: string): Promise<void> {
  await expect.poll(() => textOf(page, 'deposit-card [data-deposit-no]')).toBe(no);
}

/** Types a deposit number into the settle lookup, Enter, and waits for its card. */
export async function lookUpDeposit(page: Page, no: string): Promise<void> {
  await page.locator('[data-settle-lookup]').fill(no);
  await page.locator('[data-settle-lookup]').press('Enter');
  await waitDepositCard(page, no);
}

/**
 * Types the amount used into the settle field and presses Enter; waits for `until` when given,
 * else for any outcome past settling; returns the settle status.
 */
export async function consume(page: Page, used: string, until?: string): Promise<string> {
  await page.locator('[data-settle-used]').fill(used);
  await page.locator('[data-settle-used]').press('Enter');
  if (until === undefined) await expect.poll(() => settleStatus(page), { timeout: 30_000 }).not.toMatch(/^(settling)?$/);
  else await expect.poll(() => settleStatus(page), { timeout: 30_000 }).toBe(until);
  return settleStatus(page);
}

/**
 * Take then settle on the desk: `amount` frozen with the customer's `code`, opened by its number,
 * `used` consumed (settled). Returns the deposit's number and its consumption order (cpay's truth).
 */
export async function takeThenSettle(h: Harness, page: Page, d: { amount: string; code: string; used: string }): Promise<{ ofn: string; otn: string }> {
  await openDeposits(page);
  await takeDeposit(page, d.amount, d.code);
  const ofn = await frozenDepositNo(page);
  await lookUpDeposit(page, ofn);
  await consume(page, d.used, 'settled');
  const truth = await h.sandbox<{ consumes: { out_trade_no: string }[] }>(`/sandbox/deposits/${ofn}`);
  expect(truth.consumes).toHaveLength(1);
  return { ofn, otn: truth.consumes[0]?.out_trade_no ?? '' };
}
