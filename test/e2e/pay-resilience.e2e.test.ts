/**
 * Micropay under trouble, end to end (issue 5): no answer, a tampered response signature, the
 * relay stopped mid-payment and restored, a reload in the middle of polling, and a success
 * that arrives after the 2-minute window. The screen must end at the server's truth (read
 * through /sandbox/) and never show a charged order as failed. PAY_E2E_DIST: another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT, payTone } from './app-steps.js';
import type { Harness } from './harness.js';

interface SandboxOrder {
  out_trade_no: string;
  paid: boolean;
  state: string;
}

let h: Harness;
let page: Page;
const WECHAT = '13500587595500';
const ALIPAY = '28123456789012';

beforeAll(async () => {
  ({ h, page } = await startBoundTill({ viewport: PLAYWRIGHT_VIEWPORT }));
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
const tone = () => payTone(page);
const orderNo = async () => (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
const truth = (otn: string) => h.sandbox<SandboxOrder>(`/sandbox/orders/${otn}`);

/** Types amount, Enter, code, Enter (the code is sent; no waiting for the result). */
async function startPay(code: string, amount = '0.02'): Promise<void> {
  if ((await phase()) === 'unknown') await page.keyboard.press('Escape');
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await orderNo()).length, { timeout: 10_000 }).toBeGreaterThan(0);
}

describe('micropay under trouble', () => {
  it('no answer at all → unknown → the query finds the payment → success', async () => {
    await startPay(`${WECHAT}9107`);
    const otn = await orderNo();
    await expect.poll(tone, { timeout: 60_000 }).toBe('ok');
    expect((await truth(otn)).paid).toBe(true);
  }, 90_000);

  it('a tampered response signature is never taken as success; the query settles it', async () => {
    await h.sandbox('/sandbox/faults', { kind: 'bad_signature', endpoint: 'brief_micro_pay' });
    const queriesBefore = h.logs.filter((l) => JSON.stringify(l).includes('brief_query_order')).length;
    await startPay(`${ALIPAY}0000`);
    const otn = await orderNo();
    await expect.poll(tone, { timeout: 30_000 }).toBe('ok');
    expect((await truth(otn)).paid).toBe(true);
    expect(h.logs.filter((l) => JSON.stringify(l).includes('brief_query_order')).length).toBeGreaterThan(queriesBefore);
  }, 60_000);

  it('relay stopped mid-payment and restored: stays pending/unknown, then settles to the truth', async () => {
    await startPay(`${WECHAT}9112`); // the customer is paying until /sandbox approves
    const otn = await orderNo();
    await expect.poll(phase, { timeout: 10_000 }).toBe('polling');
    await h.stopRelay();
    await h.sandbox(`/sandbox/orders/${otn}/approve`, {});
    await new Promise((r) => {
      setTimeout(r, 6_000);
    });
    expect(await phase()).not.toBe('failed');
    await h.startRelay();
    await expect.poll(tone, { timeout: 30_000 }).toBe('ok');
    expect((await truth(otn)).paid).toBe(true);
  }, 90_000);

  it('reload in the middle of polling: the journal resumes the order and its result is shown', async () => {
    await startPay(`${WECHAT}9101`); // password: user-paying for 10 s, then success
    const otn = await orderNo();
    await page.locator('pay-status [data-headline]', { hasText: '等待用户输入密码中' }).waitFor({ timeout: 10_000 });
    await page.reload();
    await page.locator('checkout-screen').waitFor({ timeout: 20_000 });
    await expect
      .poll(
        () =>
          page
            .locator('checkout-screen [data-notice]')
            .innerText()
            .catch(() => ''),
        { timeout: 40_000 },
      )
      .toContain(otn);
    expect(await page.locator('checkout-screen [data-notice]').innerText()).toContain('收款成功');
    expect((await truth(otn)).paid).toBe(true);
  }, 90_000);

  it('late success after the 2-minute window: unknown text first, then the reconciled success', async () => {
    // Playwright's clock instead of 260 s of real time: a tab whose timers and Date are fake takes
    // over (same storage: still bound); the terminal's time moves in 5 s steps with a moment of real
    // time after each, so every query's answer arrives before the next timer is due.
    const clocked = await page.context().newPage();
    await page.close();
    page = clocked;
    await page.clock.install();
    await page.goto(h.url('/'));
    await page.locator('checkout-screen').waitFor({ timeout: 30_000 });
    await page.locator('checkout-screen h1').click();
    const advance = async (ms: number) => {
      for (let t = 0; t < ms; t += 5_000) {
        await page.clock.runFor(5_000);
        await page.waitForTimeout(60);
      }
    };
    await startPay(`${WECHAT}9109`); // user-paying for 150 s of server time
    const otn = await orderNo();
    await advance(110_000); // inside the 2-minute window: still waiting for the customer
    expect(await tone()).not.toBe('warn');
    await advance(15_000); // past the terminal's 2-minute window; the customer is still paying
    await expect.poll(tone, { timeout: 10_000 }).toBe('warn');
    expect(await page.locator('pay-status [data-headline]').innerText()).toBe('通过订单查询确认支付结果或手机端商户管理系统确认支付结果');
    expect((await truth(otn)).paid).toBe(false);
    await h.sandbox('/sandbox/time', { advance_ms: 151_000 }); // the server reaches 150 s: paid
    expect((await truth(otn)).paid).toBe(true);
    await advance(70_000); // recovery's back-off (≤ 1 min) brings the next query
    await expect.poll(tone, { timeout: 10_000 }).toBe('ok');
  }, 120_000);
});
