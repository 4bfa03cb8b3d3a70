/**
 * A stall's day with the network gone (issue 20, first half): the built app through the real relay
 * and simulator in headless Chromium, with the fake USB printer (drawer kicks asserted as bytes).
 * A WeChat sale through cpay; then the network is cut (the browser context offline AND the relay
 * stopped): the checkout says so before a sale is keyed and offers cash / card; two cash sales
 * with change (a short tender refused first), each kicking the drawer (ESC p 0 25 250 on the
 * paper), a card sale, the manager's on-demand drawer open; the network comes back; the history
 * lists every sale with its method; a cash sale is refunded locally (cpay never hears of it); the
 * summary counts each method. PAY_E2E_DIST: serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';
import { buildFakesInitScript, paperBytes, paperFrom, plugFakeDevices, type FakeWindow } from './devices-fakes.js';

const WECHAT = '135005875955000000'; // WeChat, scenario "success"
const KICK = [0x1b, 0x70, 0x00, 0x19, 0xfa]; // ESC p 0 25 250: pin 2, 50 ms on, 500 ms off
let h: Harness;
let page: Page;
const cpayCalls: string[] = [];
interface Report {
  content: Record<string, unknown>;
}
const reports = () => h.sandbox<Report[]>('/sandbox/reports');
const sum = (rs: Report[], k: string) => rs.reduce((s, r) => s + Number(r.content[k] ?? 0), 0);

beforeAll(async () => {
  const script = await buildFakesInitScript();
  h = await startHarness(process.env.PAY_E2E_DIST ? { staticDir: process.env.PAY_E2E_DIST } : {});
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('request', (r) => {
    if (r.url().includes('/cpay/')) cpayCalls.push(`${r.url()} ${r.postData() ?? ''}`);
  });
  await plugFakeDevices(page, script);
  await bindDemoDevice(h, page);
  await page.waitForFunction(() => (window as unknown as FakeWindow).__cpayPrinter.opened, undefined, { timeout: 15_000 });
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
const orderNo = async () =>
  (await page
    .locator('pay-status [data-order-no]')
    .getAttribute('data-order-no')
    .catch(() => '')) ?? '';
const detail = () =>
  page
    .locator('pay-status [data-detail]')
    .innerText()
    .catch(() => '');

/** Occurrences of the byte sequence `needle` in `hay`. */
function count(hay: readonly number[], needle: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + needle.length <= hay.length; i += 1) if (needle.every((b, j) => hay[i + j] === b)) n += 1;
  return n;
}

async function cashSale(amount: string, tendered: string): Promise<string> {
  const before = (await paperBytes(page)).length;
  await page.keyboard.type(amount);
  await page.keyboard.press('F2');
  await page.locator('tender-panel [data-tender=cash]').waitFor();
  await page.keyboard.type(tendered);
  await page.keyboard.press('Enter');
  await expect.poll(tone, { timeout: 10_000 }).toBe('ok');
  const no = await orderNo();
  // The receipt, with the drawer kick in it, reaches the USB printer.
  await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 15_000 }).toBe(1);
  const paper = (await paperBytes(page)).slice(before);
  expect(count(paper, KICK)).toBe(1);
  const r = await paperFrom(page, before);
  expect(r.drawerKicks).toBe(1);
  expect(r.text).toContain('现金');
  expect(r.text).toContain(no);
  return no;
}

describe('a day at a stall without network', () => {
  const sales: Record<string, string> = {};

  it('a WeChat sale through cpay first', async () => {
    await page.keyboard.type('0.50');
    await page.keyboard.press('Enter');
    await expect.poll(phase).toBe('awaiting_code');
    await page.keyboard.type(WECHAT, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(tone, { timeout: 20_000 }).toBe('ok');
    sales['wechat'] = await orderNo();
    expect(await h.sandbox<{ paid: boolean }>(`/sandbox/orders/${sales['wechat']}`)).toMatchObject({ paid: true });
  }, 60_000);

  it('network cut: the checkout says so before a sale is keyed and offers cash / card', async () => {
    await page.keyboard.press('Escape');
    await page.context().setOffline(true);
    await h.stopRelay();
    const warning = page.locator('checkout-screen [data-offline-warning]');
    await expect.poll(() => warning.innerText().catch(() => ''), { timeout: 10_000 }).toContain('可以收现金（F2）或记银行卡（F3）');
    expect(await phase()).not.toBe('awaiting_code'); // said before anything is keyed
    expect(await page.locator('checkout-screen [data-bookkeeping=cash]').isEnabled()).toBe(true);
    expect(await page.locator('checkout-screen [data-bookkeeping=card]').isEnabled()).toBe(true);
  }, 30_000);

  it('two cash sales with change, each opening the drawer (bytes on the USB printer); a short tender is refused first', async () => {
    // ¥12.34, the customer first hands ¥10: refused, nothing recorded, nothing printed.
    const before = (await paperBytes(page)).length;
    await page.keyboard.type('12.34');
    await page.keyboard.press('F2');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page
          .locator('tender-panel [data-tender-error]')
          .innerText()
          .catch(() => ''),
      )
      .toBe('实收金额不足：应收 ¥12.34，实收 ¥10.00。请重新输入实收金额。');
    expect((await paperBytes(page)).length).toBe(before);
    await page.keyboard.press('Escape'); // back to the amount
    await page.keyboard.press('Escape'); // clear it
    sales['cash1'] = await cashSale('12.34', '20');
    expect(await detail()).toBe('实收 ¥20.00，找零 ¥7.66');
    const r1 = await paperFrom(page, before);
    expect(r1.text).toMatch(/实收\s+20\.00/);
    expect(r1.text).toMatch(/找零\s+7\.66/);
    sales['cash2'] = await cashSale('5', '10');
    expect(await detail()).toBe('实收 ¥10.00，找零 ¥5.00');
    expect(sales['cash2']).not.toBe(sales['cash1']);
  }, 60_000);

  it('a card sale taken on the card machine is recorded without kicking the drawer', async () => {
    const before = (await paperBytes(page)).length;
    await page.keyboard.type('8.80');
    await page.keyboard.press('F3');
    await page.locator('tender-panel [data-tender=card]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(tone, { timeout: 10_000 }).toBe('ok');
    sales['card'] = await orderNo();
    await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 15_000 }).toBe(1);
    expect(count((await paperBytes(page)).slice(before), KICK)).toBe(0);
    expect((await paperFrom(page, before)).text).toContain('银行卡');
  }, 30_000);

  it('the manager opens the drawer on demand: exactly the kick bytes, logged with the reason', async () => {
    const before = (await paperBytes(page)).length;
    await page.locator('drawer-panel [data-drawer-open]').click();
    await expect
      .poll(() =>
        page
          .locator('drawer-panel [data-drawer-message]')
          .innerText()
          .catch(() => ''),
      )
      .toBe('已打开钱箱');
    expect((await paperBytes(page)).slice(before)).toEqual(KICK);
    const log = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const req = indexedDB.open('cpay-terminal');
          req.onsuccess = () => {
            const get = req.result.transaction('settings').objectStore('settings').get('__drawerLog');
            get.onsuccess = () => resolve(get.result);
            get.onerror = () => reject(get.error ?? new Error('read failed'));
          };
          req.onerror = () => reject(req.error ?? new Error('open failed'));
        }),
    );
    expect(log).toMatchObject([
      { reason: 'cash_sale', outTradeNo: sales['cash1'], sent: 'printer' },
      { reason: 'cash_sale', outTradeNo: sales['cash2'], sent: 'printer' },
      { reason: 'manual', sent: 'printer' },
    ]);
  }, 30_000);

  it('numbers come from the one allocator: all distinct, in order, none known to cpay', async () => {
    const nos = [sales['wechat'], sales['cash1'], sales['cash2'], sales['card']] as string[];
    expect(new Set(nos).size).toBe(4);
    const forward = nos.map((n) => Number(n.slice(-13)));
    expect([...forward].sort((a, b) => a - b)).toEqual(forward);
    expect(nos.every((n) => n.startsWith(nos[0]!.slice(0, -13)))).toBe(true); // same prefix and device part
    for (const n of nos.slice(1)) expect(cpayCalls.some((c) => c.includes(n))).toBe(false);
  });

  it('network back: the history lists every sale with its method', async () => {
    await h.startRelay();
    await page.context().setOffline(false);
    await expect.poll(() => page.locator('checkout-screen [data-offline-warning]').count(), { timeout: 40_000 }).toBe(0);
    await page.locator('button[data-nav=history]').click();
    const row = (no: string | undefined) => page.locator(`history-screen tr[data-row="${no}"]`);
    await row(sales['wechat']).waitFor({ timeout: 20_000 });
    for (const k of ['cash1', 'cash2', 'card'] as const) {
      await row(sales[k]).waitFor();
      expect(await row(sales[k]).getAttribute('data-status')).toBe('success');
    }
    expect(await row(sales['cash1']).locator('[data-method]').getAttribute('data-method')).toBe('cash');
    expect(await row(sales['card']).locator('[data-method]').getAttribute('data-method')).toBe('card');
    expect(await row(sales['cash1']).innerText()).toContain('现金');
    expect(await row(sales['card']).innerText()).toContain('银行卡');
    // device_report carried the offline sales once the network was back: 2 cash + 1 card as other payments (decision 0031-bookkeeping-sales).
    await expect.poll(async () => sum(await reports(), 'other_pay_count'), { timeout: 90_000, interval: 1_000 }).toBe(3);
    const rs = await reports();
    expect(sum(rs, 'other_pay_success_count')).toBe(3);
    expect(sum(rs, 'other_pay_amount')).toBe(1234 + 500 + 880);
    expect(sum(rs, 'wx_pay_count')).toBe(1);
  }, 150_000);

  it('a cash sale is refunded locally from the refund screen; cpay never hears of it', async () => {
    const callsBefore = cpayCalls.length;
    const paperBefore = (await paperBytes(page)).length;
    await page.locator(`history-screen tr[data-row="${sales['cash2']}"] [data-refund-open]`).click();
    await page.locator('refund-order-card [data-otn]', { hasText: sales['cash2'] }).waitFor({ timeout: 20_000 });
    await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
    const amount = page.locator('refund-form [data-refund-amount]');
    await amount.fill('5');
    await amount.press('Enter');
    await page.locator('refund-screen [data-refund-confirm]').click();
    await expect.poll(() => page.locator('refund-screen [data-refund-status]').getAttribute('data-refund-status'), { timeout: 20_000 }).toBe('refunded');
    expect(cpayCalls.slice(callsBefore).filter((c) => c.includes(sales['cash2']!))).toEqual([]);
    // The refund receipt names the method; a refund does not kick the drawer.
    await expect.poll(async () => (await paperFrom(page, paperBefore)).cuts, { timeout: 15_000 }).toBe(1);
    const receipt = await paperFrom(page, paperBefore);
    expect(receipt.text).toContain('退款');
    expect(receipt.text).toContain('现金');
    expect(receipt.drawerKicks).toBe(0);
    await page.locator('button[data-nav=history]').click();
    await expect.poll(() => page.locator(`history-screen tr[data-row="${sales['cash2']}"]`).getAttribute('data-status'), { timeout: 20_000 }).toBe('refunded');
    const refundRows = page.locator('history-screen tr[data-kind=refund]', { has: page.locator('[data-method=cash]') });
    expect(await refundRows.count()).toBe(1);
    expect(await refundRows.innerText()).toContain('¥5.00');
  }, 60_000);

  it('the summary counts each method: WeChat from cpay, cash and card from this terminal', async () => {
    await page.locator('button[data-nav=summary]').click();
    const line = (p: string) => page.locator(`summary-table tr[data-line=${p}]`);
    await line('cash').waitFor({ timeout: 20_000 });
    expect(await line('cash').locator('[data-count]').innerText()).toBe('2');
    expect(await line('cash').locator('[data-amount]').innerText()).toBe('¥17.34');
    expect(await line('cash').locator('[data-refunds]').innerText()).toBe('1 / ¥5.00');
    expect(await line('cash').locator('[data-net]').innerText()).toBe('¥12.34');
    expect(await line('bank_card').locator('[data-count]').innerText()).toBe('1');
    expect(await line('bank_card').locator('[data-amount]').innerText()).toBe('¥8.80');
    expect(await line('wechat').locator('[data-count]').innerText()).toBe('1');
    expect(await line('wechat').locator('[data-amount]').innerText()).toBe('¥0.50');
    expect(await line('total').locator('[data-amount]').innerText()).toBe('¥26.64');
    expect(sum(await reports(), 'other_pay_count')).toBe(3); // the refund did not count the sale again
  }, 40_000);
  it('the drawer pin set to 5 in Settings sends ESC p 1 (pin 5) through the same USB path', async () => {
    await page.locator('button[data-nav=settings]').click({ timeout: 5_000 });
    await page.locator('settings-devices [data-drawer-pin-setting]').selectOption('5', { timeout: 5_000 });
    await page.locator('button[data-nav=checkout]').click({ timeout: 5_000 });
    await page.locator('drawer-panel [data-drawer-open]').waitFor();
    const before = (await paperBytes(page)).length;
    await page.locator('drawer-panel [data-drawer-open]').click({ timeout: 5_000 });
    await expect.poll(async () => (await paperBytes(page)).slice(before), { timeout: 10_000 }).toEqual([0x1b, 0x70, 0x01, 0x19, 0xfa]);
    await page.locator('button[data-nav=settings]').click();
    await page.locator('settings-devices [data-drawer-pin-setting]').selectOption('0');
    await page.locator('button[data-nav=checkout]').click();
  }, 30_000);
});
