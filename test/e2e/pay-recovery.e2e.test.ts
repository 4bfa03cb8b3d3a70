/**
 * Payments app-wide (issue 5), end to end against the sandbox relay, keyboard only:
 * - a password-scenario sale in progress: leaving the checkout is refused; a reload that lands on
 *   another screen still settles the order and announces it (status-bar echo of the voice);
 * - 104 + internal_status 407 (simulator fault `reentry407`: the order WAS processed and paid):
 *   nothing cancelling is ever sent, the same number is polled, the screen shows the server's truth;
 * - the payment settings (maximum amount, sub_terminal_type) reach the checkout.
 * PAY_E2E_DIST: serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';

interface SandboxOrder {
  out_trade_no: string;
  paid: boolean;
  state: string;
}

const WECHAT = '13500587595500';
let h: Harness;
let page: Page;
const requests: { url: string; body: string }[] = [];

beforeAll(async () => {
  h = await startHarness(process.env.PAY_E2E_DIST ? { staticDir: process.env.PAY_E2E_DIST } : {});
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

const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
const tone = () =>
  page
    .locator('pay-status [data-tone]')
    .getAttribute('data-tone')
    .catch(() => '');
const orderNo = async () => (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
const truth = (otn: string) => h.sandbox<SandboxOrder>(`/sandbox/orders/${otn}`);
const spoken = () =>
  page
    .locator('status-bar [data-testid=spoken]')
    .innerText()
    .catch(() => '');

async function startPay(code: string, amount: string): Promise<string> {
  if ((await phase()) === 'unknown') await page.keyboard.press('Escape');
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await orderNo()).length, { timeout: 10_000 }).toBeGreaterThan(0);
  return orderNo();
}

describe('payments app-wide', () => {
  it('mid-sale: leaving the checkout is refused; after a reload on another screen the order still settles and is announced', async () => {
    const otn = await startPay(`${WECHAT}9101`, '0.37');
    await expect.poll(phase, { timeout: 10_000 }).toBe('polling');
    await page.locator('button[data-nav=history]').click();
    await expect.poll(() => page.locator('[data-nav-refused]').isVisible()).toBe(true);
    expect(await page.locator('checkout-screen').count()).toBe(1);
    expect(await page.locator('history-screen').count()).toBe(0);

    await page.reload();
    await page.locator('checkout-screen').waitFor({ timeout: 30_000 });
    await page.locator('button[data-nav=history]').click(); // no sale on this page: allowed
    await page.locator('history-screen').waitFor();
    await expect.poll(spoken, { timeout: 60_000 }).toContain('0.37');
    expect(await page.locator('history-screen').count()).toBe(1);
    expect((await truth(otn)).paid).toBe(true);
    await page.locator('button[data-nav=checkout]').click();
    await page.locator('checkout-screen').waitFor();
  }, 120_000);

  it('a reload right after an unverifiable answer: recovery settles the paid order, and a checkout mounted afterwards still shows it', async () => {
    await h.sandbox('/sandbox/faults', { kind: 'bad_signature', endpoint: 'brief_micro_pay' });
    const otn = await startPay(`${WECHAT}0000`, '0.43');
    await page.reload();
    await page.locator('checkout-screen').waitFor({ timeout: 30_000 });
    await page.locator('button[data-nav=history]').click(); // no sale on this page: allowed
    await page.locator('history-screen').waitFor();
    await expect.poll(spoken, { timeout: 15_000 }).toContain('0.43'); // settled while the checkout was not there
    await page.locator('button[data-nav=checkout]').click();
    await expect
      .poll(
        () =>
          page
            .locator('checkout-screen [data-notice]')
            .innerText()
            .catch(() => ''),
        { timeout: 5_000 },
      )
      .toContain(otn);
    expect((await truth(otn)).paid).toBe(true);
  }, 60_000);

  it('104 + 407 on brief_micro_pay (order really paid): never cancels, polls the same number, shows the truth', async () => {
    await h.sandbox('/sandbox/faults', { kind: 'reentry407', endpoint: 'brief_micro_pay' });
    const from = requests.length;
    const otn = await startPay(`${WECHAT}0000`, '0.41');
    await expect.poll(tone, { timeout: 30_000 }).toBe('ok');
    expect(await truth(otn)).toMatchObject({ paid: true, state: 'success' });
    const sent = requests.slice(from);
    expect(sent.filter((r) => /close_order|reverse|cancel|refund/.test(r.url))).toEqual([]);
    const queries = sent.filter((r) => r.url.endsWith('/cpay/brief_query_order'));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(q.body).toContain(otn);
    expect(sent.filter((r) => r.url.endsWith('/cpay/brief_micro_pay'))).toHaveLength(1);
  }, 60_000);

  it('the payment settings reach the checkout: a lower maximum refuses a larger amount', async () => {
    await page.locator('button[data-nav=settings]').click();
    const form = page.locator('settings-payment');
    await form.locator('input[name=subTerminalType]').fill('');
    await form.locator('[data-testid=save-payment-settings]').click();
    await expect.poll(() => form.locator('[data-error=subTerminalType]').count()).toBe(1);
    await form.locator('input[name=maxAmount]').fill('1.00');
    await form.locator('input[name=subTerminalType]').fill('2451');
    await form.locator('[data-testid=save-payment-settings]').click();
    await form.locator('[data-payment-settings-message]').waitFor();
    await page.locator('button[data-nav=checkout]').click();
    await page.locator('checkout-screen').waitFor();
    await page.keyboard.type('1.01');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page
          .locator('pay-amount [data-error]')
          .innerText()
          .catch(() => ''),
      )
      .toContain('1.00');
    expect(await phase()).toBe('amount');
  }, 60_000);
});
