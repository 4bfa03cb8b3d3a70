/**
 * Fleet defaults (issue 19): the relay serves the operator's file at /relay/fleet; a tablet picks
 * the defaults up at provisioning (language, maximum per payment, sub_terminal_type sent in the
 * payment), follows an edit of the file (receipt lines included), and keeps a setting changed on
 * the tablet itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';
import { checkoutView, FINAL_PHASES, toCheckout, waitFor } from '../faults/page.js';

const dir = mkdtempSync(join(tmpdir(), 'e2e-fleet-'));
const file = join(dir, 'fleet.json');
const writeFleet = (doc: object): void => {
  writeFileSync(file, JSON.stringify(doc));
};
let h: Harness;
beforeAll(async () => {
  writeFleet({ subTerminalType: 40123, maxAmountFen: 100, language: 'en' });
  h = await startHarness({ relay: { fleetDefaultsFile: file } });
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const lang = (page: Page): Promise<string> => page.evaluate(() => document.documentElement.lang);
/** The relay re-reads the file at most every 2 s; the tablet re-fetches when the network returns. */
async function fleetChanged(page: Page): Promise<void> {
  await page.waitForTimeout(2_200);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
}

/** A sale; returns the phase and the sub_terminal_type (`stt`) the brief_micro_pay request carried. */
async function sale(page: Page, amount: string): Promise<{ phase: string; stt: number | undefined; refused: boolean }> {
  let stt: number | undefined;
  const onRequest = (r: { url(): string; postData(): string | null }): void => {
    if (r.url().endsWith('/cpay/brief_micro_pay')) stt = Number(/stt\\?":(\d+)/.exec(r.postData() ?? '')?.[1]);
  };
  page.on('request', onRequest);
  try {
    await toCheckout(page);
    await page.keyboard.type(amount);
    await page.keyboard.press('Enter');
    const asked = await waitFor(
      () => checkoutView(page),
      (v) => v.phase === 'awaiting_code',
      3_000,
    );
    if (!asked.ok) return { phase: asked.value.phase, stt, refused: true };
    await page.keyboard.type('135005875955000000', { delay: 1 });
    await page.keyboard.press('Enter');
    const done = await waitFor(
      () => checkoutView(page),
      (v) => FINAL_PHASES.has(v.phase),
      20_000,
    );
    return { phase: done.value.phase, stt, refused: false };
  } finally {
    page.off('request', onRequest);
  }
}

describe('fleet defaults from the relay', () => {
  it('a new tablet takes them at provisioning, follows an edit, and keeps what was changed on it', async () => {
    const page = await h.newPage();
    await bindDemoDevice(h, page);
    expect(await lang(page)).toBe('en');
    // Maximum 1.00 yuan: 2.00 is refused before any request; 0.50 is taken with the fleet's sub_terminal_type.
    expect((await sale(page, '2.00')).refused).toBe(true);
    expect(await sale(page, '0.50')).toEqual({ phase: 'success', stt: 40123, refused: false });
    await page.locator('[data-nav=settings]').click();
    await expect.poll(() => page.locator('settings-payment input[name=subTerminalType]').inputValue()).toBe('40123');

    // The operator edits the file: the tablet follows without a reload.
    writeFleet({ subTerminalType: 40124, maxAmountFen: 300, language: 'zh-CN', receiptHeader: '欢迎光临 12号店', receiptFooter: '谢谢惠顾' });
    await fleetChanged(page);
    await expect.poll(() => lang(page), { timeout: 10_000 }).toBe('zh-CN');
    await page.locator('[data-nav=checkout]').click();
    expect(await sale(page, '2.00')).toEqual({ phase: 'success', stt: 40124, refused: false });
    // The shop's receipt lines are on the receipt (the virtual printer's preview in sandbox mode).
    const paper = page.locator('receipt-preview [data-receipt-paper]');
    await expect.poll(() => paper.innerText().catch(() => ''), { timeout: 15_000 }).toContain('欢迎光临 12号店');
    expect(await paper.innerText()).toContain('谢谢惠顾');

    // Changed on this tablet: English stays although the fleet says zh-CN.
    await page.locator('[data-nav=settings]').click();
    await page.locator('settings-screen button[lang=en]').click();
    await expect.poll(() => lang(page)).toBe('en');
    writeFleet({ subTerminalType: 40124, maxAmountFen: 300, language: 'zh-CN', voiceVolume: 0.5 });
    await fleetChanged(page);
    await page.waitForTimeout(1_000);
    expect(await lang(page)).toBe('en');

    // After a reload (the fleet kept in IndexedDB, then fetched again) nothing changes.
    await page.reload();
    await page.locator('checkout-screen').waitFor({ timeout: 20_000 });
    expect(await lang(page)).toBe('en');
    expect((await sale(page, '4.00')).refused).toBe(true);
  });

  it('never serves a key: a fleet file naming one is refused and the last good defaults stay', async () => {
    writeFleet({ language: 'en', paymentKey: 'K3Q9D2M7X1C8V5B4N6Z0L2P8R4T6Y1W3' });
    await new Promise((r) => {
      setTimeout(r, 2_200);
    });
    const text = await (await fetch(h.url('/relay/fleet'))).text();
    expect(text).not.toContain('K3Q9D2M7X1C8V5B4N6Z0L2P8R4T6Y1W3');
    expect(JSON.parse(text).defaults).toEqual({ subTerminalType: 40124, maxAmountFen: 300, language: 'zh-CN', voiceVolume: 0.5 });
  });
});
