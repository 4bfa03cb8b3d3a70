/**
 * Domain fail-over with a notice to the cashier (acceptance item 8, 003 L10607-10619). The built
 * app, bound in sandbox mode, then served by a live-mode relay with two cpay "domains": A (a second
 * listener on the same simulator) first, then the simulator itself. A goes down; the next payment
 * still succeeds through the other domain and the status bar tells the cashier which line it
 * switched to and why; the domain field keeps the reason (diagnostics).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRelay, type Relay } from '@cpay/relay';
import { bindDemoDevice, setSubTerminalType } from './app-steps.js';
import { DIST_DIR, startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;
let domainA: http.Server;
let live: Relay | undefined;
let hostA = '';
let hostB = '';

const listen = (server: http.Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));

beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await bindDemoDevice(h, page);
  // The relay turns live below, and live mode refuses to take money with the documents' example
  // sub_terminal_type (issue 14 point 2): configure one, as an integrator would.
  await setSubTerminalType(page, 7001);
  // Domain A: the same simulator behind another listener (its own host:port). Domain B: the simulator.
  domainA = http.createServer(h.simulator.handler);
  hostA = await listen(domainA);
  hostB = `127.0.0.1:${(h.simulator.server.address() as AddressInfo).port}`;
  // Same origin for the app (its storage and binding stay): the relay on the same port, now live.
  const port = Number(h.baseUrl.port);
  await h.stopRelay();
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  live = createRelay({
    port,
    host: '127.0.0.1',
    upstreams: [`http://${hostA}`, `http://${hostB}`],
    staticDir: DIST_DIR,
    rateLimit: false,
    healthIntervalMs: 1000,
    logger: quiet,
  });
  await live.listen();
}, 120_000);
afterAll(async () => {
  await live?.close();
  domainA?.closeAllConnections();
  await new Promise((r) => domainA?.close(r));
  await h?.close();
});

async function pay(code: string) {
  if ((await page.locator('checkout-screen [data-phase]').getAttribute('data-phase')) !== 'amount') await page.keyboard.press('Escape');
  await page.keyboard.type('0.02');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('checkout-screen [data-phase]').getAttribute('data-phase')).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect
    .poll(
      () =>
        page
          .locator('pay-status [data-tone]')
          .getAttribute('data-tone')
          .catch(() => ''),
      { timeout: 30_000 },
    )
    .toMatch(/^(ok|bad|warn)$/);
  return page.locator('pay-status [data-tone]').getAttribute('data-tone');
}

/** The active domain as the integrator reads it: Settings → diagnostics (not on the cashier's status bar). */
async function diagnosticsDomain(): Promise<{ text: string; reason: string; title: string }> {
  await page.locator('button[data-nav=settings]').click();
  const details = page.locator('settings-screen [data-diagnostics]');
  await details.evaluate((el) => {
    (el as HTMLDetailsElement).open = true;
  });
  const dd = details.locator('[data-testid=domain]');
  const found = { text: await dd.innerText(), reason: (await dd.getAttribute('data-switch-reason')) ?? '', title: (await dd.getAttribute('title')) ?? '' };
  await page.locator('button[data-nav=checkout]').click();
  await page.locator('checkout-screen').waitFor();
  return found;
}

describe('cpay domain fail-over', () => {
  it('pays through the preferred domain, with no notice', async () => {
    await page.reload();
    await page.locator('checkout-screen').waitFor();
    await expect.poll(async () => (await diagnosticsDomain()).text, { timeout: 20_000 }).toBe(hostA);
    expect(await pay('135005875955000000')).toBe('ok');
    expect(await page.locator('status-bar [data-testid=domain-notice]').count()).toBe(0);
  }, 60_000);

  it('when the preferred domain goes down, the next payment succeeds elsewhere and the cashier is told where and why', async () => {
    domainA.closeAllConnections();
    await new Promise((r) => domainA.close(r));
    expect(await pay('281234567890120000')).toBe('ok');
    const otn = await page.locator('pay-status [data-order-no]').getAttribute('data-order-no');
    const notice = page.locator('status-bar [data-testid=domain-notice]');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => notice.innerText(), { timeout: 20_000 }).toMatch(new RegExp(`云支付线路已自动切换：${hostA} → ${hostB}（原线路.+）`));
    // The status bar names no domain (shop language); diagnostics keeps which one and why.
    expect(await page.locator('status-bar').innerText()).not.toContain(hostB);
    const domain = await diagnosticsDomain();
    expect(domain.text).toBe(hostB);
    expect(domain.reason).not.toBe('');
    expect(domain.title).toContain(`由 ${hostA} 切换到 ${hostB}`);
    const truth = await h.sandbox<{ paid: boolean }>(`/sandbox/orders/${otn ?? ''}`);
    expect(truth.paid).toBe(true);
  }, 60_000);
});
