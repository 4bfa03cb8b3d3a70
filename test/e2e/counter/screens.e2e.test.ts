/**
 * Every screen at the three sizes a counter uses (1280×800 tablet/PC, 1024×768, 390×844 phone),
 * walked as a cashier: first run, binding, checkout (idle, code awaited, paid with its receipt,
 * scan-code QR), refund with its confirmation, deposits, history, summary, settings and the
 * customer display. On each: no horizontal scroll; on the checkout the keypad labels on one line,
 * the primary actions and the receipt preview on screen without scrolling; order numbers inside
 * their cards; axe-core with 0 serious/critical violations (run under the app's own CSP); and no
 * jargon or stray English in the zh-CN screens. With SCREENSHOTS_DIR set (npm run screenshots),
 * each screen is also written there as a PNG.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness.js';
import { humanType, seriousViolations, shoot, tap, visibleText, waitPaidWithReceipt, wedgeScan } from './counter-steps.js';
import { provisionManager } from '../app-steps.js';

const VIEWPORTS = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1024x768', width: 1024, height: 768 },
  { name: '390x844', width: 390, height: 844 },
] as const;
const SHOTS = process.env.SCREENSHOTS_DIR;

/** ASCII words a zh-CN cashier may see: brand names, key names and units. */
const ALLOWED_ASCII = new Set(['WeChat', 'Pay', 'Alipay', 'Enter', 'QR', 'PIN', 'CNY', 'USB', 'HID', 'IC', 'English', 'Esc']);
const JARGON = ['中转', '域名', '待上报', '占位', 'sub_terminal_type', 'spbill_create_ip', 'code refused', 'bad_length', 'offline:'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
}, 90_000);
afterAll(async () => {
  await h?.close();
});

interface Problems {
  layout: string[];
  axe: string[];
  words: string[];
}

/** The checks every screen gets; `name` labels findings and the screenshot. */
async function check(page: Page, vp: (typeof VIEWPORTS)[number], name: string, p: Problems, opts: { axe?: boolean } = {}): Promise<void> {
  await page.waitForTimeout(150); // let lit settle
  const m = await page.evaluate(() => {
    // The deepest elements sticking out on the right, to say what widens the page.
    const wide: [number, string][] = [];
    const walk = (root: Document | ShadowRoot): void =>
      root.querySelectorAll('*').forEach((el) => {
        if (el.shadowRoot) walk(el.shadowRoot);
        const r = el.getBoundingClientRect();
        if (r.right > innerWidth + 1 && r.width > 0)
          wide.push([r.width, `${el.tagName.toLowerCase()}.${String(el.className)}@${Math.round(r.left)}-${Math.round(r.right)}`]);
        for (const n of Array.from(el.childNodes)) {
          if (n.nodeType !== Node.TEXT_NODE || !n.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          const t = range.getBoundingClientRect();
          if (t.right > innerWidth + 1)
            wide.push([t.width, `text "${n.textContent.trim().slice(0, 20)}" in ${el.tagName.toLowerCase()}@${Math.round(t.right)}`]);
        }
      });
    walk(document);
    const out = wide
      .sort((a, b) => a[0] - b[0])
      .slice(0, 4)
      .map((x) => x[1]);
    return { sw: document.documentElement.scrollWidth, w: innerWidth, out };
  });
  if (m.sw > m.w) p.layout.push(`${name}: page ${m.sw} px wide in a ${m.w} px window (${m.out.join(', ')})`);
  if (opts.axe !== false) p.axe.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
  const text = await visibleText(page);
  for (const j of JARGON) if (text.includes(j)) p.words.push(`${name}: jargon "${j}"`);
  // Data is not language: serial numbers and example identifiers (runs of capitals, digits and _) and
  // build commits (hex with a digit) are skipped; "Wi-Fi" is the word Chinese shop screens use too.
  const data = text
    .replace(/[A-Z0-9_]{8,}/g, ' ')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b/g, ' ')
    .replace(/Wi-Fi/g, ' ');
  for (const w of data.match(/[A-Za-z][A-Za-z_]+/g) ?? []) if (!ALLOWED_ASCII.has(w)) p.words.push(`${name}: English "${w}"`);
  if (SHOTS) await shoot(page, join(SHOTS, `${name}-${vp.name}.png`));
}

/** How many lines a button's label takes. */
const labelLines = (page: Page, sel: string) =>
  page.locator(sel).evaluate((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
  });

async function inside(page: Page, inner: string, outer: string, name: string, p: Problems): Promise<void> {
  const a = await page.locator(inner).boundingBox();
  const b = await page.locator(outer).boundingBox();
  if (!a || !b) {
    p.layout.push(`${name}: ${inner} or ${outer} not shown`);
    return;
  }
  if (a.x < b.x - 1 || a.x + a.width > b.x + b.width + 1)
    p.layout.push(`${name}: ${inner} (${Math.round(a.x)}–${Math.round(a.x + a.width)}) overflows ${outer} (${Math.round(b.x)}–${Math.round(b.x + b.width)})`);
}

async function aboveFold(page: Page, sel: string, name: string, p: Problems): Promise<void> {
  const box = await page.locator(sel).boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  if (!box || box.y + box.height > height)
    p.layout.push(`${name}: ${sel} not on screen without scrolling (bottom ${box ? Math.round(box.y + box.height) : '—'} > ${height})`);
}

describe.each(VIEWPORTS)('every screen at $name', (vp) => {
  it('holds its layout, has no serious axe violations and speaks shop Chinese', async () => {
    const p: Problems = { layout: [], axe: [], words: [] };
    const desktop = vp.width >= 1024;
    const page = await h.newPage({ viewport: { width: vp.width, height: vp.height } });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));

    await page.goto(h.url('/'));
    await page.locator('staff-gate [data-staff-first]').waitFor({ timeout: 30_000 });
    await check(page, vp, 'staff-first', p);
    await provisionManager(page); // a PIN is required from first start: the first manager, signed in
    await page.locator('provision-form #sn').waitFor({ timeout: 30_000 });
    await check(page, vp, 'setup', p);

    await tap(page.locator('[data-testid=demo]'));
    const qr = page.locator('qr-code [data-payload*="?ac="]');
    await qr.waitFor({ timeout: 30_000 });
    expect(await page.locator('button[data-nav=checkout]').count()).toBe(0); // unbound: no way to take money
    await check(page, vp, 'bind', p);
    await h.sandbox('/sandbox/bind/confirm', { qr_url: await qr.getAttribute('data-payload') });
    await page.locator('[data-testid=bind-done]').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    const bound = await visibleText(page);
    expect(bound).toContain('绑定成功');
    expect(bound).not.toContain('扫描下方二维码'); // the instruction is over
    expect(await page.locator('legacy-config-form').count()).toBe(0);
    await check(page, vp, 'bind-done', p);
    await tap(page.locator('[data-testid=bind-done]'));
    await page.locator('checkout-screen').waitFor();

    // Checkout, idle: keypad labels on one line, primary actions on screen.
    await check(page, vp, 'checkout', p);
    for (const k of ['backspace', 'enter', 'clear']) {
      const lines = await labelLines(page, `pay-keypad button[data-key=${k}]`);
      if (lines !== 1) p.layout.push(`checkout: keypad ${k} label on ${lines} lines`);
    }
    if (desktop) for (const sel of ['[data-scan-code=alipay]', '[data-customer-display]']) await aboveFold(page, sel, 'checkout', p);

    await tap(page.locator('checkout-screen h1'));
    await humanType(page, '12.34');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('checkout-screen [data-phase]').getAttribute('data-phase')).toBe('awaiting_code');
    await check(page, vp, 'checkout-code', p);
    await wedgeScan(page, '135005875955000000');
    const paid = await waitPaidWithReceipt(page);
    await check(page, vp, 'checkout-paid', p);
    if (desktop) await aboveFold(page, 'pay-status [data-headline]', 'checkout-paid', p);
    const receipt = await page.locator('receipt-preview').boundingBox();
    if (!receipt || receipt.y > vp.height - 120) p.layout.push(`checkout-paid: receipt preview below the fold (top ${receipt ? Math.round(receipt.y) : '—'})`);
    await tap(page.locator('receipt-preview button', { hasText: '关闭' }));

    await page.keyboard.press('Escape');
    await humanType(page, '0.05');
    await tap(page.locator('[data-scan-code=alipay]'));
    await page.locator('pay-status qr-code [data-payload]').waitFor({ timeout: 15_000 });
    await check(page, vp, 'checkout-qr', p);
    await tap(page.locator('pay-status [data-action=cancel]'));
    await expect.poll(() => page.locator('checkout-screen [data-phase]').getAttribute('data-phase'), { timeout: 15_000 }).toBe('cancelled');

    // Cash: amount, 现金收款, what was handed over (the change shown), Enter: recorded with its change.
    await tap(page.locator('checkout-screen h1'));
    await humanType(page, '30');
    await tap(page.locator('checkout-screen [data-bookkeeping=cash]'));
    await page.locator('tender-panel [data-tender=cash]').waitFor();
    await humanType(page, '50');
    await check(page, vp, 'checkout-cash', p);
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page
          .locator('pay-status [data-detail]')
          .innerText()
          .catch(() => ''),
      )
      .toBe('实收 ¥50.00，找零 ¥20.00');
    await check(page, vp, 'checkout-cash-paid', p);
    await page.keyboard.press('Escape');

    const [display] = await Promise.all([page.context().waitForEvent('page'), tap(page.locator('[data-customer-display]'))]);
    await display.setViewportSize({ width: vp.width, height: vp.height });
    await display.locator('[data-welcome]').waitFor();
    await check(display, vp, 'customer-display', p);

    await tap(page.locator('[data-nav=refund]'));
    await page.locator('refund-screen [data-refund-lookup]').fill(paid);
    await page.locator('refund-screen [data-refund-lookup]').press('Enter');
    await page.locator('refund-order-card [data-otn]', { hasText: paid }).waitFor({ timeout: 20_000 });
    await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
    await page.locator('refund-form [data-refund-amount]').press('Enter');
    await page.locator('refund-screen [data-refund-confirmation]').waitFor();
    await inside(page, 'refund-order-card [data-otn]', 'refund-order-card section', 'refund', p);
    await inside(page, 'refund-screen [data-confirm-order]', 'refund-screen [data-refund-confirmation]', 'refund', p);
    await check(page, vp, 'refund', p);
    await tap(page.locator('refund-screen [data-refund-back]'));

    await tap(page.locator('[data-nav=deposit]'));
    await page.locator('deposit-screen').waitFor();
    await humanType(page, '50');
    await page.keyboard.press('Enter');
    await wedgeScan(page, '135005875955000000');
    await expect
      .poll(
        () =>
          page
            .locator('deposit-screen [data-take-status]')
            .getAttribute('data-take-status')
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toBe('frozen');
    const no = (await page.locator('deposit-open-list [data-open-deposit]').first().getAttribute('data-open-deposit')) ?? '';
    await page.locator('[data-settle-lookup]').fill(no);
    await page.locator('[data-settle-lookup]').press('Enter');
    await page.locator('deposit-card [data-deposit-no]').waitFor({ timeout: 20_000 });
    await inside(page, 'deposit-card [data-deposit-no]', 'deposit-card section', 'deposit', p);
    await check(page, vp, 'deposit', p);
    await tap(page.locator('receipt-preview button', { hasText: '关闭' }));

    for (const screen of ['history', 'summary', 'settings'] as const) {
      await tap(page.locator(`[data-nav=${screen}]`));
      await page.locator(`${screen}-screen`).waitFor();
      await page.waitForTimeout(800); // lists load
      await check(page, vp, screen, p);
    }
    // Staff: a cashier added; signed out (the sign-in screen); the cashier signs in and asks for the
    // settings: a manager authorises in place.
    const staff = page.locator('staff-settings');
    await staff.locator('[data-new-code]').fill('C07');
    await staff.locator('[data-new-name]').fill('赵收银');
    await staff.locator('[data-new-pin]').fill('9753');
    await staff.locator('[data-new-pin-again]').fill('9753');
    await tap(staff.locator('[data-staff-save]'));
    await staff.locator('[data-staff-row=C07]').waitFor();
    await tap(page.locator('cpay-app [data-sign-out]'));
    await page.locator('staff-gate staff-pin-entry [data-staff-code]').waitFor();
    await check(page, vp, 'staff-sign-in', p);
    await page.keyboard.type('C07');
    await page.keyboard.press('Enter');
    await page.keyboard.type('9753');
    await page.keyboard.press('Enter');
    await page.locator('[data-staff-who="C07"]').waitFor({ timeout: 20_000 });
    // the shift: opened with a float, the figures with the cash sale, then the count by denomination
    await tap(page.locator('[data-nav=summary]'));
    await page.locator('shift-panel [data-float-input]').fill('200');
    await page.locator('shift-panel [data-float-input]').press('Enter');
    await page.locator('shift-panel [data-shift-state=open]').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await check(page, vp, 'summary-shift', p);
    await tap(page.locator('shift-panel [data-shift-close]'));
    await page.locator('shift-panel input[data-denomination="10000"]').waitFor();
    await humanType(page, '2');
    await check(page, vp, 'shift-count', p);
    await tap(page.locator('[data-nav=checkout]'));
    await page.locator('checkout-screen').waitFor();
    await tap(page.locator('checkout-screen [data-drawer-open]'));
    await page.locator('checkout-screen drawer-panel staff-authorize').waitFor();
    await check(page, vp, 'drawer-authorize', p);
    await page.keyboard.press('Escape');
    await tap(page.locator('[data-nav=settings]'));
    const auth = page.locator('staff-authorize');
    await auth.locator('[data-staff-code]').waitFor();
    await check(page, vp, 'staff-authorize', p);
    await auth.locator('[data-staff-code]').fill('M01');
    await auth.locator('[data-staff-pin]').fill('2468');
    await auth.locator('[data-staff-pin]').press('Enter');
    await page.locator('settings-screen button[lang=en]').waitFor({ timeout: 20_000 });
    // English labels fit their buttons too.
    await tap(page.locator('settings-screen button[lang=en]'));
    await tap(page.locator('[data-nav=checkout]'));
    await page.locator('checkout-screen').waitFor();
    // the English catalog is a chunk of its own: over 1 s under load (setup-language.e2e waits 10 s too)
    await expect.poll(() => page.locator('pay-keypad button[data-key=backspace]').innerText(), { timeout: 10_000 }).toBe('Delete');
    for (const sel of [
      'pay-keypad button[data-key=backspace]',
      'pay-keypad button[data-key=enter]',
      'pay-keypad button[data-key=clear]',
      '[data-scan-code=alipay]',
      '[data-customer-display]',
      'button[data-nav=settings]',
    ]) {
      const fit = await page
        .locator(sel)
        .first()
        .evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      if (fit.sw > fit.cw + 1) p.layout.push(`checkout (en): ${sel} label ${fit.sw} px in a ${fit.cw} px button`);
      if ((await labelLines(page, sel)) !== 1 && sel.includes('keypad')) p.layout.push(`checkout (en): ${sel} label on more than one line`);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > vp.width) p.layout.push(`checkout (en): page ${wide} px wide`);
    await page.context().close();
    expect(p).toEqual({ layout: [], axe: [], words: [] });
  }, 240_000);
});
