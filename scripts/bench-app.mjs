#!/usr/bin/env node
// App figures in headless Chromium against the sandbox relay (issue 8), printed as JSON on the
// last line (`scripts/bench.mjs` reads it):
// - cold start to an interactive keypad (the checkout's <pay-keypad> rendered and enabled), as
//   performance.now() from navigation start: first visit (no cache, setup screen instead), reload
//   without the service worker and HTTP cache (CDP bypass), reload served by the service worker;
// - JS heap (CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage) after 0, 1000, … payments
//   driven through the real checkout in one tab (keydown events dispatched in the page, the same
//   path a keyboard-wedge scanner takes) against the simulator's instant-success scenario; the
//   figure is PEAK − BASELINE (issue 21): the baseline is the collected heap before the first
//   payment, the peak the largest collected heap at any step (not last − first, which hides a
//   heap that grew and came back down, or one that peaked mid-run).
// Usage: node scripts/bench-app.mjs --dist DIR [--payments 5000] [--step 1000] [--reloads 10]
import { arg, bindDemo, log, startBenchRig } from './bench-rig.mjs';

const DIST = arg('dist', 'dist');
const PAYMENTS = Number(arg('payments', 5000));
const STEP = Number(arg('step', 1000));
const RELOADS = Number(arg('reloads', 10));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Init script: records when the keypad (or, unbound, the setup screen's demo button) is usable. */
function markReady() {
  const find = (root, sel) => {
    const hit = root.querySelector(sel);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const r = el.shadowRoot && find(el.shadowRoot, sel);
      if (r) return r;
    }
    return null;
  };
  // Unbound: the first screen is the setup's demo button, or on a first start the create-the-first-manager form.
  const deep = (what) => (what === 'keypad' ? find(document, 'pay-keypad') : find(document, '[data-testid=demo]') || find(document, '[data-staff-first]'));
  const tick = () => {
    const k = deep('keypad');
    if (!window.__keypadAt && k && !k.hasAttribute('disabled') && k.shadowRoot?.querySelector('button')) window.__keypadAt = performance.now();
    if (!window.__setupAt && deep('setup')) window.__setupAt = performance.now();
    if (!window.__keypadAt) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Runs in the page: `n` keyboard payments of 0.01 with a WeChat success code; resolves when all settled. */
async function payInPage(n) {
  const key = (k) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
  const phase = () =>
    document.querySelector('cpay-app')?.shadowRoot?.querySelector('checkout-screen')?.shadowRoot?.querySelector('[data-phase]')?.getAttribute('data-phase');
  const until = async (ok) => {
    for (let i = 0; !ok(phase()); i += 1) {
      if (i > 20000) throw new Error(`stuck in ${phase()}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  for (let i = 0; i < n; i += 1) {
    for (const c of '0.01') key(c);
    key('Enter');
    await until((p) => p === 'awaiting_code');
    for (const c of '135005875955000000') key(c);
    key('Enter');
    await until((p) => p === 'success' || p === 'failed');
  }
}

const rig = await startBenchRig(DIST);
const { simUrl, base, browser } = rig;
const out = {};
try {
  const ctx = await browser.newContext();
  await ctx.addInitScript(markReady);
  const page = await ctx.newPage();
  await page.goto(base.href);
  await page.waitForFunction(() => window.__setupAt !== undefined, null, { timeout: 30_000 });
  out.firstVisitSetupMs = await page.evaluate(() => window.__setupAt);
  await bindDemo(page, simUrl);
  const cdp = await ctx.newCDPSession(page);
  const reloads = async () => {
    const xs = [];
    for (let i = 0; i < RELOADS; i += 1) {
      await page.reload();
      await page.waitForFunction(() => window.__keypadAt !== undefined, null, { timeout: 30_000 });
      xs.push(await page.evaluate(() => window.__keypadAt));
    }
    return xs;
  };
  log('cold start with the service worker');
  out.coldStartSwMs = median(await reloads());
  out.swControlled = await page.evaluate(() => Boolean(navigator.serviceWorker?.controller));
  log('cold start without service worker and HTTP cache');
  await cdp.send('Network.enable');
  await cdp.send('Network.setBypassServiceWorker', { bypass: true });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  out.coldStartNoCacheMs = median(await reloads());
  await cdp.send('Network.setBypassServiceWorker', { bypass: false });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await page.reload();
  await page.locator('checkout-screen').waitFor();
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  out.heap = [{ payments: 0, bytes: await heap() }];
  const t0 = Date.now();
  for (let done = 0; done < PAYMENTS; done += STEP) {
    await page.evaluate(payInPage, Math.min(STEP, PAYMENTS - done));
    out.heap.push({ payments: Math.min(done + STEP, PAYMENTS), bytes: await heap() });
    log(`${Math.min(done + STEP, PAYMENTS)} payments, heap ${(out.heap.at(-1).bytes / 1048576).toFixed(1)} MB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  out.paymentsPerSecond = PAYMENTS / ((Date.now() - t0) / 1000);
  out.heapBaselineBytes = out.heap[0].bytes;
  out.heapPeakBytes = Math.max(...out.heap.map((x) => x.bytes));
  out.heapPeakMinusBaselineBytes = out.heapPeakBytes - out.heapBaselineBytes;
  log(`heap peak − baseline over ${PAYMENTS} payments: ${(out.heapPeakMinusBaselineBytes / 1048576).toFixed(2)} MB`);
  out.paidAtServer = (await (await fetch(new URL('/sandbox/orders', simUrl))).json()).filter((o) => o.paid).length;
} finally {
  await rig.close();
}
console.log(JSON.stringify(out));
