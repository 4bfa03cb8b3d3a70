/**
 * A day at a stall (issue 20, "Done means"), end to end: the built app through the real relay and
 * simulator in headless Chromium, a fake USB printer for the paper and the drawer. Everything is
 * done through the UI as a cashier would (keyboard and taps); nothing is written into IndexedDB.
 *
 * The manager adds a cashier (refund limit ¥3) and signs out; the cashier signs in and opens the
 * shift with a ¥200 float; a WeChat and an Alipay sale through cpay; the network is cut (context
 * offline AND relay stopped): the checkout offers cash; two cash sales with tendered amount and
 * change, each kicking the drawer (ESC p 0 25 250 on the USB bytes); the network comes back; two
 * cash refunds from the refund screen, local (cpay never hears of them): one under the limit by
 * the cashier alone, one over it authorised in place by the manager; the shift is closed with a
 * count ¥1 short of the expected cash (refunds taken out): shown, printed; the history CSV is
 * downloaded and parsed: the cpay part equals the screen and `/sandbox/` truth, each cash sale
 * appears once; the shifts CSV holds the difference.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import Papa from 'papaparse';
import { bindDemoDevice, TEST_MANAGER } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';
import { buildFakesInitScript, paperBytes, paperFrom, plugFakeDevices, type FakeWindow } from './devices-fakes.js';

const WECHAT = '135005875955000000'; // WeChat, scenario "success"
const ALIPAY = '281234567890120000'; // Alipay, scenario "success"
const KICK = [0x1b, 0x70, 0x00, 0x19, 0xfa]; // ESC p 0 25 250: pin 2, 50 ms on, 500 ms off
const CASHIER = { code: 'C07', name: '赵收银', pin: '9753' };

interface Truth {
  out_trade_no: string;
  platform: string;
  total_fee: number;
  paid: boolean;
}

let h: Harness;
let page: Page;
const cpayCalls: string[] = [];
const sales: Record<string, string> = {};

beforeAll(async () => {
  const script = await buildFakesInitScript();
  h = await startHarness();
  page = await h.newPage({ acceptDownloads: true });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('request', (r) => {
    if (r.url().includes('/cpay/')) cpayCalls.push(`${r.url()} ${r.postData() ?? ''}`);
  });
  await plugFakeDevices(page, script);
  await bindDemoDevice(h, page);
  await page.waitForFunction(() => (window as unknown as FakeWindow).__cpayPrinter.opened, undefined, { timeout: 15_000 });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const yuan = (f: number) => `¥${(f / 100).toFixed(2)}`;
const orders = () => h.sandbox<Truth[]>('/sandbox/orders');
const shiftPanel = () => page.locator('shift-panel');
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
const who = () =>
  page
    .locator('cpay-app [data-staff-who]')
    .getAttribute('data-staff-who', { timeout: 500 })
    .catch(() => null);
const downloaded = async (d: Download): Promise<string> => readFileSync((await d.path()) ?? '', 'utf8');
const parseCsv = (csv: string) => Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true, delimiter: ',' });

/** Occurrences of the byte sequence `needle` in `hay`. */
function count(hay: readonly number[], needle: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + needle.length <= hay.length; i += 1) if (needle.every((b, j) => hay[i + j] === b)) n += 1;
  return n;
}

async function toCheckout(): Promise<void> {
  await page.locator('[data-nav=checkout]').click();
  await page.locator('checkout-screen h1').click();
}

/** A cpay sale with the keyboard: amount, Enter, the customer's code, Enter. */
async function cpaySale(amount: string, code: string): Promise<string> {
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect.poll(tone, { timeout: 30_000 }).toBe('ok');
  const no = await orderNo();
  await page.keyboard.press('Escape');
  return no;
}

/** A cash sale with the keyboard (amount, F2, tendered, Enter): its receipt kicks the drawer once. */
async function cashSale(amount: string, tendered: string, change: string): Promise<string> {
  const before = (await paperBytes(page)).length;
  await page.keyboard.type(amount);
  await page.keyboard.press('F2');
  await page.locator('tender-panel [data-tender=cash]').waitFor();
  await page.keyboard.type(tendered);
  await page.keyboard.press('Enter');
  await expect.poll(tone, { timeout: 10_000 }).toBe('ok');
  const no = await orderNo();
  expect(
    await page
      .locator('pay-status [data-detail]')
      .innerText()
      .catch(() => ''),
  ).toBe(`实收 ¥${tendered}，找零 ¥${change}`);
  await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 15_000 }).toBe(1);
  const paper = (await paperBytes(page)).slice(before);
  expect(count(paper, KICK)).toBe(1);
  const receipt = await paperFrom(page, before);
  expect(receipt.drawerKicks).toBe(1);
  expect(receipt.text).toContain('现金');
  expect(receipt.text).toContain(no);
  expect(receipt.text).toMatch(new RegExp(`找零\\s+${change.replace('.', '\\.')}`));
  await page.keyboard.press('Escape');
  return no;
}

/** Opens the order on the refund screen (number typed) and asks to refund `amount` up to the confirmation. */
async function askRefund(otn: string, amount: string): Promise<void> {
  await page.locator('[data-nav=refund]').click();
  const field = page.locator('refund-screen [data-refund-lookup]');
  await field.fill(otn);
  await field.press('Enter');
  await page.locator('refund-order-card [data-otn]', { hasText: otn }).waitFor({ timeout: 20_000 });
  await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
  const amountField = page.locator('refund-form [data-refund-amount]');
  await amountField.fill(amount);
  await amountField.press('Enter');
  await page.locator('refund-screen [data-refund-confirm]').click({ timeout: 10_000 });
}
const refundStatus = () =>
  page
    .locator('refund-screen [data-refund-status]')
    .getAttribute('data-refund-status', { timeout: 500 })
    .catch(() => null);

describe('a day at a stall', () => {
  it('the manager adds a cashier with a ¥3 refund limit; the cashier signs in and opens the shift with a ¥200 float', async () => {
    expect(await who()).toBe(TEST_MANAGER.code);
    await page.locator('button[data-nav=settings]').click();
    const staff = page.locator('staff-settings');
    await staff.locator('[data-new-code]').fill(CASHIER.code);
    await staff.locator('[data-new-name]').fill(CASHIER.name);
    await staff.locator('[data-new-pin]').fill(CASHIER.pin);
    await staff.locator('[data-new-pin-again]').fill(CASHIER.pin);
    await staff.locator('[data-staff-save]').click();
    await staff.locator(`[data-staff-row=${CASHIER.code}]`).waitFor();
    const limit = staff.locator('[data-staff-limit] input[name=limit]');
    await limit.fill('3');
    await limit.press('Enter');
    await expect.poll(() => staff.locator('[data-staff-message]').innerText()).toBe('收银员退款限额已保存');

    await page.locator('cpay-app [data-sign-out]').click();
    const entry = page.locator('staff-gate staff-pin-entry');
    await entry.locator('[data-staff-code]').waitFor();
    await expect.poll(() => entry.locator('[data-staff-code]').evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.type(CASHIER.code);
    await page.keyboard.press('Enter');
    await expect.poll(() => entry.locator('[data-staff-pin]').evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.type(CASHIER.pin);
    await page.keyboard.press('Enter');
    await expect.poll(who).toBe(CASHIER.code);

    await page.locator('[data-nav=summary]').click();
    await shiftPanel().locator('[data-shift-state=none]').waitFor({ timeout: 20_000 });
    await shiftPanel().locator('[data-float-input]').fill('200');
    await shiftPanel().locator('[data-float-input]').press('Enter');
    const open = shiftPanel().locator('[data-shift-state=open]');
    await expect.poll(() => open.innerText().catch(() => ''), { timeout: 20_000 }).toContain('备用金 ¥200.00');
    await expect
      .poll(() =>
        shiftPanel()
          .locator('[data-cashiers]')
          .innerText()
          .catch(() => ''),
      )
      .toBe(`收银员：${CASHIER.name}`);
  }, 120_000);

  it('cpay sales: a WeChat and an Alipay code, both paid at cpay', async () => {
    await toCheckout();
    sales['wechat'] = await cpaySale('0.50', WECHAT);
    sales['alipay'] = await cpaySale('0.70', ALIPAY);
    expect(await h.sandbox<Truth>(`/sandbox/orders/${sales['wechat']}`)).toMatchObject({ paid: true, platform: 'wechat', total_fee: 50 });
    expect(await h.sandbox<Truth>(`/sandbox/orders/${sales['alipay']}`)).toMatchObject({ paid: true, platform: 'alipay', total_fee: 70 });
  }, 90_000);

  it('network cut: the checkout offers cash; two cash sales with tendered amount and change, each kicking the drawer', async () => {
    await page.context().setOffline(true);
    await h.stopRelay();
    const warning = page.locator('checkout-screen [data-offline-warning]');
    await expect.poll(() => warning.innerText().catch(() => ''), { timeout: 20_000 }).toContain('可以收现金（F2）');
    expect(await page.locator('checkout-screen [data-bookkeeping=cash]').isEnabled()).toBe(true);
    await page.locator('checkout-screen h1').click();
    sales['cash1'] = await cashSale('12.30', '20.00', '7.70');
    sales['cash2'] = await cashSale('5', '10.00', '5.00');
    expect(new Set(Object.values(sales)).size).toBe(4);
    for (const no of [sales['cash1'], sales['cash2']]) expect(cpayCalls.some((c) => c.includes(no))).toBe(false);
  }, 90_000);

  it('network back; cash refunds from the refund screen stay local: under the limit the cashier alone, over it a manager in place', async () => {
    await h.startRelay();
    await page.context().setOffline(false);
    await expect.poll(() => page.locator('checkout-screen [data-offline-warning]').count(), { timeout: 60_000 }).toBe(0);
    const calls = cpayCalls.length;

    // ¥2 of the ¥12.30 sale: under the cashier's ¥3 limit, no manager asked.
    const paperFirst = (await paperBytes(page)).length;
    await askRefund(sales['cash1']!, '2');
    await expect.poll(refundStatus, { timeout: 20_000 }).toBe('refunded');
    expect(await page.locator('staff-authorize').count()).toBe(0);
    await expect.poll(async () => (await paperFrom(page, paperFirst)).cuts, { timeout: 15_000 }).toBe(1);
    expect((await paperFrom(page, paperFirst)).drawerKicks).toBe(0);

    // The whole ¥5 sale: over the limit, a manager's code and PIN in place; the cashier stays signed in.
    const paperBefore = (await paperBytes(page)).length;
    await askRefund(sales['cash2']!, '5');
    const auth = page.locator('refund-screen staff-authorize');
    await auth.waitFor({ timeout: 10_000 });
    expect(await auth.locator('[data-auth-reason]').innerText()).toContain('5.00');
    expect(await refundStatus()).not.toBe('refunded');
    await auth.locator('[data-staff-code]').fill(TEST_MANAGER.code);
    await auth.locator('[data-staff-pin]').fill(TEST_MANAGER.pin);
    await auth.locator('[data-staff-pin]').press('Enter');
    await expect.poll(refundStatus, { timeout: 20_000 }).toBe('refunded');
    expect(await who()).toBe(CASHIER.code);
    // The refund receipt names cash; a refund does not kick the drawer.
    await expect.poll(async () => (await paperFrom(page, paperBefore)).cuts, { timeout: 15_000 }).toBe(1);
    const receipt = await paperFrom(page, paperBefore);
    expect(receipt.text).toContain('退款');
    expect(receipt.drawerKicks).toBe(0);
    // cpay never heard of either cash sale or refund.
    expect(cpayCalls.slice(calls).filter((c) => c.includes(sales['cash1']!) || c.includes(sales['cash2']!))).toEqual([]);
    expect(cpayCalls.slice(calls).filter((c) => c.includes('/cpay/refund'))).toEqual([]);
  }, 120_000);

  it('shift close: a count ¥1 short of the expected cash (float + cash sales − cash refunds), shown and printed', async () => {
    await page.locator('[data-nav=summary]').click();
    const truth = await orders();
    const paid = (p: string) => truth.filter((o) => o.platform === p && o.paid).reduce((s, o) => s + o.total_fee, 0);
    expect(paid('wechat')).toBe(50);
    expect(paid('alipay')).toBe(70);
    const cell = (method: string, col: string) =>
      shiftPanel()
        .locator(`tr[data-method=${method}] [${col}]`)
        .innerText()
        .catch(() => '');
    await expect.poll(() => cell('wechat', 'data-amount'), { timeout: 30_000 }).toBe(yuan(paid('wechat')));
    expect(await cell('alipay', 'data-amount')).toBe(yuan(paid('alipay')));
    expect(await cell('cash', 'data-count')).toBe('2');
    expect(await cell('cash', 'data-amount')).toBe('¥17.30');
    expect(await cell('cash', 'data-refunds')).toBe('¥7.00');
    expect(await shiftPanel().locator('[data-cash-sales]').innerText()).toBe('+¥17.30');
    expect(await shiftPanel().locator('[data-cash-refunds]').innerText()).toBe('−¥7.00');
    // both cash sales opened the drawer (the drawer log), nothing else did
    expect(await shiftPanel().locator('[data-drawer]').innerText()).toBe('钱箱打开 2 次');
    const expected = 20000 + 1730 - 700; // ¥210.30
    expect(await shiftPanel().locator('[data-expected]').innerText()).toBe(yuan(expected));
    // the summary's cpay lines say the same as the handover
    expect(await page.locator('summary-table tr[data-line=wechat] td').nth(2).innerText()).toBe(yuan(paid('wechat')));
    expect(await page.locator('summary-table tr[data-line=alipay] td').nth(2).innerText()).toBe(yuan(paid('alipay')));

    // the count, keyboard only: 2 × ¥100, 1 × ¥5, 4 × ¥1, 3 × ¥0.1 = ¥209.30 against ¥210.30
    await shiftPanel().locator('[data-shift-close]').click();
    await expect
      .poll(() =>
        shiftPanel()
          .locator('input[data-denomination="10000"]')
          .evaluate((e) => e.matches(':focus')),
      )
      .toBe(true);
    for (const pieces of ['2', '', '', '', '1', '4', '', '3']) {
      if (pieces) await page.keyboard.type(pieces);
      await page.keyboard.press('Enter');
    }
    const diff = shiftPanel().locator('[data-difference]');
    await expect.poll(() => diff.getAttribute('data-difference').catch(() => null)).toBe('-100');
    expect(await diff.getAttribute('data-kind')).toBe('short');
    expect(squash(await diff.innerText())).toBe('差额: 短款 ¥1.00');
    expect(await shiftPanel().locator('[data-counted]').innerText()).toBe('¥209.30');

    const before = (await paperBytes(page)).length;
    await shiftPanel().locator('[data-shift-confirm]').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          shiftPanel()
            .locator('[data-shift-message]')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toMatch(/已交班.*短款 ¥1\.00/);
    await expect.poll(async () => (await paperFrom(page, before)).cuts, { timeout: 15_000 }).toBe(1);
    const paper = await paperFrom(page, before);
    const lines = paper.text.split('\n').map(squash);
    expect(lines).toContain('交接班小票');
    expect(lines).toContain('差额 -1.00 短款');
    expect(lines).toContain('应有现金 210.30');
    expect(lines).toContain('实点现金 209.30');
    expect(lines).toContain('备用金 200.00');
    expect(lines).toContain('现金 2 17.30');
    expect(lines).toContain('微信支付 1 0.50');
    expect(lines).toContain('支付宝 1 0.70');
    expect(lines).toContain('退款·现金 2 -7.00');
    expect(lines.some((l) => l.includes(CASHIER.name))).toBe(true);
    expect(paper.drawerKicks).toBe(1); // the drawer opens for the count
  }, 120_000);

  it('the history CSV: the cpay part equals the screen and the sandbox truth; each cash sale once; the shifts CSV has the difference', async () => {
    await page.locator('[data-nav=history]').click();
    const rows = page.locator('history-screen tr[data-row]');
    for (const k of ['wechat', 'alipay', 'cash1', 'cash2']) await page.locator(`history-screen tr[data-row="${sales[k]}"]`).waitFor({ timeout: 20_000 });
    // on the screen too, each cash sale once with its method; the fully refunded one says so; the two cash refunds listed
    for (const k of ['cash1', 'cash2']) {
      const row = page.locator(`history-screen tr[data-row="${sales[k]}"]`);
      expect(await row.count()).toBe(1);
      expect(await row.locator('[data-method]').getAttribute('data-method')).toBe('cash');
    }
    expect(await page.locator(`history-screen tr[data-row="${sales['cash1']}"]`).getAttribute('data-status')).toBe('success');
    expect(await page.locator(`history-screen tr[data-row="${sales['cash2']}"]`).getAttribute('data-status')).toBe('refunded');
    expect(await page.locator('history-screen tr[data-kind=refund]', { has: page.locator('[data-method=cash]') }).count()).toBe(2);
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('history-screen [data-export-history]').click()]);
    const csv = await downloaded(file);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = parseCsv(csv);
    expect(parsed.errors).toEqual([]);
    const truth = await orders();
    const server = parsed.data.filter((r) => r['来源'] === '云支付');
    const onScreen = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row') ?? ''));
    const serverNos = server.map((r) => r['订单号']).sort();
    expect(serverNos).toEqual(truth.map((o) => o.out_trade_no).sort());
    expect(serverNos).toEqual(onScreen.filter((n) => n === sales['wechat'] || n === sales['alipay']).sort());
    const sum = (rs: Record<string, string>[]) => rs.reduce((s, r) => s + Number(r['金额（分）']), 0);
    expect(sum(server.filter((r) => r['状态'] === '成功'))).toBe(truth.filter((o) => o.paid).reduce((s, o) => s + o.total_fee, 0));
    expect(sum(server)).toBe(120);
    for (const r of parsed.data) expect(Math.round(Number(r['金额（元）']) * 100)).toBe(Number(r['金额（分）']));
    // each cash sale once, as a sale from this terminal
    const cashSales = (no: string) => parsed.data.filter((r) => r['订单号'] === no && r['支付方式'] === '现金（记账）' && Number(r['金额（分）']) > 0);
    // the screen's summary says the same for the cpay part
    const csvPaid = (m: string) => server.filter((r) => r['支付方式'] === m && r['状态'] === '成功').reduce((s, r) => s + Number(r['金额（分）']), 0);
    await page.locator('[data-nav=summary]').click();
    await expect
      .poll(() =>
        page
          .locator('summary-table tr[data-line=wechat] td')
          .nth(2)
          .innerText()
          .catch(() => ''),
      )
      .toBe(yuan(csvPaid('微信支付')));
    expect(await page.locator('summary-table tr[data-line=alipay] td').nth(2).innerText()).toBe(yuan(csvPaid('支付宝')));
    expect(cashSales(sales['cash1']!).map((r) => [r['金额（元）'], r['来源']])).toEqual([['12.30', '本机']]);
    expect(cashSales(sales['cash2']!).map((r) => [r['金额（元）'], r['来源']])).toEqual([['5.00', '本机']]);
    expect(parsed.data.filter((r) => r['订单号'] === sales['wechat'])).toHaveLength(1);
    // each cash refund once, negative, from this terminal
    const cashRefunds = parsed.data.filter((r) => r['支付方式'] === '现金（记账）' && Number(r['金额（分）']) < 0);
    expect(cashRefunds.map((r) => [r['订单号'], r['金额（分）'], r['来源']]).sort()).toEqual(
      [
        [sales['cash1'], '-200', '本机'],
        [sales['cash2'], '-500', '本机'],
      ].sort(),
    );
    expect(new Set(cashRefunds.map((r) => r['退款单号'])).size).toBe(2);
    expect(parsed.data).toHaveLength(6); // 2 cpay sales, 2 cash sales, 2 cash refunds: nothing twice

    const [shiftFile] = await Promise.all([page.waitForEvent('download'), page.locator('shift-list-panel [data-export-shifts]').click()]);
    const shiftCsv = await downloaded(shiftFile);
    expect(shiftCsv.charCodeAt(0)).toBe(0xfeff);
    const shifts = parseCsv(shiftCsv).data;
    const closed = shifts.filter((r) => r['差额（分）'] === '-100');
    expect(closed).toHaveLength(1);
    expect(closed[0]?.['应有现金（元）']).toBe('210.30');
    expect(closed[0]?.['实点现金（元）']).toBe('209.30');
    expect(closed[0]?.['现金收款（元）']).toBe('17.30');
    expect(closed[0]?.['备用金（元）']).toBe('200.00');
    expect(closed[0]?.['收银员']).toContain(CASHIER.name);
    expect(closed[0]?.['退款（元）']).toBe('7.00'); // the two cash refunds
    expect(closed[0]?.['净收款（元）']).toBe('11.50'); // 0.50 + 0.70 + 17.30 − 7.00
    expect(closed[0]?.['差额（元）']).toBe('-1.00');
    expect([closed[0]?.['微信支付收款（元）'], closed[0]?.['支付宝收款（元）']]).toEqual(['0.50', '0.70']);
  }, 90_000);
});
