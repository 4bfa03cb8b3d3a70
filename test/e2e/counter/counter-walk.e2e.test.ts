/**
 * Defects found walking the merged counter as a shop does (audit round), each checked the way the
 * cashier met it: the first manager typed with Enter between the fields; the previous sale's
 * receipt preview no longer covering the cash tender panel; the refund screen taking a typed
 * order number on arrival, and a cash sale's refund stated as 现金 (handed back from the drawer),
 * not the back office's 记账.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice, TEST_MANAGER } from '../app-steps.js';
import { startHarness, type Harness } from '../harness.js';
import { focusedTag } from './cashier.js';
import { wedgeScan } from './counter-steps.js';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const tone = () =>
  page
    .locator('pay-status [data-tone]')
    .getAttribute('data-tone')
    .catch(() => '');

/** The element a tap at the centre of `selector` lands on is that element (or inside it), not something covering it. */
async function tappable(selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.flatMap((el) => {
      const r = el.getBoundingClientRect();
      let hit: Element | null = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return hit === el || el.contains(hit) ? [] : [`${el.textContent?.trim() ?? ''} covered by <${hit?.localName ?? '—'}>`];
    }),
  );
}

describe('walking the counter', () => {
  it('first start: the manager types code, name, PIN and PIN again with Enter after each, and is signed in', async () => {
    await page.goto(h.url('/'));
    const first = page.locator('staff-gate [data-staff-first]');
    await first.waitFor({ timeout: 30_000 });
    await expect.poll(() => first.locator('[data-first-code]').evaluate((e) => e.matches(':focus')), { timeout: 10_000 }).toBe(true);
    await page.keyboard.type(TEST_MANAGER.code);
    await page.keyboard.press('Enter');
    // Enter on a filled field moves on; it does not submit the half-typed form
    expect(await first.locator('[data-first-problems]').count()).toBe(0);
    expect(await first.locator('[data-first-name]').evaluate((e) => e.matches(':focus'))).toBe(true);
    await page.keyboard.type(TEST_MANAGER.name);
    await page.keyboard.press('Enter');
    await page.keyboard.type(TEST_MANAGER.pin);
    await page.keyboard.press('Enter');
    await page.keyboard.type(TEST_MANAGER.pin);
    await page.keyboard.press('Enter');
    await page.locator(`[data-staff-who="${TEST_MANAGER.code}"]`).waitFor({ timeout: 30_000 });
    await bindDemoDevice(h, page); // the manager exists: binds the demo device
  }, 120_000);

  it("after a paid sale, the next cash sale's tender panel is not covered by the previous receipt's preview", async () => {
    await page.locator('checkout-screen h1').click();
    await page.keyboard.type('12.34');
    await page.keyboard.press('Enter');
    await wedgeScan(page, '135005875955000000');
    await expect.poll(tone, { timeout: 30_000 }).toBe('ok');
    const dock = page.locator('receipt-preview [data-receipt-paper]');
    await dock.waitFor({ timeout: 15_000 }); // the sale's receipt is shown
    // the next customer pays ¥30 cash: amount, F2
    await page.keyboard.type('30');
    await page.keyboard.press('F2');
    await page.locator('tender-panel [data-tender=cash]').waitFor();
    expect(await page.locator('tender-panel [data-quick]').count()).toBeGreaterThan(2);
    expect(await tappable('tender-panel [data-quick], tender-panel [data-tender-confirm], tender-panel [data-tender-cancel]')).toEqual([]);
    // a tap on ¥50 and Enter: change ¥20
    await page.locator('tender-panel [data-quick]', { hasText: '50' }).click();
    await page.keyboard.press('Enter');
    await expect.poll(tone, { timeout: 10_000 }).toBe('ok');
    expect(await page.locator('pay-status [data-detail]').innerText()).toBe('实收 ¥50.00，找零 ¥20.00');
  }, 90_000);

  it('the refund screen takes the order number typed on arrival; a cash sale is refunded as 现金, from the drawer', async () => {
    const cashNo = (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
    expect(cashNo).not.toBe('');
    await page.keyboard.press('Escape');
    await page.locator('[data-nav=refund]').click();
    await expect.poll(() => focusedTag(page), { timeout: 30_000 }).toBe('INPUT');
    await page.keyboard.type(cashNo, { delay: 40 });
    await page.keyboard.press('Enter');
    const card = page.locator('refund-order-card');
    await card.locator('[data-otn]', { hasText: cashNo }).waitFor({ timeout: 20_000 });
    expect(await card.locator('[data-method]').innerText()).toBe('现金');
    const amount = page.locator('refund-form [data-refund-amount]');
    await amount.fill('5');
    await amount.press('Enter');
    const confirm = page.locator('refund-screen [data-refund-confirmation]');
    await confirm.waitFor();
    expect(await confirm.locator('[data-confirm-platform]').innerText()).toBe('现金');
    expect(await confirm.innerText()).toContain('请从钱箱取出现金交给顾客');
    expect(await confirm.innerText()).not.toContain('原路退回');
  }, 90_000);
});

describe('no network', () => {
  it('the status bar says 离线 in the warning colour and cpay unreachable, not a green 正常', async () => {
    await page.locator('refund-screen [data-refund-back]').click();
    await page.locator('[data-nav=checkout]').click();
    const relay = page.locator('status-bar [data-testid=relay]');
    const cpay = page.locator('status-bar [data-testid=cpay]');
    await expect.poll(() => cpay.innerText()).toBe('正常');
    await page.context().setOffline(true);
    try {
      await expect.poll(() => relay.innerText(), { timeout: 10_000 }).toBe('离线');
      expect(await relay.getAttribute('class')).toBe('down');
      expect(await cpay.innerText()).toBe('不可达');
      expect(await cpay.getAttribute('class')).toBe('down');
    } finally {
      await page.context().setOffline(false);
    }
    await expect.poll(() => relay.innerText(), { timeout: 10_000 }).toBe('正常');
  }, 60_000);
});

describe('on a phone (390×844)', () => {
  it('the cash step and the recorded sale with its change are on screen without scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.locator('[data-nav=checkout]').click();
      await page.locator('checkout-screen h1').click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.keyboard.type('5');
      await page.keyboard.press('F2');
      await page.locator('tender-panel [data-tender=cash]').waitFor();
      const onScreen = async (sel: string) => {
        const box = await page.locator(sel).first().boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= 844;
      };
      expect(await onScreen('tender-panel [data-tender-confirm]')).toBe(true);
      expect(await onScreen('tender-panel [data-quick]')).toBe(true);
      await page.keyboard.type('10');
      await page.keyboard.press('Enter');
      await expect.poll(tone, { timeout: 10_000 }).toBe('ok');
      expect(await page.locator('pay-status [data-detail]').innerText()).toBe('实收 ¥10.00，找零 ¥5.00');
      expect(await onScreen('pay-status [data-detail]')).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 60_000);
});

describe('past shifts on a phone', () => {
  it('in English at 390 px, the headings of the past shifts stay on one line (the table scrolls in its box)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.locator('[data-nav=summary]').click();
      const panel = page.locator('shift-panel');
      await panel.locator('[data-float-input]').fill('0');
      await panel.locator('[data-float-input]').press('Enter');
      await panel.locator('[data-shift-close]').click({ timeout: 20_000 });
      await panel.locator('[data-shift-confirm]').click();
      await page.locator('shift-list-panel [data-past-shifts] tbody tr').first().waitFor({ timeout: 20_000 });
      await page.locator('button[data-nav=settings]').click();
      await page.locator('settings-screen button[lang=en]').click();
      await expect.poll(() => page.locator('button[data-nav=summary]').innerText(), { timeout: 10_000 }).toBe('Summary');
      await page.locator('[data-nav=summary]').click();
      await page.locator('shift-list-panel [data-past-shifts] tbody tr').first().waitFor({ timeout: 20_000 });
      expect(await page.locator('shift-list-panel [data-past-shifts] th').first().innerText()).toBe('Opened');
      // the heights of the headings: one line each
      const heights = await page.locator('shift-list-panel [data-past-shifts] th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(3);
      expect(Math.max(...heights)).toBeLessThan(2 * Math.min(...heights));
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 90_000);
});
