// What scripts/bench-app.mjs and scripts/bench-tablet.mjs share: command-line flags, the headless
// Chromium they launch, and the rig they measure in (the simulator, the sandbox relay serving the
// built app, the browser) with the demo device bound as a cashier would (sandbox confirmation).
import { createRelay } from '@cpay/relay';
import { createSimulatorServer } from '@cpay/simulator/node';
import { chromium } from 'playwright-core';

/** The value after `--name` on the command line, or `dflt`. */
export const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
};
export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A progress line on stderr (stdout's last line is the JSON result). */
export const log = (m) => process.stderr.write(`› ${m}\n`);

/** Starts the simulator, the sandbox relay serving `dist` and Chromium. */
export async function startBenchRig(dist) {
  const sim = createSimulatorServer();
  const simUrl = await sim.listen(0, '127.0.0.1');
  const relay = createRelay({
    port: 0,
    host: '127.0.0.1',
    sandbox: { url: simUrl },
    staticDir: dist,
    rateLimit: false,
    logger: { info() {}, warn() {}, error() {} },
  });
  const base = await relay.listen();
  const browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
  return {
    simUrl,
    base,
    browser,
    async close() {
      await browser.close();
      await relay.close();
      await sim.close();
    },
  };
}

/** On the setup screen: takes the demo device, confirms its binding QR as the merchant, and waits for the checkout and the service worker. */
export async function bindDemo(page, simUrl) {
  // First start: the first manager is created before anything else (staff, issue 17) and ends signed in.
  await page.locator('staff-gate [data-staff-first], [data-testid=demo]').first().waitFor({ timeout: 30_000 });
  const first = page.locator('staff-gate [data-staff-first]');
  if ((await first.count()) > 0) {
    await first.locator('[data-first-code]').fill('M01');
    await first.locator('[data-first-name]').fill('店长');
    await first.locator('[data-first-pin]').fill('2468');
    await first.locator('[data-first-pin-again]').fill('2468');
    await first.locator('[data-first-pin-again]').press('Enter');
    await page.locator('[data-staff-who="M01"]').waitFor({ timeout: 30_000 });
  }
  await page.locator('[data-testid=demo]').click({ timeout: 30_000 });
  const qr = page.locator('qr-code [data-payload*="?ac="]');
  await qr.waitFor({ timeout: 30_000 });
  await fetch(new URL('/sandbox/bind/confirm', simUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qr_url: await qr.getAttribute('data-payload') }),
  });
  await page.locator('[data-testid=bind-done]').click({ timeout: 20_000 });
  await page.locator('checkout-screen').waitFor();
  await page.evaluate(() => navigator.serviceWorker?.ready);
}
