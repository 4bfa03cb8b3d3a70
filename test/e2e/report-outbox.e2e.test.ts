/**
 * device_report outbox end to end (spec §6.8, issue #7): the built app in headless Chromium
 * against the sandbox relay. 50 payments are taken while device_report cannot get through
 * (the browser's requests to /cpay/device_report are refused at the network layer, so payments
 * still work — a terminal whose report path is down); the status bar counts them; the page is
 * reloaded twice; the relay goes down as well; then relay and path come back and the `online`
 * event fires → the server
 * (`/sandbox/reports`) has every payment counted exactly once, with one api_calling_info each.
 * Set REFUND_E2E_DIST to serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT, distFromEnv } from './app-steps.js';
import type { Harness } from './harness.js';

interface Report {
  warnings: string[];
  content: Record<string, unknown> & { api_calling_infos?: { out_trade_no: string }[] };
}

let h: Harness;
let page: Page;
const N = 50;
const WECHAT = '135005875955000000';
const ALIPAY = '281234567890120000';
const refuse = (route: Route) => route.abort('connectionrefused');

beforeAll(async () => {
  ({ h, page } = await startBoundTill({ harness: distFromEnv('REFUND_E2E_DIST'), viewport: PLAYWRIGHT_VIEWPORT }));
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
const pending = async () => Number(await page.locator('status-bar [data-testid=pending]').innerText());
const reports = () => h.sandbox<Report[]>('/sandbox/reports');
const sum = (rs: Report[], k: string) => rs.reduce((s, r) => s + Number(r.content[k] ?? 0), 0);

async function pay(code: string): Promise<void> {
  await page.keyboard.type('0.01');
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 1 });
  await page.keyboard.press('Enter');
  await expect.poll(phase, { timeout: 30_000 }).toBe('success');
}

describe('device_report outbox across offline, reloads and the network coming back', () => {
  it(`${N} payments while reports cannot get through, two reloads, relay down and back, then every count exactly once`, async () => {
    // Whatever the binding queued has gone out before the counts start (nothing pending).
    await expect.poll(pending, { timeout: 20_000 }).toBe(0);
    const before = await reports();
    await page.route('**/cpay/device_report', refuse);
    await page.locator('checkout-screen h1').click();
    for (let i = 0; i < N; i += 1) await pay(i % 2 === 0 ? WECHAT : ALIPAY);
    await expect.poll(pending, { timeout: 20_000 }).toBe(N);
    expect((await reports()).length).toBe(before.length);

    for (let i = 0; i < 2; i += 1) {
      await page.reload();
      await page.locator('checkout-screen').waitFor({ timeout: 30_000 });
      await expect.poll(pending, { timeout: 20_000 }).toBe(N);
    }
    expect((await reports()).length).toBe(before.length);

    await h.stopRelay(); // now the relay itself is down too
    await page.unroute('**/cpay/device_report', refuse);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await new Promise((r) => {
      setTimeout(r, 3_000);
    });
    expect((await reports()).length).toBe(before.length);
    expect(await pending()).toBe(N);

    await h.startRelay();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(pending, { timeout: 60_000 }).toBe(0);
    await new Promise((r) => {
      setTimeout(r, 3_000);
    }); // nothing more may arrive
    const after = (await reports()).slice(before.length);
    expect(sum(after, 'wx_pay_count')).toBe(N / 2);
    expect(sum(after, 'wx_pay_success_count')).toBe(N / 2);
    expect(sum(after, 'wx_pay_amount')).toBe(N / 2);
    expect(sum(after, 'ali_pay_count')).toBe(N / 2);
    expect(sum(after, 'ali_pay_amount')).toBe(N / 2);
    const infos = after.flatMap((r) => r.content.api_calling_infos ?? []).map((x) => x.out_trade_no);
    expect(infos).toHaveLength(N);
    expect(new Set(infos).size).toBe(N);
    expect(after.flatMap((r) => r.warnings)).toEqual([]);
  }, 240_000);
});
