/**
 * Order numbers are never reused, even after the app's data is wiped (issue 5): pay, wipe every
 * store the app has (IndexedDB, storages, caches, the service worker), set the tablet's clock an
 * hour back, bind the demo device again and pay: the new number is new at cpay and its forward
 * part is ahead of the old one, because numbers follow the server's clock, not the tablet's.
 * PAY_E2E_DIST: serve another build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice, startBoundTill, PLAYWRIGHT_VIEWPORT, payTone, payOrderNo } from './app-steps.js';
import type { Harness } from './harness.js';

interface SandboxOrder {
  out_trade_no: string;
  paid: boolean;
  state: string;
}

const CODE = '135005875955000000'; // WeChat, scenario "success"
const FORWARD_DIGITS = 13;
let h: Harness;
let page: Page;

beforeAll(async () => {
  ({ h, page } = await startBoundTill({ viewport: PLAYWRIGHT_VIEWPORT }));
}, 90_000);
afterAll(async () => {
  await h?.close();
});

const tone = () => payTone(page);
const orderNo = () => payOrderNo(page);

async function pay(amount: string): Promise<string> {
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await page.keyboard.type(CODE, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect.poll(tone, { timeout: 20_000 }).toBe('ok');
  return orderNo();
}

/** A cash sale (F2, Enter = the exact amount): a bookkeeping sale numbered by the same allocator, never sent to cpay. */
async function cash(amount: string): Promise<string> {
  const before = await orderNo();
  await page.keyboard.type(amount);
  await page.keyboard.press('F2');
  await page.locator('tender-panel [data-tender=cash]').waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(orderNo, { timeout: 10_000 }).not.toBe(before);
  expect(await tone()).toBe('ok');
  return orderNo();
}

/** Everything a browser keeps for the origin, as "clear site data" would remove it. */
async function wipe(): Promise<void> {
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
    localStorage.clear();
    sessionStorage.clear();
    const dbs = await indexedDB.databases();
    await Promise.all(
      dbs.map(
        (d) =>
          new Promise<void>((resolve, reject) => {
            const req = indexedDB.deleteDatabase(d.name ?? '');
            req.onsuccess = () => resolve();
            req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
            req.onblocked = () => resolve(); // the open connection closes with the navigation below
          }),
      ),
    );
  });
}

describe('order numbers', () => {
  it('after the app data is wiped and the tablet clock is an hour behind, a new sale never reuses or goes behind a number', async () => {
    const first = await pay('0.01');
    expect(first).toMatch(/^\d+$/);

    await wipe();
    await page.clock.install({ time: Date.now() - 3_600_000 });
    await bindDemoDevice(h, page);
    expect(await page.evaluate(() => Date.now())).toBeLessThan(Date.now() - 3_000_000);
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBeGreaterThan(0);

    const second = await pay('0.02');
    expect(second).not.toBe(first);
    expect(Number(second.slice(-FORWARD_DIGITS))).toBeGreaterThan(Number(first.slice(-FORWARD_DIGITS)));
    const [a, b] = await Promise.all([first, second].map((n) => h.sandbox<SandboxOrder>(`/sandbox/orders/${n}`)));
    expect(a).toMatchObject({ out_trade_no: first, paid: true });
    expect(b).toMatchObject({ out_trade_no: second, paid: true });
  }, 120_000);

  it('cash sales take numbers from the same allocator: interleaved with cpay sales, never colliding, never behind, also after a wipe and the clock set back', async () => {
    const fwd = (n: string) => Number(n.slice(-FORWARD_DIGITS));
    const paid = await pay('0.03');
    const cash1 = await cash('1');
    const paid2 = await pay('0.04');
    const cash2 = await cash('2');
    const before = [paid, cash1, paid2, cash2];
    expect(new Set(before).size).toBe(4);
    expect(before.map(fwd)).toEqual([...before.map(fwd)].sort((a, b) => a - b)); // one sequence
    for (const n of [cash1, cash2]) await expect(h.sandbox(`/sandbox/orders/${n}`)).rejects.toThrow(); // cpay never heard of them

    await wipe();
    // The page clock is already fake after the test above (an hour behind); set it two hours back now.
    await page.clock.install({ time: Date.now() - 7_200_000 }).catch(() => page.clock.setSystemTime(Date.now() - 7_200_000));
    await bindDemoDevice(h, page);
    expect(await page.evaluate(() => Date.now())).toBeLessThan(Date.now() - 6_000_000);
    const cash3 = await cash('3');
    const paid3 = await pay('0.05');
    expect(before).not.toContain(cash3);
    expect(fwd(cash3)).toBeGreaterThan(Math.max(...before.map(fwd)));
    expect(fwd(paid3)).toBeGreaterThan(fwd(cash3));
    expect(await h.sandbox<SandboxOrder>(`/sandbox/orders/${paid3}`)).toMatchObject({ out_trade_no: paid3, paid: true });
  }, 150_000);
});
