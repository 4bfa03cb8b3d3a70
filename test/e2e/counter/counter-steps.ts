/**
 * How a cashier touches the counter, for the issue-13 suite: a keyboard-wedge scanner types the
 * code's characters 3–10 ms apart and then Enter; taps are pointer clicks; axe runs under the
 * app's own CSP (evaluated through the DevTools protocol, which script-src does not govern).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** upng-js (CommonJS, untyped): PNG decode, and encode quantised to a 256-colour palette to keep docs/screens small. */
interface Upng {
  decode(b: ArrayBuffer): unknown;
  toRGBA8(img: unknown): ArrayBuffer[];
  encode(frames: ArrayBuffer[], w: number, h: number, colours: number): ArrayBuffer;
}
const UPNG = createRequire(import.meta.url)('upng-js') as Upng;

/** A viewport screenshot written to `path` as a small palette PNG (docs/screens). */
export async function shoot(page: Page, path: string): Promise<void> {
  const png = await page.screenshot();
  const img = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer) as { width: number; height: number };
  writeFileSync(path, Buffer.from(UPNG.encode(UPNG.toRGBA8(img), img.width, img.height, 256)));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A keyboard-wedge scan into whatever has the focus: characters 3–10 ms apart, then Enter. */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.waitForTimeout(200); // the cashier picks up the scanner
  // Each key carries its own event time, 3–10 ms after the previous one (Input.dispatchKeyEvent's
  // timestamp): the page sees a scanner's rhythm even when this machine is too loaded to keep it.
  const cdp = await page.context().newCDPSession(page);
  let at = Date.now() / 1000;
  const key = async (k: string, text?: string) => {
    const code = text ? (/\d/.test(k) ? `Digit${k}` : `Key${k.toUpperCase()}`) : k;
    const vk = text ? k.toUpperCase().charCodeAt(0) : 13;
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      key: k,
      code,
      text: text ?? (k === 'Enter' ? '\r' : undefined),
      windowsVirtualKeyCode: vk,
      timestamp: at,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k, code, windowsVirtualKeyCode: vk, timestamp: at + 0.001 });
  };
  const sent: Promise<void>[] = [];
  for (const ch of code) {
    sent.push(key(ch, ch));
    at += (3 + Math.floor(Math.random() * 8)) / 1000;
  }
  sent.push(key('Enter'));
  await Promise.all(sent);
  await cdp.detach();
}

/**
 * After a code was scanned on the checkout: waits until the sale is paid (tone ok), then for its
 * receipt preview; returns the paid order's number.
 */
export async function waitPaidWithReceipt(page: Page): Promise<string> {
  await expect
    .poll(
      () =>
        page
          .locator('pay-status [data-tone]')
          .getAttribute('data-tone')
          .catch(() => ''),
      { timeout: 30_000 },
    )
    .toBe('ok');
  const paid = (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
  await page.locator('receipt-preview [data-receipt-paper]').waitFor({ timeout: 10_000 });
  return paid;
}

/** A person typing on the keyboard (about 80 ms per key: never mistaken for a scanner's burst). */
export async function humanType(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 80 });
}

/** A pointer tap (mouse down/up at the element's centre). */
export async function tap(locator: Locator): Promise<void> {
  await locator.click();
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core over the whole document (open shadow roots included): serious and critical violations. */
export async function seriousViolations(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(axeSource);
  const violations = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** The page's visible text, shadow roots included (what a cashier reads). */
export async function visibleText(p: Page): Promise<string> {
  return p.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Node): void => {
      for (const n of Array.from(root.childNodes)) {
        if (n.nodeType === Node.TEXT_NODE) {
          const parent = n.parentElement;
          const t = n.textContent?.trim();
          if (t && parent && parent.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && !parent.closest('script,style,template,noscript'))
            out.push(t);
        } else if (n instanceof Element) {
          if (n.shadowRoot) walk(n.shadowRoot);
          walk(n); // light children: slotted content is checked for visibility where it renders
        }
      }
    };
    walk(document.body);
    return out.join('\n');
  });
}
