/**
 * Pay and scan-code pay runs: the cashier's keystrokes with the run's faults injected before the
 * request, during polling, or as extra input (double Enter, the code scanned twice); then the
 * network returns, the simulator clock moves past the scenario, and the screen must settle to the
 * server's truth. Each run first establishes that a sale really ran (amount confirmed, code taken):
 * a run that never got there is reported as vacuous, never as passed.
 */
import { BEFORE, injectBefore, injectDuring, type Fired, type Undo } from './inject.js';
import { checkoutView, FINAL_PHASES, firstFinal, readTrail, startTrail, toCheckout, waitFor, type CheckoutView } from './page.js';
import type { Rng, RunSpec } from './plan.js';
import type { Rig } from './rig.js';
import { BLOCKING, newOrders, ordersByNo, saleViolations, type SaleStart } from './truth.js';

/** Customer-code prefixes (the suffix picks the scenario). */
export const CODE_PREFIX = { wechat: '13500587595500', alipay: '28123456789012' } as const;

const amountOf = (spec: RunSpec): string => `0.0${1 + (spec.n % 9)}`;

async function injectAll(rig: Rig, spec: RunSpec, endpoint: string, rng: Rng, fired: Fired): Promise<Undo[]> {
  const undos: Undo[] = [];
  for (const f of spec.faults) if (BEFORE.has(f)) undos.push(await injectBefore(rig, f, endpoint, rng, fired));
  return undos;
}

/** Whether the checkout still shows a sale in progress (a fault acting now acts on the sale). */
export const saleOpen = async (rig: Rig): Promise<boolean> => {
  const { phase } = await checkoutView(rig.page);
  return phase !== '' && !FINAL_PHASES.has(phase) && phase !== 'idle' && phase !== 'amount';
};

async function settle(rig: Rig, reloaded: boolean, otnHint: () => Promise<string>): Promise<{ view: CheckoutView; final: boolean }> {
  await rig.sandbox('/sandbox/time', { advance_ms: 12_000 });
  const otn = reloaded ? await otnHint() : '';
  // After a reload the journal's recovery reports the order in the notice (pay-resilience e2e).
  const done = (v: CheckoutView): boolean => FINAL_PHASES.has(v.phase) || (otn !== '' && v.notice.includes(otn));
  let r = await waitFor(() => checkoutView(rig.page), done, 4_000);
  // An order cpay never received cannot settle (truth.ts NEVER_REACHED): no point waiting longer.
  if (!r.ok && (await otnHint()) !== '') r = await waitFor(() => checkoutView(rig.page), done, 22_000);
  if (r.ok && !FINAL_PHASES.has(r.value.phase)) {
    const paidShown = r.value.notice.includes('收款成功');
    return { view: { ...r.value, phase: paidShown ? 'success' : 'failed', orderNo: otn }, final: true };
  }
  return { view: r.value, final: r.ok };
}

/** One micropay run; returns its violations. */
export async function payRun(rig: Rig, spec: RunSpec, rng: Rng, fired: Fired): Promise<string[]> {
  const { page } = rig;
  const before = await ordersByNo(rig);
  await toCheckout(page);
  const undos = await injectAll(rig, spec, 'brief_micro_pay', rng, fired);
  const code = `${CODE_PREFIX[spec.platform]}${spec.scenario}`;
  const twice = spec.faults.includes('double_enter');
  const dupScan = spec.faults.includes('duplicate_scan');
  await page.keyboard.type(amountOf(spec));
  await page.keyboard.press('Enter');
  if (twice) await page.keyboard.press('Enter');
  const asked = await waitFor(
    () => checkoutView(page),
    (v) => v.phase === 'awaiting_code',
    5_000,
  );
  await startTrail(page);
  await page.keyboard.type(code, { delay: 1 });
  await page.keyboard.press('Enter');
  // A second Enter, or the scanner reading the code twice, at once (the race is the fault).
  if (twice) {
    await page.keyboard.press('Enter');
    fired.add('double_enter');
  }
  if (dupScan) {
    await page.keyboard.type(code, { delay: 1 });
    await page.keyboard.press('Enter');
    fired.add('duplicate_scan');
  }
  // The code was taken when the checkout left the code prompt (to paying, or at once to a result).
  const left = await waitFor(
    async () => readTrail(page),
    (t) => t.some((e) => e.phase !== '' && e.phase !== 'awaiting_code'),
    5_000,
    50,
  );
  const start: SaleStart = { amountConfirmed: asked.ok, codeEntered: left.ok, mayBlock: spec.faults.some((f) => BLOCKING.has(f)) };
  await waitFor(
    () => checkoutView(page),
    (v) => v.orderNo.length > 0 || FINAL_PHASES.has(v.phase),
    4_000,
  );
  // If the sale already ended at once (instant success or decline), the extra input started the
  // next sale: a code read lands in the amount and is refused as over the maximum. The sale is
  // judged by the first result the in-page trail recorded, with every check of a normal run.
  const shownFinal = twice || dupScan ? firstFinal(await readTrail(page)) : undefined;
  if (shownFinal) {
    await page.keyboard.press('Escape');
    for (const u of undos) await u();
    await rig.sandbox('/sandbox/time', { advance_ms: 12_000 });
    const fresh = newOrders(before, await ordersByNo(rig));
    return saleViolations(start, { final: true, phase: shownFinal.phase, orderNo: shownFinal.orderNo }, fresh);
  }
  let reloaded = false;
  let shownBeforeReload: CheckoutView | undefined;
  for (const f of spec.faults) {
    if (f === 'reload') {
      // Over before the reload (the in-page trail saw a result, up to the moment the page went
      // away; read after the reload, so a result shown in between counts): nothing left to
      // resume, the sale is judged by that result.
      await rig.reload();
      await page.locator('checkout-screen').waitFor({ timeout: 20_000 });
      const ended = firstFinal(await readTrail(page));
      if (ended) shownBeforeReload = { ...ended, notice: '' };
      else fired.add('reload');
      reloaded = true;
    } else await injectDuring(rig, f, 'brief_query_order', fired, () => saleOpen(rig));
  }
  for (const u of undos) await u();
  const hint = async () => newOrders(before, await ordersByNo(rig))[0]?.out_trade_no ?? '';
  const { view, final } = shownBeforeReload ? { view: shownBeforeReload, final: true } : await settle(rig, reloaded, hint);
  const fresh = newOrders(before, await ordersByNo(rig));
  return saleViolations(start, { final, phase: view.phase, orderNo: view.orderNo }, fresh);
}

/** One scan-code run: the QR, then the customer pays (or the cashier cancels). */
export async function scanRun(rig: Rig, spec: RunSpec, rng: Rng, fired: Fired): Promise<string[]> {
  const { page } = rig;
  const before = await ordersByNo(rig);
  await toCheckout(page);
  await page.keyboard.type(amountOf(spec));
  const undos = await injectAll(rig, spec, 'scan_code_pay', rng, fired);
  const button = page.locator(`[data-scan-code=${spec.platform}]`);
  const clicked = await button.click({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (spec.faults.includes('double_enter')) {
    if (
      await button.click({ timeout: 300, force: true }).then(
        () => true,
        () => false,
      )
    )
      fired.add('double_enter');
  }
  const qr = page.locator('pay-status qr-code [data-payload]');
  const shown = await waitFor(
    () => qr.getAttribute('data-payload', { timeout: 300 }).catch(() => null),
    (v) => Boolean(v),
    10_000,
  );
  for (const f of spec.faults) await injectDuring(rig, f, 'query_order', fired, () => saleOpen(rig));
  for (const u of undos) await u();
  if (shown.ok && spec.customerPays) await rig.sandbox('/sandbox/scan/pay', { code_url: shown.value });
  else
    await page
      .locator('pay-status [data-action=cancel]')
      .click({ timeout: 3_000 })
      .catch(() => undefined);
  // An order at cpay gets the same settling time as a micropay's (4 s, then 22 s more): a poll
  // every 2 s on a loaded machine can miss a 4 s window, and "not settled" must mean the terminal
  // lost the order, not that the rig looked away too soon (issue 15 run #54).
  const { view, final } = await settle(rig, false, async () => newOrders(before, await ordersByNo(rig))[0]?.out_trade_no ?? '');
  const fresh = newOrders(before, await ordersByNo(rig));
  // The sale ran once the amount was taken and the QR reached the screen (a fault may keep the QR
  // from ever coming: then an order at cpay, if any, still faces every money check).
  const start: SaleStart = { amountConfirmed: clicked, codeEntered: shown.ok || fresh.length > 0, mayBlock: spec.faults.some((f) => BLOCKING.has(f)) };
  const v = saleViolations(start, { final, phase: view.phase, orderNo: view.orderNo }, fresh);
  if (shown.ok && spec.customerPays && final && view.phase !== 'success') v.push(`customer paid ${shown.value} but the screen shows ${view.phase}`);
  return v;
}
