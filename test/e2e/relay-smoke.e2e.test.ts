import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '@cpay/relay';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('e2e harness: real relay + headless Chromium', () => {
  it('Chromium loads /healthz through the relay with the security headers', async () => {
    const page = await h.newPage();
    const res = await page.goto(h.url('/healthz'));
    expect(res?.status()).toBe(200);
    expect(JSON.parse(await page.innerText('body'))).toEqual({ ok: true });
    const headers = res?.headers() ?? {};
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('the page fetches /relay/status same-origin and sees sandbox mode', async () => {
    const page = await h.newPage();
    await page.goto(h.url('/healthz'));
    const status = await page.evaluate(async () => {
      const r = await fetch('/relay/status');
      return (await r.json()) as { mode: string; upstreamReachable: boolean | null };
    });
    expect(status.mode).toBe('sandbox');
    const demo = await page.evaluate(async () => (await (await fetch('/sandbox/demo-device')).json()) as { sn: string });
    expect(demo.sn).toBe((await h.sandbox<{ sn: string }>('/sandbox/demo-device')).sn);
  });

  it('serves the built app: it boots under the CSP with no violations; hashed assets immutable and compressed', async () => {
    const page = await h.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to|CSP violation/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const assets: Array<{ url: string; cache: string | undefined; encoding: string | undefined; size: number }> = [];
    page.on('response', (r) => {
      if (!/\/assets\/.+\.(js|css)$/.test(new URL(r.url()).pathname)) return;
      const headers = r.headers();
      assets.push({ url: r.url(), cache: headers['cache-control'], encoding: headers['content-encoding'], size: Number(headers['content-length'] ?? 0) });
    });
    const res = await page.goto(h.url('/'), { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    expect(res?.headers()['cache-control']).toBe('no-cache');
    expect(await page.evaluate(() => document.querySelector('body')?.children.length ?? 0)).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.every((a) => a.cache === 'public, max-age=31536000, immutable')).toBe(true);
    expect(assets.some((a) => a.encoding === 'br' || a.encoding === 'gzip')).toBe(true);
  });

  it('a network cut: the relay stops and restarts on the same port; simulator truth survives', async () => {
    const page = await h.newPage();
    await page.goto(h.url('/healthz'));
    await h.sandbox('/sandbox/bind/direct', {});
    await h.stopRelay();
    expect(h.relayRunning).toBe(false);
    const during = await page.evaluate(async () =>
      fetch('/healthz').then(
        () => 'reached',
        () => 'failed',
      ),
    );
    expect(during).toBe('failed');
    const bindings = await h.sandbox<Array<{ active: boolean }>>('/sandbox/bindings');
    expect(bindings.some((b) => b.active)).toBe(true);
    await h.startRelay();
    const after = await page.evaluate(async () => (await fetch('/relay/status')).status);
    expect(after).toBe(200);
    expect(h.logs.some((r) => r.msg === 'request' && r.path === '/relay/status')).toBe(true);
  });
});
