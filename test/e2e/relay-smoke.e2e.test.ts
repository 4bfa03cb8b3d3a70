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

  it('a network cut: the relay stops and restarts on the same port; simulator truth survives', async () => {
    const page = await h.newPage();
    await page.goto(h.url('/healthz'));
    await h.sandbox('/sandbox/bind/direct', {});
    await h.stopRelay();
    expect(h.relayRunning).toBe(false);
    const during = await page.evaluate(async () => fetch('/healthz').then(() => 'reached', () => 'failed'));
    expect(during).toBe('failed');
    const bindings = await h.sandbox<Array<{ active: boolean }>>('/sandbox/bindings');
    expect(bindings.some((b) => b.active)).toBe(true);
    await h.startRelay();
    const after = await page.evaluate(async () => (await fetch('/relay/status')).status);
    expect(after).toBe(200);
    expect(h.logs.some((r) => r.msg === 'request' && r.path === '/relay/status')).toBe(true);
  });
});
