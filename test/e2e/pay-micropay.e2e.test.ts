/**
 * Micropay end to end (issue 5): the built app served by the real relay in sandbox mode, in
 * headless Chromium, driven with the keyboard only (amount, Enter, code, Enter) for each
 * simulator scenario; after each, what the screen says must match the server's truth read
 * through /sandbox/. Set PAY_E2E_DIST to serve another build than dist/.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT, payTone } from './app-steps.js';
import type { Harness } from './harness.js';

interface SandboxOrder {
  out_trade_no: string;
  platform: string;
  total_fee: number;
  paid: boolean;
  state: string;
  micropay_calls?: number;
}

let h: Harness;
let page: Page;
const WECHAT = '13500587595500'; // + 4-digit scenario suffix (GET /sandbox/scenarios)
const ALIPAY = '28123456789012';

beforeAll(async () => {
  // bypassCSP: axe is injected as a script (see the a11y test)
  ({ h, page } = await startBoundTill({ viewport: PLAYWRIGHT_VIEWPORT, context: { bypassCSP: true } }));
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
const status = (sel: string) => page.locator(`pay-status ${sel}`);

/** Pays with the keyboard and waits for a final screen (ok / bad / warn). */
async function pay(code: string, amount = '0.02', timeout = 60_000) {
  if ((await phase()) === 'unknown') await page.keyboard.press('Escape');
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 5 }); // a keyboard-wedge scanner: fast typing, then Enter
  await page.keyboard.press('Enter');
  await expect.poll(() => payTone(page), { timeout }).toMatch(/^(ok|bad|warn)$/);
  const otn = (await status('[data-order-no]').getAttribute('data-order-no')) ?? '';
  const order = await h.sandbox<SandboxOrder>(`/sandbox/orders/${otn}`);
  return { otn, order, tone: await status('[data-tone]').getAttribute('data-tone'), headline: await status('[data-headline]').innerText() };
}

describe('micropay with the keyboard, screen = server truth', () => {
  it.each([
    ['WeChat immediate success', `${WECHAT}0000`, 'wechat', '微信收款成功 ¥0.02'],
    ['Alipay immediate success', `${ALIPAY}0000`, 'alipay', '支付宝收款成功 ¥0.02'],
    ['103 then success (3 s retry)', `${WECHAT}9105`, 'wechat', '微信收款成功 ¥0.02'],
    ['status 3 (unknown) then success', `${WECHAT}9106`, 'wechat', '微信收款成功 ¥0.02'],
    ['slow answer', `${ALIPAY}9108`, 'alipay', '支付宝收款成功 ¥0.02'],
  ])(
    '%s',
    async (_, code, platform, headline) => {
      const r = await pay(code);
      expect(r.tone).toBe('ok');
      expect(r.headline).toBe(headline);
      expect(r.order).toMatchObject({ paid: true, platform, total_fee: 2 });
      // The demo binding's cloud_cashier_id prefix, then digits only (the receipt barcode), at most 32 characters.
      expect(r.otn).toMatch(/^01000052\d+$/);
      expect(r.otn.length).toBeLessThanOrEqual(32);
    },
    60_000,
  );

  it('password, then success: the password text shows while the customer confirms', async () => {
    const seen = page.locator('pay-status [data-headline]', { hasText: '等待用户输入密码中' }).waitFor({ timeout: 20_000 });
    const done = pay(`${WECHAT}9101`);
    await seen;
    const r = await done;
    expect(r.headline).toBe('微信收款成功 ¥0.02');
    expect(r.order.paid).toBe(true);
  }, 60_000);

  it.each([
    ['customer cancels', `${WECHAT}9102`],
    ['declined', `${ALIPAY}9103`],
    ['insufficient balance (104)', `${WECHAT}9104`],
  ])(
    '%s → failure on screen, not paid at the server',
    async (_, code) => {
      const r = await pay(code);
      expect(r.tone).toBe('bad');
      expect(r.headline).toBe('收款失败 ¥0.02');
      expect(r.order.paid).toBe(false);
    },
    60_000,
  );

  it('shows the 104 description', async () => {
    await pay(`${WECHAT}9104`);
    expect(await status('[data-detail]').innerText()).toContain('用户余额不足');
  }, 60_000);

  it('refuses a zero amount and a malformed code before anything is sent', async () => {
    const before = (await h.sandbox<SandboxOrder[]>('/sandbox/orders')).length;
    await page.keyboard.press('Escape');
    await page.keyboard.type('0.00');
    await page.keyboard.press('Enter');
    expect(await page.locator('pay-amount [data-error]').innerText()).toBe('收款金额不能为 0。');
    await page.keyboard.press('Escape');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('12345');
    await page.keyboard.press('Enter');
    await expect.poll(() => status('[data-detail]').innerText()).toContain('付款码位数不对');
    await page.keyboard.press('Escape'); // cancel before the code is sent
    await expect.poll(phase).toBe('cancelled');
    expect((await h.sandbox<SandboxOrder[]>('/sandbox/orders')).length).toBe(before);
  }, 30_000);

  it('no serious accessibility violations while waiting for the code, after a failure and a success', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const serious = async (): Promise<string[]> => {
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
        return (await axe.run(document, { resultTypes: ['violations'] })).violations;
      });
      return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    };
    await pay(`${WECHAT}9103`);
    expect(await serious()).toEqual([]);
    await pay(`${WECHAT}0000`);
    expect(await serious()).toEqual([]);
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await expect.poll(phase).toBe('awaiting_code');
    expect(await serious()).toEqual([]);
    await page.keyboard.press('Escape');
  }, 60_000);
});
