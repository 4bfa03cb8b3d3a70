/**
 * Deposit runs of the fault matrix (issue 14 point 3): a deposit consumption (`deposit`) with its
 * faults on deposit_consume (and on query_freeze_order while the terminal verifies), and the
 * refund of a consumption (`deposit_refund`: the refund run on a consumption order, WeChat 14,
 * whose refunds must carry out_freeze_no, 003 L3915). Each run first establishes its
 * preconditions — a deposit frozen at cpay and shown on the desk, the settlement submitted — and
 * reports a run that never got there as vacuous. The truth is `/sandbox/deposits/{no}` and the
 * consumption orders of `/sandbox/orders`.
 */
import type { Page } from 'playwright-core';
import { settleStatus, takeStatus } from '../e2e/deposit-steps.js';
import { BEFORE, injectBefore, injectDuring, type Fired, type Undo } from './inject.js';
import { waitFor } from './page.js';
import type { Rng, RunSpec } from './plan.js';
import type { Rig } from './rig.js';
import { refundRun } from './run-after.js';
import { CODE_PREFIX } from './run-sale.js';
import { BLOCKING, ordersByNo, SETTLEMENT_LEFT_UNKNOWN, VACUOUS } from './truth.js';

/** A deposit as `/sandbox/deposits` shows it (the fields the checks read). */
interface TruthDeposit {
  readonly out_freeze_no: string;
  readonly state: string;
  readonly freeze_fee: number;
  readonly consumed_fee: number;
  readonly released_fee: number;
  readonly remaining_fee: number;
  readonly consumes: readonly { readonly out_trade_no: string; readonly total_fee: number }[];
}

const DEPOSIT = '1.00';
const DEPOSIT_FEN = 100;
const USED = '0.30';
const USED_FEN = 30;

const deposits = (rig: Rig) => rig.sandbox<TruthDeposit[]>('/sandbox/deposits');

async function toDesk(page: Page): Promise<void> {
  await page.locator('[data-nav=deposit]').click();
  await page.locator('deposit-screen').waitFor({ timeout: 10_000 });
}

/** Takes a 1.00 deposit with no fault; returns its number when cpay holds it, else ''. */
async function cleanDeposit(rig: Rig, platform: RunSpec['platform']): Promise<string> {
  const { page } = rig;
  const known = new Set((await deposits(rig)).map((d) => d.out_freeze_no));
  await toDesk(page);
  await page.locator('[data-deposit-amount-input]').fill(DEPOSIT);
  await page.locator('[data-deposit-code-input]').fill(`${CODE_PREFIX[platform]}0000`);
  await page.locator('[data-deposit-code-input]').press('Enter');
  await waitFor(
    () => takeStatus(page),
    (s) => s === 'frozen' || s === 'failed' || s === 'unknown',
    30_000,
  );
  const fresh = (await deposits(rig)).filter((d) => !known.has(d.out_freeze_no) && d.state === 'frozen');
  return fresh.length === 1 ? (fresh[0]?.out_freeze_no ?? '') : '';
}

/** Opens the deposit on the desk's settle card; true when the card shows it. */
async function showOnCard(page: Page, ofn: string): Promise<boolean> {
  await page.locator('[data-settle-lookup]').fill(ofn);
  await page.locator('[data-settle-lookup]').press('Enter');
  const shown = await waitFor(
    () =>
      page
        .locator('deposit-card [data-deposit-no]')
        .innerText({ timeout: 250 })
        .catch(() => ''),
    (t) => t === ofn,
    15_000,
  );
  return shown.ok;
}

/** Enters the amount used; resolves once the desk shows the settlement under way or its outcome. */
async function consumeOnDesk(page: Page, twice: boolean): Promise<{ submitted: boolean; doubled: boolean }> {
  const field = page.locator('[data-settle-used]');
  await field.fill(USED);
  await field.press('Enter');
  const doubled = twice
    ? await field.press('Enter').then(
        () => true,
        () => false,
      )
    : false;
  const submitted = await waitFor(
    () => settleStatus(page),
    (s) => s !== '',
    5_000,
    50,
  );
  return { submitted: submitted.ok, doubled };
}

/** One deposit consumption run; returns its violations. */
export async function depositRun(rig: Rig, spec: RunSpec, rng: Rng, fired: Fired): Promise<string[]> {
  const { page } = rig;
  const ofn = await cleanDeposit(rig, spec.platform);
  if (!ofn) return [`${VACUOUS}: no consumption ran (the deposit to consume was never frozen at cpay)`];
  if (!(await showOnCard(page, ofn))) return [`${VACUOUS}: no consumption ran (deposit ${ofn} was never shown on the settle card)`];
  const undos: Undo[] = [];
  for (const f of spec.faults) if (BEFORE.has(f)) undos.push(await injectBefore(rig, f, 'deposit_consume', rng, fired));
  const { submitted, doubled } = await consumeOnDesk(page, spec.faults.includes('double_enter'));
  if (doubled) fired.add('double_enter');
  const open = async (): Promise<boolean> => (await settleStatus(page)) === 'settling';
  for (const f of spec.faults) await injectDuring(rig, f, 'query_freeze_order', fired, open);
  await waitFor(
    () => settleStatus(page),
    (s) => s !== '' && s !== 'settling',
    8_000,
  );
  for (const u of undos) await u();
  const shown = await waitFor(
    () => settleStatus(page),
    (s) => s === 'settled' || s.startsWith('refused'),
    40_000,
  );
  const after = (await deposits(rig)).find((d) => d.out_freeze_no === ofn);
  const orders = [...(await ordersByNo(rig)).values()].filter((o) => o.out_freeze_no === ofn);
  await page.locator('[data-nav=checkout]').click();
  if (!after) return [`deposit ${ofn} vanished from cpay`];
  if (!submitted && after.consumes.length === 0) return [`${VACUOUS}: no consumption ran (the settlement of ${ofn} was never submitted)`];
  const v: string[] = [];
  if (after.consumes.length > 1) v.push(`deposit ${ofn} consumed ${after.consumes.length} times: ${after.consumes.map((c) => c.out_trade_no).join(', ')}`);
  if (after.consumed_fee > USED_FEN) v.push(`deposit ${ofn}: ${after.consumed_fee} fen consumed for one consumption of ${USED_FEN}`);
  if (orders.length !== after.consumes.length) v.push(`deposit ${ofn}: ${after.consumes.length} consumptions but ${orders.length} consumption orders at cpay`);
  const consumed = after.consumes.length > 0;
  if (shown.value === 'settled') {
    if (!consumed) v.push(`consumption of ${ofn} shown as done, cpay consumed nothing (${after.state})`);
    else if (after.state !== 'ended' || after.released_fee !== DEPOSIT_FEN - USED_FEN)
      v.push(`consumption of ${ofn} shown as done with the rest released; cpay: ${after.state}, released ${after.released_fee}`);
    if (consumed && !orders.every((o) => o.paid)) v.push(`consumption order of ${ofn} is not charged at cpay: ${orders.map((o) => o.state).join(', ')}`);
  } else if (shown.value.startsWith('refused')) {
    if (consumed) v.push(`deposit ${ofn} consumed at cpay (${after.consumes[0]?.out_trade_no}) but shown as ${shown.value}`);
    if (after.state !== 'frozen' || after.remaining_fee !== DEPOSIT_FEN)
      v.push(`refused consumption of ${ofn} left cpay at ${after.state}, ${after.remaining_fee} fen held`);
  } else if (consumed) {
    v.push(`consumption of ${ofn} not settled after the network returned (desk ${shown.value || '?'}), cpay consumed ${after.consumed_fee} fen`);
  } else if (!spec.faults.some((f) => BLOCKING.has(f) || f === 'hang' || f === 'cut_after' || f === 'garble' || f === 'corrupt' || f === 'bad_signature')) {
    v.push(`consumption of ${ofn} never settled and never reached cpay although no fault held it (desk ${shown.value || '?'})`);
  } else v.push(SETTLEMENT_LEFT_UNKNOWN);
  return v;
}

/** A deposit consumption to refund: an earlier run's, or a fresh clean deposit consumed with no fault ('' if none). */
async function consumptionToRefund(rig: Rig, spec: RunSpec): Promise<string> {
  const all = await ordersByNo(rig);
  const earlier = [...all.values()].reverse().find((o) => o.out_freeze_no !== undefined && o.paid && o.refundable_fee >= 1 && o.refunds.length < 3);
  if (earlier) return earlier.out_trade_no;
  const ofn = await cleanDeposit(rig, spec.platform);
  if (!ofn || !(await showOnCard(rig.page, ofn))) return '';
  await consumeOnDesk(rig.page, false);
  await waitFor(
    () => settleStatus(rig.page),
    (s) => s === 'settled',
    30_000,
  );
  const made = [...(await ordersByNo(rig)).values()].find((o) => o.out_freeze_no === ofn && o.paid);
  await rig.page.locator('[data-nav=checkout]').click();
  return made?.out_trade_no ?? '';
}

/**
 * One refund-of-a-consumption run: the refund run's checks (at most one refund accepted, the screen
 * agrees with cpay) on a consumption order; cpay accepts its refund only with the deposit's
 * out_freeze_no, so a refund cpay refused while no fault stood in the way is a violation too.
 */
export async function depositRefundRun(rig: Rig, spec: RunSpec, rng: Rng, fired: Fired): Promise<string[]> {
  let otn = '';
  const v = await refundRun(
    rig,
    spec,
    rng,
    fired,
    async (r, s) => {
      otn = await consumptionToRefund(r, s);
      return otn;
    },
    (no, shown, fresh) =>
      shown === 'failed' && fresh.length === 0 && spec.faults.every((f) => !BLOCKING.has(f))
        ? [`refund of consumption ${no} refused by cpay although no fault stood in the way (out_freeze_no missing?)`]
        : [],
  );
  if (!otn || v.some((x) => x.startsWith(VACUOUS))) return v;
  const order = (await ordersByNo(rig)).get(otn);
  if (order?.out_freeze_no === undefined) v.push(`refund run on ${otn}: not a deposit consumption at cpay`);
  return v;
}
