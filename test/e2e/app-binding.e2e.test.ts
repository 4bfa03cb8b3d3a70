/**
 * The terminal app end to end (issue 4): the built app (dist/, `npx vite build` first) served by
 * the real relay in sandbox mode, in headless Chromium. First run → demo device → binding QR →
 * the merchant confirms through /sandbox → bound; reload → still bound; key rotated → key
 * mismatch → re-bind; IndexedDB holds no key in clear; relay stopped → the shell still loads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { provisionManager } from './app-steps.js';

interface SimBinding {
  sn: string;
  active: boolean;
  payment_key?: string;
  paymentKey?: string;
}

let h: Harness;
let page: Page;
beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
});
afterAll(async () => {
  await h?.close();
});

/** Waits for the binding QR and returns the URL it encodes. */
async function qrUrl(p: Page): Promise<string> {
  const qr = p.locator('qr-code [data-payload]');
  await qr.waitFor({ timeout: 20_000 });
  await expect.poll(async () => (await qr.getAttribute('data-payload')) ?? '', { timeout: 20_000 }).toMatch(/^https:\/\/.+\?ac=/);
  return (await qr.getAttribute('data-payload')) ?? '';
}

/** Confirms the QR on screen as the merchant would, and waits for the on-screen confirmation. */
async function confirmBinding(p: Page): Promise<void> {
  const url = await qrUrl(p);
  await h.sandbox('/sandbox/bind/confirm', { qr_url: url });
  await p.locator('[data-testid=bound]').waitFor({ timeout: 20_000 });
}

const shop = (p: Page) => p.locator('status-bar [data-testid=shop]');

describe('terminal app: provisioning, binding, boot', () => {
  it('first run → demo device → QR with countdown → merchant confirms → bound, shop name shown', async () => {
    await page.goto(h.url('/'));
    await provisionManager(page); // a PIN is required from first start: the first manager, signed in
    await page.locator('[data-testid=demo]').click();
    await qrUrl(page);
    await expect.poll(() => page.locator('[data-testid=countdown]').innerText()).toMatch(/\d+/);
    await confirmBinding(page);
    await expect.poll(() => shop(page).innerText()).toBe('云支付演示店');
    expect(await page.locator('[data-testid=bound]').innerText()).toContain('云支付演示店');
    // the voice prompt (spec §12) went through the announcer seam and is echoed on screen
    expect(await page.locator('status-bar [data-testid=spoken]').innerText()).toBe('绑定成功');
    await page.locator('[data-testid=bind-done]').click();
    await page.locator('checkout-screen').waitFor();
  });

  it('IndexedDB and localStorage hold no key in clear after binding', async () => {
    const demo = await h.sandbox<{ sn: string; initial_key: string }>('/sandbox/demo-device');
    const binding = await h.sandbox<SimBinding>(`/sandbox/bindings/${demo.sn}`);
    const paymentKey = binding.payment_key ?? binding.paymentKey ?? '';
    expect(paymentKey.length).toBeGreaterThan(0);
    const dump = await page.evaluate(dumpStorage);
    expect(dump.length).toBeGreaterThan(100);
    for (const secret of [demo.initial_key, paymentKey]) {
      expect(dump).not.toContain(secret);
      expect(dump.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(dump).not.toContain(Buffer.from(secret).toString('base64').slice(0, 24));
    }
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await page.content()).not.toContain(demo.initial_key);
  });

  it('reload → still bound without a new binding (the boot check passes)', async () => {
    const before = await h.sandbox<SimBinding[]>('/sandbox/bindings');
    await page.reload();
    await page.locator('checkout-screen').waitFor({ timeout: 20_000 });
    await expect.poll(() => shop(page).innerText()).toBe('云支付演示店');
    await expect.poll(() => page.locator('status-bar [data-testid=cpay]').innerText()).toBe('正常');
    expect(await page.locator('notice-banner').count()).toBe(0);
    expect(await h.sandbox<SimBinding[]>('/sandbox/bindings')).toEqual(before);
  });

  it('the merchant rotates the key → boot reports key mismatch → re-binding works', async () => {
    await h.sandbox('/sandbox/bind/rotate-key', {});
    await page.reload();
    const notice = page.locator('notice-banner [data-testid=notice]');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toContain('支付密钥与云支付不一致');
    await page.locator('notice-banner button[data-action=rebind]').click();
    // The bind screen names the shop it is bound to before anything changes, then a new QR.
    expect(await page.locator('bind-screen [data-rebind-question]').innerText({ timeout: 20_000 })).toContain('云支付演示店');
    await page.locator('bind-screen [data-rebind-confirm]').click();
    await confirmBinding(page);
    await page.locator('[data-testid=bind-done]').click();
    await page.reload();
    await page.locator('checkout-screen').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('status-bar [data-testid=cpay]').innerText()).toBe('正常');
    expect(await page.locator('notice-banner').count()).toBe(0);
  });

  it('relay stopped → reload still loads the app shell from the service worker', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await h.stopRelay();
    try {
      await page.reload();
      await page.locator('status-bar').waitFor({ timeout: 20_000 });
      await expect.poll(() => shop(page).innerText()).toBe('云支付演示店');
      await expect.poll(() => page.locator('status-bar [data-testid=relay]').innerText(), { timeout: 20_000 }).toBe('不可达');
      await page.locator('notice-banner [data-testid=notice]').waitFor({ timeout: 20_000 });
    } finally {
      await h.startRelay();
    }
  });
});

/** Serialises every IndexedDB database (binary as base64, CryptoKeys as their public fields). Runs in the page. */
async function dumpStorage(): Promise<string> {
  const enc = (v: unknown): unknown => {
    if (v instanceof CryptoKey) return { cryptoKey: { type: v.type, extractable: v.extractable, algorithm: v.algorithm, usages: v.usages } };
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      return { bytes: btoa(String.fromCharCode(...bytes)), text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
    }
    if (Array.isArray(v)) return v.map(enc);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]));
    return v;
  };
  const out: Record<string, unknown> = {};
  for (const info of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open(info.name ?? '');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error ?? new Error('indexedDB.open failed'));
    });
    for (const name of Array.from(db.objectStoreNames)) {
      const tx = db.transaction(name, 'readonly');
      const [keys, values] = await Promise.all(
        [tx.objectStore(name).getAllKeys(), tx.objectStore(name).getAll()].map(
          (req) =>
            new Promise<unknown[]>((res) => {
              req.onsuccess = () => res(req.result as unknown[]);
            }),
        ),
      );
      out[`${info.name}/${name}`] = { keys: enc(keys), values: enc(values) };
    }
    db.close();
  }
  return JSON.stringify(out);
}
