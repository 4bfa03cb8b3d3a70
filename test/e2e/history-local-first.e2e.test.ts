/**
 * History as a cashier opens it (issues 21 and 13), the built app in headless Chromium against the
 * real relay and simulator. Two WeChat sales through cpay, a cash sale and a card sale at the till;
 * one WeChat sale is then taken out of this terminal's journal (cpay knows it, this device does
 * not: another device's sale). With cpay's list call held back (Playwright route), the history shows
 * this terminal's rows at once, marked 本机记录, and says it is checking with cpay; released, cpay's
 * rows replace them (confirmed) and the other sale is added, each order once, the focused button
 * and its row element kept. With the list call refused, the local rows stay with the reason. Then
 * the method filter: 现金 shows only the cash sale, 银行卡 only the card sale.
 * PAY_E2E_DIST: serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT, payTone, payOrderNo } from './app-steps.js';
import type { Harness } from './harness.js';

const WECHAT = '135005875955000000'; // WeChat, scenario "success"
const LIST = '**/cpay/brief_query_order_list';
let h: Harness;
let page: Page;
const sales: Record<string, string> = {};

beforeAll(async () => {
  ({ h, page } = await startBoundTill({ viewport: PLAYWRIGHT_VIEWPORT }));
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const tone = () => payTone(page, 2_000);
const orderNo = () => payOrderNo(page, 2_000);
const row = (no: string | undefined) => page.locator(`history-screen tr[data-row="${no}"]`);
const rowKeys = () => page.locator('history-screen tr[data-row]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-row') ?? ''));
const toCheckout = async () => {
  await page.locator('button[data-nav=checkout]').click();
  await page.locator('checkout-screen').waitFor();
};

async function wechatSale(amount: string): Promise<string> {
  const before = await orderNo();
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('checkout-screen [data-phase]').getAttribute('data-phase')).toBe('awaiting_code');
  await page.keyboard.type(WECHAT, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await tone()) === 'ok' && (await orderNo()) !== before, { timeout: 20_000 }).toBe(true);
  return orderNo();
}

async function bookSale(amount: string, key: 'F2' | 'F3', tendered?: string): Promise<string> {
  const before = await orderNo();
  await page.keyboard.type(amount);
  await page.keyboard.press(key);
  await page.locator(`tender-panel [data-tender=${key === 'F2' ? 'cash' : 'card'}]`).waitFor();
  if (tendered) await page.keyboard.type(tendered);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await tone()) === 'ok' && (await orderNo()) !== before, { timeout: 15_000 }).toBe(true);
  return orderNo();
}

describe('history: local rows first, cpay merged in', () => {
  it('takes two WeChat sales, a cash and a card sale; one WeChat sale leaves this terminal (another device made it)', async () => {
    sales['w1'] = await wechatSale('0.50');
    sales['w2'] = await wechatSale('0.60');
    await page.keyboard.press('Escape');
    sales['cash'] = await bookSale('3', 'F2', '5');
    await page.keyboard.press('Escape');
    sales['card'] = await bookSale('8.80', 'F3');
    expect(new Set(Object.values(sales)).size).toBe(4);
    for (const k of ['w1', 'w2'] as const) expect(await h.sandbox<{ paid: boolean }>(`/sandbox/orders/${sales[k]}`)).toMatchObject({ paid: true });
    // w2 is cpay's only: removed from this terminal's journal once it is reported (another device's sale, as far as this one knows).
    await expect.poll(async () => (await h.sandbox<unknown[]>('/sandbox/reports')).length > 0, { timeout: 20_000 }).toBe(true);
    await page.evaluate(
      (no) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cpay-terminal');
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const tx = open.result.transaction('journal', 'readwrite');
            tx.objectStore('journal').delete(no);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(new Error(String(tx.error)));
          };
        }),
      sales['w2'],
    );
  }, 180_000);

  it("shows this terminal's rows while cpay's list is held back, then merges cpay's answer: confirmed, the other sale added, nothing twice, focus kept", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let listCalls = 0;
    const hold = async (route: Route) => {
      listCalls += 1;
      await held;
      await route.continue();
    };
    await page.route(LIST, hold);
    await toCheckout();
    await page.locator('button[data-nav=history]').click();
    // The local rows are on screen while cpay's answer is still held.
    await row(sales['card']).waitFor({ timeout: 15_000 });
    expect(listCalls).toBeGreaterThanOrEqual(1);
    await page.locator('history-screen [data-history-waiting]').waitFor();
    for (const k of ['w1', 'cash', 'card'] as const) {
      await expect.poll(() => row(sales[k]).getAttribute('data-source')).toBe('local');
      expect(await row(sales[k]).innerText()).toContain('本机记录');
    }
    expect(await row(sales['w2']).count()).toBe(0);
    expect(await row(sales['cash']).locator('[data-method]').getAttribute('data-method')).toBe('cash');
    // The cashier focuses the cash sale's button and keeps a handle on the WeChat row while cpay answers.
    const button = row(sales['cash']).locator('button').first();
    await button.focus();
    const w1Element = await row(sales['w1']).elementHandle();
    release();
    await expect.poll(() => row(sales['w2']).getAttribute('data-source'), { timeout: 20_000 }).toBe('server');
    await expect.poll(() => row(sales['w1']).getAttribute('data-source')).toBe('server');
    expect(await page.locator('history-screen [data-history-waiting]').count()).toBe(0);
    // Confirmed rows carry no local marker; the till's own books stay this terminal's records.
    expect(await row(sales['w1']).innerText()).not.toContain('本机记录');
    expect(await row(sales['cash']).getAttribute('data-source')).toBe('local');
    expect(await row(sales['card']).getAttribute('data-source')).toBe('local');
    // Each order once.
    const keys = await rowKeys();
    expect(keys.length).toBe(new Set(keys).size);
    for (const no of Object.values(sales)) expect(keys).toContain(no);
    // The same row element (moved, not rebuilt) and the focus where the cashier left it.
    expect(await w1Element?.evaluate((el) => el.isConnected && el.getAttribute('data-source'))).toBe('server');
    expect(await button.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)).toBe(true);
    await page.unroute(LIST, hold);
  }, 90_000);

  it('with cpay unreachable, the local rows are what history shows, with a clear note', async () => {
    const refuse = (route: Route) => route.abort('internetdisconnected');
    await page.route(LIST, refuse);
    await toCheckout();
    await page.locator('button[data-nav=history]').click();
    const note = page.locator('history-screen [data-history-offline]');
    await note.waitFor({ timeout: 20_000 });
    expect(await note.innerText()).toContain('仅显示本机记录');
    for (const k of ['w1', 'cash', 'card'] as const) await expect.poll(() => row(sales[k]).getAttribute('data-source')).toBe('local');
    expect(await row(sales['w2']).count()).toBe(0);
    await page.unroute(LIST, refuse);
  }, 60_000);
});

describe('history: the 现金 / 银行卡 filter', () => {
  const filterBy = async (method: 'cash' | 'bank_card') => {
    const form = page.locator('history-filters form');
    for (const m of ['cash', 'bank_card'] as const) await form.locator(`[data-platform=${m}]`).setChecked(m === method);
    await form.locator('button[type=submit]').click();
  };

  it('现金 shows only the cash sale, then 银行卡 only the card sale', async () => {
    await toCheckout();
    await page.locator('button[data-nav=history]').click();
    await expect.poll(() => row(sales['w2']).getAttribute('data-source'), { timeout: 20_000 }).toBe('server');
    expect(await page.locator('history-filters label', { hasText: '现金' }).count()).toBe(1);
    expect(await page.locator('history-filters label', { hasText: '银行卡' }).count()).toBe(1);
    await filterBy('cash');
    await expect.poll(rowKeys, { timeout: 15_000 }).toEqual([sales['cash']]);
    expect(await row(sales['cash']).innerText()).toContain('现金');
    await filterBy('bank_card');
    await expect.poll(rowKeys, { timeout: 15_000 }).toEqual([sales['card']]);
    expect(await row(sales['card']).innerText()).toContain('银行卡');
  }, 60_000);
});
