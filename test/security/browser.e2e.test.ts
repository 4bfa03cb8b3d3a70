/**
 * Security in the browser (issue 8), on the built app behind the real relay (sandbox mode):
 * - after binding and paying (with a forged reply and a bad signature on the way), neither the
 *   initial key nor the payment key appears — as text, in either case, or base64 — in IndexedDB,
 *   localStorage/sessionStorage, CacheStorage, the DOM, the browser console, the relay's log or
 *   the device_report error records cpay receives; the vault key is a non-extractable CryptoKey;
 * - the CSP (no unsafe-inline) holds: normal use raises no `securitypolicyviolation`, an injected
 *   inline script and an inline event handler are blocked (eval is not checked here: code
 *   evaluated through DevTools, as playwright does, is exempt from the page's CSP);
 * - a reply claiming success signed with a wrong key is never shown as success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '@cpay/relay';
import { hmacSha256Hex, openEnvelope } from '@cpay/protocol';
import { startHarness, type Harness } from '../e2e/harness.js';
import { dumpBrowserState, leaks } from './dump.js';
import { provisionManager } from '../e2e/app-steps.js';

declare global {
  interface Window {
    __csp: string[];
    __inlineRan?: boolean;
  }
}

let h: Harness;
let page: Page;
const consoleLines: string[] = [];
const WECHAT = '13500587595500';

beforeAll(async () => {
  h = await startHarness(process.env.PAY_E2E_DIST ? { staticDir: process.env.PAY_E2E_DIST } : {});
  page = await h.newPage();
  page.on('console', (m) => {
    consoleLines.push(m.text());
  });
  page.on('pageerror', (e) => {
    consoleLines.push(`${e.message}\n${e.stack ?? ''}`);
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  await page.goto(h.url('/'));
  await provisionManager(page); // a PIN is required from first start: the first manager, signed in
  await page.locator('[data-testid=demo]').click();
  const qr = page.locator('qr-code [data-payload*="?ac="]');
  await qr.waitFor({ timeout: 30_000 });
  await h.sandbox('/sandbox/bind/confirm', { qr_url: await qr.getAttribute('data-payload') });
  await page.locator('[data-testid=bind-done]').click({ timeout: 20_000 });
  await page.locator('checkout-screen').waitFor();
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
const orderNo = async () => (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';

/** Amount, Enter, code, Enter (test/e2e/pay-resilience.e2e.test.ts). */
async function startPay(code: string, amount = '0.02'): Promise<void> {
  if ((await phase()) === 'unknown' || (await phase()) === 'polling') await page.keyboard.press('Escape');
  await page.locator('checkout-screen h1').click();
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await orderNo()).length, { timeout: 10_000 }).toBeGreaterThan(0);
}

describe('security in the browser', () => {
  it('a success reply signed with a wrong key is never shown as success', async () => {
    // The real reply says "customer paying" (9109: pending for 150 s); it is rewritten to
    // success (wx cts 9 → 2) and signed with a key that is not the payment key.
    const forge = async (route: Route) => {
      const res = await route.fetch();
      const opened = openEnvelope('brief', await res.text(), 'response', 'brief_micro_pay');
      const inner = opened.innerText.replace('"cts":9', '"cts":2');
      await route.fulfill({ response: res, body: JSON.stringify({ r: inner, a: (await hmacSha256Hex('f'.repeat(32), inner)).toUpperCase() }) });
    };
    await page.route('**/cpay/brief_micro_pay', forge, { times: 1 });
    await startPay(`${WECHAT}9109`);
    const otn = await orderNo();
    for (let i = 0; i < 12; i += 1) {
      expect(await tone()).not.toBe('ok');
      await page.waitForTimeout(500);
    }
    expect((await h.sandbox<{ paid: boolean }>(`/sandbox/orders/${otn}`)).paid).toBe(false);
    await h.sandbox(`/sandbox/orders/${otn}/decline`, {}); // the customer gives up: the truth is "not paid"
    await expect.poll(tone, { timeout: 20_000 }).toBe('bad');
  }, 60_000);

  it('a bad signature on a real success is not trusted: the query settles it', async () => {
    const calls: string[] = [];
    const note = (r: { url(): string }) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith('/cpay/')) calls.push(p.slice('/cpay/'.length));
    };
    page.on('request', note);
    try {
      await h.sandbox('/sandbox/faults', { kind: 'bad_signature', endpoint: 'brief_micro_pay' });
      await startPay(`${WECHAT}0000`);
      const otn = await orderNo();
      await expect.poll(tone, { timeout: 30_000 }).toBe('ok');
      // The forged answer really came (the simulator used the fault up on this sale's request) …
      expect(await h.sandbox<unknown[]>('/sandbox/faults')).toEqual([]);
      // … and the success on screen came from a query after it, not from the untrusted reply.
      const pay = calls.indexOf('brief_micro_pay');
      expect(pay).toBeGreaterThanOrEqual(0);
      expect(calls.slice(pay + 1)).toContain('brief_query_order');
      expect((await h.sandbox<{ paid: boolean }>(`/sandbox/orders/${otn}`)).paid).toBe(true);
    } finally {
      page.off('request', note);
    }
  }, 60_000);

  it('keys are nowhere in clear: IndexedDB, storages, caches, DOM, console, relay log, reports', async () => {
    const initialKey = (await h.sandbox<{ initial_key: string }>('/sandbox/demo-device')).initial_key;
    const sn = (await h.sandbox<{ sn: string }>('/sandbox/demo-device')).sn;
    const paymentKey = (await h.sandbox<{ payment_key: string }>(`/sandbox/bindings/${sn}`)).payment_key;
    expect(initialKey.length).toBeGreaterThanOrEqual(16);
    expect(paymentKey.length).toBeGreaterThanOrEqual(16);
    const state = await page.evaluate(dumpBrowserState);
    expect(state.idb.length).toBeGreaterThan(100); // the dump did read the database
    expect(state.cryptoKeys.length).toBeGreaterThan(0);
    expect(state.cryptoKeys.every((k) => !k.extractable)).toBe(true);
    const texts = {
      indexedDB: state.idb,
      localStorage: state.local,
      sessionStorage: state.session,
      caches: state.caches,
      dom: state.dom,
      console: consoleLines.join('\n'),
      relayLog: JSON.stringify(h.logs),
      reports: JSON.stringify(await h.sandbox('/sandbox/reports')),
    };
    expect(leaks(initialKey, texts)).toEqual([]);
    expect(leaks(paymentKey, texts)).toEqual([]);
    // The check finds a key when one is there (the dump is not blind).
    expect(leaks(paymentKey, { probe: `x${Buffer.from(paymentKey).toString('base64')}x` })).toEqual(['probe']);
  }, 60_000);

  it('CSP without unsafe-inline: nothing violated in normal use; an inline script and an inline handler are blocked', async () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(await page.evaluate(() => window.__csp)).toEqual([]);
    const result = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__inlineRan = true');
      img.src = 'data:,x';
      document.body.append(img);
      await new Promise((r) => {
        setTimeout(r, 300);
      });
      return { inlineRan: window.__inlineRan === true, violations: window.__csp };
    });
    expect(result.inlineRan).toBe(false);
    expect(result.violations.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
