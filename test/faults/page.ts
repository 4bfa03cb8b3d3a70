/**
 * Page helpers of the fault matrix, the same selectors the e2e tests use (test/e2e/pay-*,
 * refund-*, report-*): checkout phase and tone, the order number on screen, the refund status.
 */
import type { Page } from 'playwright-core';
import { attr } from '../e2e/deposit-steps.js';

/** What the checkout shows right now. */
export interface CheckoutView {
  readonly phase: string;
  readonly tone: string;
  readonly orderNo: string;
  readonly notice: string;
}

/**
 * Reads phase, tone, order number and notice of the checkout screen in ONE evaluation (one task of
 * the page, after lit's pending updates): the four values belong to the same rendered frame. Four
 * separate reads could mix frames, or one of them could time out under load and read '' while
 * another read 'success' ("success shown for unpaid order (none)", issue 15 run #141). A page
 * between documents (a reload) reads as all ''.
 */
export async function checkoutView(page: Page): Promise<CheckoutView> {
  const empty: CheckoutView = { phase: '', tone: '', orderNo: '', notice: '' };
  return page
    .evaluate(() => {
      const find = (root: ParentNode, sel: string): Element | null => {
        const hit = root.querySelector(sel);
        if (hit) return hit;
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const inner = el.shadowRoot ? find(el.shadowRoot, sel) : null;
          if (inner) return inner;
        }
        return null;
      };
      const root = find(document, 'checkout-screen')?.shadowRoot ?? null;
      if (!root) return { phase: '', tone: '', orderNo: '', notice: '' };
      const status = find(root, 'pay-status');
      const inStatus = (sel: string, name: string): string => {
        const el = status ? find(status.shadowRoot ?? status, sel) : null;
        return el?.getAttribute(name) ?? '';
      };
      const notice = find(root, '[data-notice]');
      return {
        phase: find(root, '[data-phase]')?.getAttribute('data-phase') ?? '',
        tone: inStatus('[data-tone]', 'data-tone'),
        orderNo: inStatus('[data-order-no]', 'data-order-no'),
        notice: notice instanceof HTMLElement ? notice.innerText : '',
      };
    })
    .catch(() => empty);
}

/** Phases after which the sale is over on screen. */
export const FINAL_PHASES: ReadonlySet<string> = new Set(['success', 'failed', 'cancelled']);

/** Polls `read` until `done` holds or `timeoutMs` passes; returns the last value. */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number, stepMs = 150): Promise<{ value: T; ok: boolean }> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > end) return { value, ok: false };
    await new Promise((r) => {
      setTimeout(r, stepMs);
    });
    value = await read();
  }
  return { value, ok: true };
}

/** Goes to the checkout screen and leaves it ready for a new amount (an open unknown is put aside). */
export async function toCheckout(page: Page): Promise<void> {
  if (
    !(await page
      .locator('checkout-screen')
      .isVisible()
      .catch(() => false))
  ) {
    await page.locator('[data-nav=checkout]').click();
    await page.locator('checkout-screen').waitFor({ timeout: 10_000 });
  }
  await page.locator('checkout-screen h1').click();
  const { phase } = await checkoutView(page);
  if (!['idle', 'amount', 'success', 'failed', 'cancelled'].includes(phase)) await page.keyboard.press('Escape');
  if (phase === 'amount') for (let i = 0; i < 8; i += 1) await page.keyboard.press('Backspace');
}

/** The refund screen's status kind ('' while none). */
export const refundStatus = (page: Page): Promise<string> => attr(page, 'refund-screen [data-refund-status]', 'data-refund-status', 500);

/** The receipt's order number scanned into the refund screen (a wedge: fast typing + Enter). */
export async function scanOrderNo(page: Page, otn: string): Promise<void> {
  const field = page.locator('refund-screen [data-refund-lookup]');
  await field.fill('');
  await field.focus();
  await page.keyboard.type(otn, { delay: 2 });
  await page.keyboard.press('Enter');
}

/** The outbox's pending count in the status bar. */
export const pendingReports = async (page: Page): Promise<number> =>
  Number(
    await page
      .locator('status-bar [data-testid=pending]')
      .innerText({ timeout: 500 })
      .catch(() => '-1'),
  );

/** One change of the checkout as an in-page watcher saw it. */
export interface TrailEntry {
  readonly phase: string;
  readonly tone: string;
  readonly orderNo: string;
}

/**
 * Starts (or restarts) an in-page watcher that records every change of the checkout's phase, tone
 * and order number, every 10 ms and once more as the page goes away, through the shadow roots. A
 * sale that ends between two of the test's own reads (an instant answer, then the extra Enter of
 * a double-Enter fault starts the next sale) is still judged by what it showed. The trail is kept
 * in the tab's sessionStorage, so it survives a reload: what the page showed up to the reload is
 * read after it (reading first and reloading next missed a result shown in between).
 */
export async function startTrail(page: Page): Promise<void> {
  await page.evaluate(() => {
    type W = typeof window & { __faultTrailTimer?: number; __faultTrailLook?: () => void };
    const w = window as W;
    if (w.__faultTrailTimer !== undefined) clearInterval(w.__faultTrailTimer);
    if (w.__faultTrailLook) window.removeEventListener('pagehide', w.__faultTrailLook);
    const find = (root: ParentNode, sel: string): Element | null => {
      const hit = root.querySelector(sel);
      if (hit) return hit;
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const inner = el.shadowRoot ? find(el.shadowRoot, sel) : null;
        if (inner) return inner;
      }
      return null;
    };
    const trail: { phase: string; tone: string; orderNo: string }[] = [];
    sessionStorage.setItem('__faultTrail', '[]');
    const look = (): void => {
      const screen = find(document, 'checkout-screen');
      const root = screen?.shadowRoot ?? null;
      const phase = root ? (find(root, '[data-phase]')?.getAttribute('data-phase') ?? '') : '';
      const tone = root ? (find(root, 'pay-status [data-tone], [data-tone]')?.getAttribute('data-tone') ?? '') : '';
      const orderNo = root ? (find(root, '[data-order-no]')?.getAttribute('data-order-no') ?? '') : '';
      const last = trail[trail.length - 1];
      if (!last || last.phase !== phase || last.tone !== tone || last.orderNo !== orderNo) {
        trail.push({ phase, tone, orderNo });
        sessionStorage.setItem('__faultTrail', JSON.stringify(trail));
      }
    };
    w.__faultTrailLook = look;
    window.addEventListener('pagehide', look);
    w.__faultTrailTimer = window.setInterval(look, 10);
  });
}

/** What the watcher of {@link startTrail} recorded so far (after a reload: up to the reload). */
export const readTrail = (page: Page): Promise<TrailEntry[]> => page.evaluate(() => JSON.parse(sessionStorage.getItem('__faultTrail') ?? '[]') as TrailEntry[]);

/** The first final result the trail shows (the sale's outcome), if any. */
export function firstFinal(trail: readonly TrailEntry[]): TrailEntry | undefined {
  return trail.find((e) => FINAL_PHASES.has(e.phase));
}
