/**
 * A cashier's hands for the counter e2e suite (issue 13): pointer taps on the on-screen keypad,
 * the keyboard, and a keyboard-wedge scanner (characters 3–10 ms apart, then Enter); plus the
 * checkout's visible state and the simulator's truth.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Harness } from '../harness.js';
import { wedgeScan as timedWedgeScan } from './counter-steps.js';

export interface SandboxOrder {
  out_trade_no: string;
  platform: string;
  total_fee: number;
  paid: boolean;
  state: string;
}

export const WECHAT = '13500587595500'; // + 4-digit scenario suffix (GET /sandbox/scenarios)
export const ALIPAY = '28123456789012';

/** The checkout as the cashier sees it. */
export function checkout(page: Page) {
  const status = (sel: string) => page.locator(`checkout-screen pay-status ${sel}`);
  return {
    phase: () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase'),
    tone: () =>
      status('[data-tone]')
        .getAttribute('data-tone', { timeout: 1_000 })
        .catch(() => ''),
    headline: () =>
      status('[data-headline]')
        .innerText({ timeout: 1_000 })
        .catch(() => ''),
    detail: () =>
      status('[data-detail]')
        .innerText({ timeout: 1_000 })
        .catch(() => ''),
    orderNo: async () =>
      (await status('[data-order-no]')
        .getAttribute('data-order-no', { timeout: 1_000 })
        .catch(() => null)) ?? '',
    /** The big amount on the left (typed, or the confirmed sale's). */
    amount: () => page.locator('checkout-screen pay-amount [data-amount]').getAttribute('data-amount'),
    /** The amount in the status panel ('' when none). */
    statusAmount: async () =>
      (await status('[data-status-amount]')
        .getAttribute('data-status-amount', { timeout: 1_000 })
        .catch(() => null)) ?? '',
    amountError: () =>
      page
        .locator('checkout-screen pay-amount [data-error]')
        .innerText({ timeout: 1_000 })
        .catch(() => ''),
    action: (a: string) => status(`[data-action=${a}]`),
  };
}

/** Taps keys of the on-screen keypad with the pointer. */
export async function tap(page: Page, ...keys: string[]): Promise<void> {
  for (const k of keys) await page.locator(`checkout-screen pay-keypad button[data-key="${k}"]`).click();
}

/**
 * A keyboard-wedge scan: the code's characters 3–10 ms apart, then Enter. The scanner sets the
 * rhythm, not this process: each key carries its own event time (counter-steps.ts). Pressing the
 * keys one by one from here (page.keyboard.press + a 3–10 ms sleep) spaced them 20–190 ms apart
 * on this loaded 2-core machine, measured in the page (the page itself handled each key within
 * 1–3 ms): that was no scanner, and the checkout rightly took it for a person typing.
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await timedWedgeScan(page, code);
}

/** Every order the simulator holds, by number. */
export async function orders(h: Harness): Promise<Map<string, SandboxOrder>> {
  return new Map((await h.sandbox<SandboxOrder[]>('/sandbox/orders')).map((o) => [o.out_trade_no, o]));
}

/** Orders that appeared since `before`. */
export async function newOrders(h: Harness, before: Map<string, SandboxOrder>): Promise<SandboxOrder[]> {
  return [...(await orders(h)).values()].filter((o) => !before.has(o.out_trade_no));
}

/** Waits until the checkout shows a final result (ok / bad / warn). */
export async function waitResult(page: Page, timeout = 30_000): Promise<string> {
  const c = checkout(page);
  await expect.poll(c.tone, { timeout }).toMatch(/^(ok|bad|warn)$/);
  return (await c.tone()) ?? '';
}

/** The deepest focused element's tag name, through shadow roots. */
export function focusedTag(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.tagName ?? '';
  });
}
