/**
 * Deposits end to end (issue 9): the built app served by the real relay in sandbox mode, in
 * headless Chromium. Take a 100.00 deposit, refuse an over-consumption, settle 37.50 with the
 * rest released, offer no second settlement; the server's truth (`/sandbox/deposits/{no}`) is
 * read after every step. Then reload in the middle of a deposit (password scenario) and see it
 * resumed to frozen. Set DEPOSIT_E2E_DIST to serve another build than dist/.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT, distFromEnv } from './app-steps.js';
import type { Harness } from './harness.js';
import {
  consume,
  lookUpDeposit,
  openDeposits as openDepositDesk,
  settleStatus as depositSettleStatus,
  takeDeposit,
  takeStatus as depositTakeStatus,
} from './deposit-steps.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
interface Truth {
  state: string;
  cts: number;
  freeze_fee: number;
  consumed_fee: number;
  released_fee: number;
  remaining_fee: number;
  consumes: unknown[];
}

let h: Harness;
let page: Page;
const WECHAT = '13500587595500';

beforeAll(async () => {
  // bypassCSP: axe is injected as a script
  ({ h, page } = await startBoundTill({ harness: distFromEnv('DEPOSIT_E2E_DIST'), viewport: PLAYWRIGHT_VIEWPORT, context: { bypassCSP: true } }));
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const truth = (no: string) => h.sandbox<Truth>(`/sandbox/deposits/${no}`);
const takeStatus = () => depositTakeStatus(page);
const settleStatus = () => depositSettleStatus(page);
const openDeposits = () => openDepositDesk(page);
const take = (amount: string, code: string) => takeDeposit(page, amount, code);

/** Opens deposit `no`, checks a fresh lookup shows no outcome, consumes `used`; returns the outcome. */
async function settle(no: string, used: string): Promise<string> {
  await lookUpDeposit(page, no);
  await expect.poll(settleStatus).toBe(''); // a fresh lookup shows no outcome yet
  return consume(page, used);
}

describe('deposits in the browser, screen = server truth', () => {
  it('takes 100.00, refuses 100.01, settles 37.50 (62.50 released), offers no second settlement', async () => {
    await openDeposits();
    await take('100.00', `${WECHAT}0000`);
    await expect.poll(takeStatus, { timeout: 30_000 }).toBe('frozen');
    const no = (await page.locator('deposit-open-list [data-open-deposit]').first().getAttribute('data-open-deposit')) ?? '';
    expect(no.startsWith('01000052')).toBe(true);
    expect(await truth(no)).toMatchObject({ state: 'frozen', cts: 2, freeze_fee: 10000, remaining_fee: 10000 });

    expect(await settle(no, '100.01')).toBe('refused:over_consumption');
    await expect.poll(() => page.locator('deposit-card [data-deposit-remaining]').innerText()).toBe('¥100.00');
    expect(await truth(no)).toMatchObject({ consumes: [], remaining_fee: 10000 });

    expect(await settle(no, '37.50')).toBe('settled');
    expect(await page.locator('[data-settle-status]').innerText()).toContain('37.50');
    expect(await truth(no)).toMatchObject({ state: 'ended', cts: 5, consumed_fee: 3750, released_fee: 6250, remaining_fee: 0 });

    // A second settlement is not offered: the settled deposit shows without its settle field and buttons.
    await page.locator('[data-settle-lookup]').fill(no);
    await page.locator('[data-settle-lookup]').press('Enter');
    await expect.poll(() => page.locator('deposit-card [data-deposit-status]').getAttribute('data-deposit-status')).toBe('settled');
    expect(await page.locator('deposit-screen :is([data-settle-used], [data-settle-go], [data-settle-release])').count()).toBe(0);
    expect((await truth(no)).consumes).toHaveLength(1);
    expect(await page.locator('deposit-open-list [data-open-deposit]').count()).toBe(0);
  }, 120_000);

  it('reload in the middle of a deposit (customer still entering the password) resumes it to frozen', async () => {
    await openDeposits();
    await take('20.00', `${WECHAT}9109`); // the customer is still entering the password 150 s later
    await expect.poll(takeStatus, { timeout: 20_000 }).toBe('polling');
    const no = (await page.locator('deposit-open-list [data-open-deposit]').first().getAttribute('data-open-deposit')) ?? '';
    expect(await truth(no)).toMatchObject({ state: 'paying', cts: 3 });
    await page.reload();
    await page.locator('checkout-screen').waitFor({ timeout: 30_000 });
    await openDeposits();
    const item = page.locator(`deposit-open-list [data-open-deposit="${no}"]`);
    expect(await item.getAttribute('data-open-status')).toBe('pending'); // listed from the journal, still being frozen
    await h.sandbox('/sandbox/time', { advance_ms: 150_000 }); // the customer finishes entering the password
    await expect.poll(() => item.getAttribute('data-open-status', { timeout: 250 }).catch(() => ''), { timeout: 30_000 }).toBe('frozen');
    expect(await truth(no)).toMatchObject({ state: 'frozen', cts: 2, remaining_fee: 2000 });
    expect(await settle(no, '0')).toBe('settled');
    await expect.poll(async () => (await truth(no)).state, { timeout: 20_000 }).toBe('ended');
    expect(await truth(no)).toMatchObject({ released_fee: 2000, consumed_fee: 0 });
  }, 120_000);

  it('the deposit screen (with a deposit shown) has no serious or critical axe violations', async () => {
    await openDeposits();
    await page.evaluate(axeSource);
    const serious = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    });
    expect(serious).toEqual([]);
  }, 60_000);
});
