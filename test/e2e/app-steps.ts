/**
 * Steps many end-to-end tests share, so each test file says only what is particular to it.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';

/** The first manager every e2e terminal is provisioned with (staff code, name, PIN). */
export const TEST_MANAGER = { code: 'M01', name: '王店长', pin: '2468' } as const;

/**
 * First start: a PIN is required before anything else, so the first manager is created through
 * the UI (staff code, name, PIN typed twice, Enter) and ends signed in. On a page already past
 * that (staff exist), it does nothing.
 */
export async function provisionManager(page: Page, m: { code: string; name: string; pin: string } = TEST_MANAGER): Promise<void> {
  const first = page.locator('staff-gate [data-staff-first]');
  // The gate or the app's first screen, whichever the terminal shows.
  await page
    .locator('staff-gate [data-staff-first], setup-screen, checkout-screen, bind-screen, staff-gate staff-pin-entry')
    .first()
    .waitFor({ timeout: 30_000 });
  if ((await first.count()) === 0) return;
  await first.locator('[data-first-code]').fill(m.code);
  await first.locator('[data-first-name]').fill(m.name);
  await first.locator('[data-first-pin]').fill(m.pin);
  await first.locator('[data-first-pin-again]').fill(m.pin);
  await first.locator('[data-first-pin-again]').press('Enter');
  await page.locator(`[data-staff-who="${m.code}"]`).waitFor({ timeout: 30_000 });
}

/**
 * First run of the app as a cashier would do it in sandbox mode: open the app, create the first
 * manager (signed in), take the demo
 * device, let the (simulated) merchant confirm the binding QR through `/sandbox/bind/confirm`,
 * acknowledge the binding, and wait for the checkout.
 */
export async function bindDemoDevice(h: Harness, page: Page): Promise<void> {
  await page.goto(h.url('/'));
  await provisionManager(page);
  await page.locator('[data-testid=demo]').click();
  const qr = page.locator('qr-code [data-payload*="?ac="]');
  await qr.waitFor({ timeout: 30_000 });
  await h.sandbox('/sandbox/bind/confirm', { qr_url: await qr.getAttribute('data-payload') });
  await page.locator('[data-testid=bind-done]').click({ timeout: 20_000 });
  await page.locator('checkout-screen').waitFor();
}

/** Opens sale `otn` on the refund screen (number typed, Enter) and waits for its card. */
export async function openRefundOrder(page: Page, otn: string): Promise<void> {
  await page.locator('[data-nav=refund]').click();
  const field = page.locator('refund-screen [data-refund-lookup]');
  await field.fill(otn);
  await field.press('Enter');
  await page.locator('refund-order-card [data-otn]', { hasText: otn }).waitFor({ timeout: 20_000 });
  await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
}

/** Types a sub_terminal_type in the payment settings, as an integrator does (live mode refuses the placeholder), and returns to the checkout. */
export async function setSubTerminalType(page: Page, value: number): Promise<void> {
  await page.locator('button[data-nav=settings]').click();
  const form = page.locator('settings-payment');
  await form.locator('input[name=subTerminalType]').fill(String(value));
  await form.locator('[data-testid=save-payment-settings]').click();
  await form.locator('[data-payment-settings-message]').waitFor();
  await page.locator('button[data-nav=checkout]').click();
  await page.locator('checkout-screen').waitFor();
}

/** Playwright's own page size (a context without a viewport option): what files that never chose one ran at. */
export const PLAYWRIGHT_VIEWPORT = { width: 1280, height: 720 } as const;

/** Harness options serving the build named by environment variable `name` when it is set (a suite's "serve another build" switch). */
export const distFromEnv = (name: string): HarnessOptions => (process.env[name] ? { staticDir: process.env[name] } : {});

/** Options of {@link startBoundTill}. */
export interface BoundTillOptions {
  readonly harness?: HarnessOptions;
  /** The page's viewport (default 1280×800; Playwright's own default is 1280×720). */
  readonly viewport?: { width: number; height: number };
  /** More options of the page's browser context (e.g. `bypassCSP`, `acceptDownloads`, `isMobile`). */
  readonly context?: Omit<BrowserContextOptions, 'viewport'>;
  /** Runs on the page before the app is opened (listeners, init scripts, fake devices). */
  readonly beforeBind?: (page: Page) => unknown;
}

/**
 * The usual start of an e2e file: the harness (with `harness` options), one page at `viewport`
 * whose page errors are logged, bound to the demo device (first manager included). A failed start
 * closes what it started.
 */
export async function startBoundTill(opts: BoundTillOptions = {}): Promise<{ h: Harness; page: Page }> {
  const h = await startHarness(opts.harness);
  try {
    const page = await h.newPage({ ...opts.context, viewport: opts.viewport ?? { width: 1280, height: 800 } });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await opts.beforeBind?.(page);
    await bindDemoDevice(h, page);
    return { h, page };
  } catch (e) {
    await h.close();
    throw e;
  }
}

/**
 * {@link startBoundTill} as a file's hooks: started in `beforeAll` (the harness and page handed to
 * `use`), the harness closed in `afterAll`.
 */
export function boundTillHooks(use: (till: { h: Harness; page: Page }) => void, opts: BoundTillOptions = {}): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    const till = await startBoundTill(opts);
    h = till.h;
    use(till);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });
}

/** An attribute of the checkout's payment status, '' while absent (for `expect.poll`). */
const payStatusAttr = async (page: Page, sel: string, name: string, timeout?: number): Promise<string> =>
  (await page
    .locator(sel)
    .getAttribute(name, timeout === undefined ? {} : { timeout })
    .catch(() => '')) ?? '';

/** The payment status's tone (`ok`, `bad`, `wait`…), '' while none. `timeout`: how long one read waits for the element. */
export const payTone = (page: Page, timeout?: number): Promise<string> => payStatusAttr(page, 'pay-status [data-tone]', 'data-tone', timeout);
/** The payment status's order number, '' while none. */
export const payOrderNo = (page: Page, timeout?: number): Promise<string> => payStatusAttr(page, 'pay-status [data-order-no]', 'data-order-no', timeout);
