/**
 * Deposits by QR (scancode_freeze, 003 L5918-6274; Alipay only) end to end: the built app served
 * by the real relay in sandbox mode, in headless Chromium. The cashier types an amount and picks
 * 顾客扫码交押金; the desk shows a large QR with the amount; the customer pays it through
 * `POST /sandbox/scan/pay` and the desk says frozen, the deposit is listed open and in history,
 * checked against `/sandbox/deposits/{no}`. Then a customer who never pays: the simulator's clock
 * passes the QR's time_expire, cpay closes the deposit (Alipay 3) and the desk says nothing was
 * frozen and nothing charged. A reload while a QR waits takes the deposit up and shows its QR again; the customer display shows
 * the deposit QR to the customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT } from './app-steps.js';
import type { Harness } from './harness.js';
import { attr, takeStatus as depositTakeStatus } from './deposit-steps.js';

interface Truth {
  out_freeze_no: string;
  platform: string;
  state: string;
  cts: number;
  freeze_fee: number;
  remaining_fee: number;
  code_url?: string;
  qr_expires_at?: number;
  created_at: number;
}

let h: Harness;
let page: Page;

beforeAll(async () => {
  ({ h, page } = await startBoundTill({ viewport: PLAYWRIGHT_VIEWPORT }));
  await page.locator('[data-nav=deposit]').click();
  await page.locator('deposit-screen').waitFor();
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const takeStatus = () => depositTakeStatus(page);
const shownQr = () => attr(page, 'deposit-screen [data-deposit-qr-panel] qr-code div[data-payload]', 'data-payload');

/** Starts a QR deposit of `amount` yuan and returns the QR shown, with the deposit cpay has for it. */
async function showQr(amount: string): Promise<{ code: string; truth: Truth }> {
  await page.locator('[data-deposit-amount-input]').fill(amount);
  await page.locator('[data-deposit-qr-go]').click();
  await expect.poll(shownQr, { timeout: 20_000 }).toMatch(/^https:\/\/qr\.alipay\.com\//);
  const code = await shownQr();
  const truth = (await h.sandbox<Truth[]>('/sandbox/deposits')).find((d) => d.code_url === code);
  expect(truth).toBeDefined();
  return { code: code ?? '', truth: truth as Truth };
}

describe('deposit by QR (scancode_freeze)', () => {
  it('the desk shows a large QR with the amount; the customer pays; the deposit is frozen, listed open and in history', async () => {
    const { code, truth } = await showQr('50');
    expect(await page.locator('[data-deposit-qr-amount]').innerText()).toBe('押金 ¥50.00');
    const box = await page.locator('deposit-screen [data-deposit-qr-panel] qr-code').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    // cpay holds a waiting Alipay deposit of 50.00 whose QR expires 2 minutes after it was asked for.
    expect(truth).toMatchObject({ platform: 'alipay', state: 'initial', cts: 1, freeze_fee: 5000 });
    expect((truth.qr_expires_at ?? 0) - truth.created_at).toBeGreaterThan(110_000);
    // time_expire is whole seconds of the terminal's cpay-time estimate (tens of ms off cpay's own clock):
    // within a second of 2 minutes.
    expect((truth.qr_expires_at ?? 0) - truth.created_at).toBeLessThanOrEqual(121_000);
    await expect.poll(takeStatus).toBe('polling');

    await h.sandbox('/sandbox/scan/pay', { code_url: code });
    await expect.poll(takeStatus, { timeout: 20_000 }).toBe('frozen');
    expect(await page.locator('deposit-screen [data-deposit-qr-panel]').count()).toBe(0);
    const no = truth.out_freeze_no;
    expect(await page.locator('deposit-screen [data-take-status]').innerText()).toContain(no);
    expect(await h.sandbox<Truth>(`/sandbox/deposits/${no}`)).toMatchObject({ state: 'frozen', cts: 2, freeze_fee: 5000, remaining_fee: 5000 });
    await expect
      .poll(
        () =>
          page
            .locator(`deposit-open-list [data-open-deposit="${no}"]`)
            .getAttribute('data-open-status', { timeout: 250 })
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toBe('frozen');

    await page.locator('[data-nav=history]').click();
    await page.locator('history-filters [data-history-kind]').selectOption('deposits');
    await page.locator('history-filters button[type=submit]').click();
    const row = page.locator(`history-list tr[data-row="${no}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-kind')).toBe('freeze');
    expect(await row.getAttribute('data-status')).toBe('frozen');
    expect(await row.locator('td.amount').innerText()).toBe('¥50.00');
    await page.locator('[data-nav=deposit]').click();
    await page.locator('deposit-screen').waitFor();
  }, 120_000);

  it('the customer display (顾客屏) shows the deposit QR to scan with the amount, then that the deposit was received', async () => {
    const [display] = await Promise.all([page.context().waitForEvent('page'), page.locator('deposit-screen [data-deposit-customer-display]').click()]);
    await display.locator('[data-welcome]').waitFor();
    const { code } = await showQr('40');
    const screen = display.locator('main[data-customer-screen]');
    await expect.poll(() => display.locator('[data-qr]').getAttribute('data-payload'), { timeout: 10_000 }).toBe(code);
    await expect.poll(() => display.locator('[data-qr] svg').count(), { timeout: 10_000 }).toBe(1);
    expect(await display.locator('[data-label]').innerText()).toBe('押金');
    expect(await display.locator('[data-amount]').innerText()).toBe('¥40.00');
    expect(await display.locator('[data-text]').innerText()).toBe('请使用支付宝扫描二维码交押金');
    await h.sandbox('/sandbox/scan/pay', { code_url: code });
    await expect.poll(takeStatus, { timeout: 20_000 }).toBe('frozen');
    await expect.poll(() => display.locator('[data-text]').innerText()).toBe('押金已冻结，谢谢');
    expect(await screen.getAttribute('data-tone')).toBe('ok');
    expect(await display.locator('[data-qr]').isHidden()).toBe(true);
    await display.close();
  }, 120_000);

  // Before the test below moves the simulator's clock on (this page's clock would lag behind it).
  it('a reload while the QR waits: the deposit in progress is taken up and its QR shown again; the customer pays it', async () => {
    const { code, truth } = await showQr('30');
    await page.reload();
    await page.locator('checkout-screen').waitFor({ timeout: 30_000 });
    await page.locator('[data-nav=deposit]').click();
    await page.locator('deposit-screen').waitFor();
    await expect.poll(shownQr, { timeout: 20_000 }).toBe(code);
    expect(await page.locator('[data-deposit-qr-amount]').innerText()).toBe('押金 ¥30.00');
    expect(await page.locator(`deposit-open-list [data-open-deposit="${truth.out_freeze_no}"]`).getAttribute('data-open-status')).toBe('pending');

    await h.sandbox('/sandbox/scan/pay', { code_url: code });
    await expect
      .poll(
        () =>
          page
            .locator(`deposit-open-list [data-open-deposit="${truth.out_freeze_no}"]`)
            .getAttribute('data-open-status', { timeout: 250 })
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toBe('frozen');
    await expect.poll(() => page.locator('deposit-screen [data-deposit-qr-panel]').count(), { timeout: 10_000 }).toBe(0);
    expect(await h.sandbox<Truth>(`/sandbox/deposits/${truth.out_freeze_no}`)).toMatchObject({ state: 'frozen', freeze_fee: 3000 });
  }, 120_000);

  it('the customer never pays: once the QR has expired cpay closes the deposit (Alipay 3); nothing frozen, nothing charged', async () => {
    const { truth } = await showQr('20');
    expect(await page.locator('[data-deposit-qr-amount]').innerText()).toBe('押金 ¥20.00');
    await h.sandbox('/sandbox/time', { advance_ms: 180_000 });
    await expect.poll(takeStatus, { timeout: 20_000 }).toBe('failed');
    expect(await page.locator('deposit-screen [data-take-status]').innerText()).toContain('顾客未在二维码有效期内付款');
    expect(await page.locator('deposit-screen [data-deposit-qr-panel]').count()).toBe(0);
    expect(await h.sandbox<Truth>(`/sandbox/deposits/${truth.out_freeze_no}`)).toMatchObject({ state: 'cancelled', cts: 3, freeze_fee: 2000 });
    // Too late: the customer cannot pay the expired QR.
    await expect(h.sandbox('/sandbox/scan/pay', { code_url: truth.code_url })).rejects.toThrow(/409/);
    await expect.poll(() => page.locator(`deposit-open-list [data-open-deposit="${truth.out_freeze_no}"]`).count(), { timeout: 10_000 }).toBe(0);
  }, 120_000);
});
