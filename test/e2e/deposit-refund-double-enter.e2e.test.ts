/**
 * The refund of a deposit consumption with a cashier's double Enter (issue 15, fault-matrix run
 * #182: a confirmed refund reached no refund at cpay). A consumption's refund must carry the
 * deposit's number (003 L3915), which the refund screen reads with query_order just before
 * sending. When that read gets no answer (under load the fault rig's relay timed it out), the refund
 * used to go out without the number and cpay refused it (104 押金模式退款单必填). Now nothing is sent
 * and the screen says the lookup failed; confirmed again with cpay answering, exactly one refund
 * reaches cpay, carrying the deposit. Every step is checked against /sandbox/ truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { startBoundTill, PLAYWRIGHT_VIEWPORT } from './app-steps.js';
import type { Harness } from './harness.js';
import { attr, takeThenSettle } from './deposit-steps.js';

interface TruthOrder {
  out_trade_no: string;
  out_freeze_no?: string;
  paid: boolean;
  refunds: { out_refund_no: string; refund_fee: number; state: string }[];
}

let h: Harness;
let page: Page;
const WECHAT = '13500587595500';

beforeAll(async () => {
  ({ h, page } = await startBoundTill({ viewport: PLAYWRIGHT_VIEWPORT }));
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const order = (otn: string) => h.sandbox<TruthOrder>(`/sandbox/orders/${otn}`);

/** A 1.00 deposit frozen and 0.30 of it consumed on the desk; returns the consumption order. */
const consumption = () => takeThenSettle(h, page, { amount: '1.00', code: `${WECHAT}0000`, used: '0.30' });

/** Amount, Enter, then Enter again: the second Enter lands on 确认退款 (focused by the first) and confirms. */
async function doubleEnterRefund(): Promise<void> {
  const field = page.locator('refund-form [data-refund-amount]');
  await field.fill('0.01');
  await field.press('Enter');
  await page.locator('refund-screen [data-refund-confirm]').waitFor();
  await expect
    .poll(() =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.hasAttribute('data-refund-confirm') ?? false;
      }),
    )
    .toBe(true);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // the cashier's double Enter
}

describe('deposit refund with a double Enter (issue 15 run #182)', () => {
  it('no answer for the deposit number: nothing is sent and the screen says so; again with cpay answering: one refund, with out_freeze_no', async () => {
    const { otn, ofn } = await consumption();
    expect(await order(otn)).toMatchObject({ paid: true, out_freeze_no: ofn, refunds: [] });

    await page.locator('[data-nav=refund]').click();
    await page.locator('refund-screen [data-refund-lookup]').fill(otn);
    await page.locator('refund-screen [data-refund-lookup]').press('Enter');
    await page.locator('refund-order-card [data-otn]', { hasText: otn }).waitFor({ timeout: 20_000 });
    await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)

    // query_order gets no answer while the refund re-reads the order before sending.
    let held = 0;
    const noAnswer = (route: Route) => {
      held += 1;
      return route.abort('timedout');
    };
    await page.route('**/cpay/query_order', noAnswer);
    const refundsSent: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.endsWith('/cpay/refund')) refundsSent.push(r.postData() ?? '');
    });
    await doubleEnterRefund();
    await expect.poll(() => attr(page, 'refund-screen [data-lookup-error]', 'data-lookup-error'), { timeout: 30_000 }).toBe('unreachable');
    expect(held).toBeGreaterThan(0);
    expect(refundsSent).toEqual([]); // nothing left for cpay to refuse
    expect(await attr(page, 'refund-screen [data-refund-status]', 'data-refund-status')).toBe('');
    expect((await order(otn)).refunds).toEqual([]);
    await page.unroute('**/cpay/query_order', noAnswer);

    // The cashier confirms again (double Enter again): exactly one refund, carrying the deposit.
    await doubleEnterRefund();
    await expect.poll(() => attr(page, 'refund-screen [data-refund-status]', 'data-refund-status'), { timeout: 30_000 }).toMatch(/^(refunded|accepted)$/);
    await page.waitForTimeout(500); // a second refund would be on its way now
    expect(refundsSent).toHaveLength(1);
    expect(refundsSent[0]).toContain(ofn);
    const after = await order(otn);
    expect(after.refunds).toHaveLength(1);
    expect(after.refunds[0]).toMatchObject({ refund_fee: 1 });
    expect(after.refunds[0]?.state).not.toBe('failed');
  }, 150_000);
});
