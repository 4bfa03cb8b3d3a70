/**
 * Payment benchmark in Chromium (issue 5, `npm run bench:pay`): 200 keyboard micropays against
 * the sandbox relay, measuring inside the page
 * - scan-to-request: the code's final Enter (keydown, capture phase) → fetch of brief_micro_pay;
 * - answer-to-screen: that fetch resolving → the first animation frame showing the result.
 * Targets: scan-to-request p95 < 15 ms, answer-to-screen p95 < 50 ms. Prints the figures;
 * BENCH_STRICT=1 also fails when a target is missed. BENCH_PAYMENTS changes the count,
 * BENCH_GAP_MS pauses between sales (the sale-end work of other flows then does not overlap),
 * BENCH_PRESENT_MS is the time between the amount's Enter and the code's first key (default
 * 300 ms: the customer presenting a code; the order is numbered and journaled meanwhile; 0 = the
 * code typed at once, so that work falls on the scan-to-request path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';

const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 200);
/** Pause between a result and the next sale (a cashier needs seconds; 0 = back to back). */
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 0);
/** From the amount's Enter to the code's first key (the customer shows the code). */
const PRESENT_MS = Number(process.env.BENCH_PRESENT_MS ?? 300);
const CODE = '135005875955000000'; // WeChat, scenario "success"

interface Samples {
  scanToRequest: number[];
  answerToScreen: number[];
}
declare global {
  interface Window {
    __payBench: Samples & { lastEnter: number; answerAt: number; shown: boolean };
  }
}

/** Runs in the page before the app: timestamps keydown Enter, the request, the answer and the frame. */
function instrument(): void {
  const bench = { scanToRequest: [] as number[], answerToScreen: [] as number[], lastEnter: 0, answerAt: 0, shown: false };
  window.__payBench = bench;
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Enter') bench.lastEnter = performance.now();
    },
    true,
  );
  const original = window.fetch;
  window.fetch = function patched(input: RequestInfo | URL, init?: RequestInit) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/cpay/brief_micro_pay')) return original.call(this, input, init);
    bench.scanToRequest.push(performance.now() - bench.lastEnter);
    bench.shown = false;
    return original.call(this, input, init).then((res) => {
      bench.answerAt = performance.now();
      return res;
    });
  };
  const tone = (): string | null => {
    const app = document.querySelector('cpay-app')?.shadowRoot;
    const screen = app?.querySelector('checkout-screen')?.shadowRoot;
    return screen?.querySelector('pay-status')?.shadowRoot?.querySelector('[data-tone]')?.getAttribute('data-tone') ?? null;
  };
  const frame = (): void => {
    if (!bench.shown && bench.answerAt > 0 && tone() === 'ok') {
      bench.answerToScreen.push(performance.now() - bench.answerAt);
      bench.shown = true;
      bench.answerAt = 0;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

const pct = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness(process.env.PAY_E2E_DIST ? { staticDir: process.env.PAY_E2E_DIST } : {});
  page = await h.newPage();
  await page.addInitScript(instrument);
  await bindDemoDevice(h, page);
}, 90_000);
afterAll(async () => {
  await h?.close();
});

describe('payment benchmark', () => {
  it(`${PAYMENTS} payments: scan-to-request and answer-to-screen`, async () => {
    for (let i = 0; i < PAYMENTS; i += 1) {
      await page.keyboard.type('0.01');
      await page.keyboard.press('Enter');
      if (PRESENT_MS > 0) await page.waitForTimeout(PRESENT_MS);
      await page.keyboard.type(CODE);
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => window.__payBench.answerToScreen.length >= n, i + 1, { timeout: 20_000 });
      if (GAP_MS > 0) await page.waitForTimeout(GAP_MS);
    }
    const s = await page.evaluate(() => ({ scanToRequest: window.__payBench.scanToRequest, answerToScreen: window.__payBench.answerToScreen }));
    const line = (name: string, xs: readonly number[]) => `${name}: p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;
    console.log(
      `[bench:pay] gap ${GAP_MS} ms, code presented after ${PRESENT_MS} ms; ${line('scan-to-request', s.scanToRequest)}; ${line('answer-to-screen', s.answerToScreen)}`,
    );
    expect(s.scanToRequest).toHaveLength(PAYMENTS);
    expect(s.answerToScreen).toHaveLength(PAYMENTS);
    if (process.env.BENCH_STRICT === '1') {
      expect(pct(s.scanToRequest, 95)).toBeLessThan(15);
      expect(pct(s.answerToScreen, 95)).toBeLessThan(50);
    }
  }, 600_000);
});
