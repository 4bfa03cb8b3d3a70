/**
 * axe-core scan of every screen of the built app (no serious or critical violations), plus
 * keyboard-only provisioning and the language switch. Build first: `npx vite build`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { provisionManager } from './app-steps.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let h: Harness;
let page: Page;
beforeAll(async () => {
  h = await startHarness();
  // axe is injected as a script: the relay's CSP (script-src 'self') would refuse it.
  page = await h.newPage({ bypassCSP: true });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
});
afterAll(async () => {
  await h?.close();
});

/** Runs axe over the whole document (open shadow roots included) and returns serious+ violations. */
async function seriousViolations(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(axeSource);
  const violations = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describe('terminal app accessibility', () => {
  it('setup screen: no serious violations; keyboard-only entry shows specific messages', async () => {
    await page.goto(h.url('/'));
    await provisionManager(page); // a PIN is required from first start: the first manager, signed in
    await page.locator('provision-form #sn').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('provision-form #sn').focus();
    await page.keyboard.type('landi_qm600_1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('C852274D372982D5530B692FD77124D');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('provision-form #sn-error').innerText()).toContain('格式不对');
    expect(await page.locator('provision-form #key-error').innerText()).toContain('32 位，当前为 31 位');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('bind screen with the QR: no serious violations', async () => {
    await page.locator('[data-testid=demo]').click();
    await page.locator('qr-code [data-payload^="https://"]').waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('checkout and settings: no serious violations; English switch changes the UI', async () => {
    const url = await page.locator('qr-code [data-payload]').getAttribute('data-payload');
    await h.sandbox('/sandbox/bind/confirm', { qr_url: url });
    await page.locator('[data-testid=bind-done]').click();
    await page.locator('checkout-screen').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('button[data-nav=settings]').click();
    await page.locator('settings-screen h1').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('settings-screen button[lang=en]').click();
    await expect.poll(() => page.locator('settings-screen h1').innerText()).toBe('Settings');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('status-bar [data-testid=shop]').innerText()).toBe('云支付演示店');
    await page.reload();
    await expect.poll(() => page.locator('button[data-nav=settings]').innerText(), { timeout: 20_000 }).toBe('Settings');
  });
});
