/**
 * The simulator's truth as the invariants read it (`/sandbox/orders`, `/sandbox/reports`) and the
 * outcome of one run.
 */
import type { Fault, Flow } from './plan.js';
import type { Rig } from './rig.js';

/** An order as `/sandbox/orders` shows it (the fields the invariants need). */
export interface TruthOrder {
  readonly out_trade_no: string;
  readonly paid: boolean;
  readonly state: string;
  readonly trade_type: number;
  readonly total_fee: number;
  readonly refundable_fee: number;
  /** A deposit consumption: the deposit it was taken from (absent for payments). */
  readonly out_freeze_no?: string;
  readonly refunds: readonly { readonly out_refund_no: string; readonly refund_fee: number; readonly state: string }[];
}

/** A device_report as the simulator stored it. */
export interface TruthReport {
  readonly content: {
    readonly nonce_str?: string;
    readonly api_calling_infos?: readonly { readonly out_trade_no: string }[];
    readonly [counter: string]: unknown;
  };
  /** How often cpay received this batch (a repeat with the same nonce_str is stored once). */
  readonly deliveries?: number;
}

/** The result of one run. */
export interface RunResult {
  readonly n: number;
  readonly flow: Flow | 'print';
  readonly faults: readonly string[];
  readonly violations: readonly string[];
  /** Known limitations seen (printed, not failing unless FAULT_STRICT=1): see docs/decisions/0010. */
  readonly limits?: readonly string[];
  /** Faults that really acted (the relay, simulator or rig saw them), as opposed to `faults` (planned). */
  readonly fired?: readonly string[];
  readonly ms: number;
}

/** Every order, by number. */
export async function ordersByNo(rig: Rig): Promise<Map<string, TruthOrder>> {
  const list = await rig.sandbox<TruthOrder[]>('/sandbox/orders');
  return new Map(list.map((o) => [o.out_trade_no, o]));
}

/** Orders that did not exist in `before`. */
export function newOrders(before: ReadonlyMap<string, TruthOrder>, after: ReadonlyMap<string, TruthOrder>): TruthOrder[] {
  return [...after.values()].filter((o) => !before.has(o.out_trade_no));
}

/** How each order number was reported: in how many distinct batches (nonce_str), in how many deliveries. */
export interface ReportCount {
  readonly batches: number;
  readonly deliveries: number;
}

/**
 * Counts per order number. A batch delivered twice (same nonce_str: the terminal resent it after
 * losing the answer) is one batch, two deliveries; two batches naming one order is a double count.
 */
export async function reportCounts(rig: Rig): Promise<Map<string, ReportCount>> {
  return countReports(await rig.sandbox<TruthReport[]>('/sandbox/reports'));
}

/**
 * An order cpay never received is still open. Within the sale the terminal resends the identical
 * request when the query says "no such order", so this is a violation; after a reload it is the
 * known limitation "settled as not charged only when 5 minutes old".
 */
export const NEVER_REACHED = 'never reached cpay: still polling an order the server does not have';

/** What one sale run established before its outcome is judged (the run's preconditions). */
export interface SaleStart {
  /** The amount was confirmed: the checkout asked for the customer's code (or showed the QR). */
  readonly amountConfirmed: boolean;
  /** The customer code was entered and the checkout left the code prompt (micropay); the QR was shown (scan). */
  readonly codeEntered: boolean;
  /** A planned fault may have kept the first request from leaving (refused, relay down, 502, status 3). */
  readonly mayBlock: boolean;
}

/** Faults that can keep a request from being processed by cpay (the terminal may then give up honestly). */
export const BLOCKING: ReadonlySet<string> = new Set(['cut_before', 'relay_down_before', 'http502', 'status3']);

/** What the screen showed at the end of a sale, and whether it was final. */
export interface SaleShown {
  readonly final: boolean;
  readonly phase: string;
  readonly orderNo: string;
}

/** A run whose preconditions failed checked nothing: it fails as vacuous (prefix of the message). */
export const VACUOUS = 'vacuous';

/**
 * The checks every sale shares: the sale really ran (else the run is vacuous, not "passed"); at
 * most one charge; exactly one order at cpay once the request could leave (the terminal resends
 * an unsent request, so a started sale always reaches cpay once the network is back); the screen
 * never contradicts the truth.
 */
export function saleViolations(start: SaleStart, shown: SaleShown, fresh: readonly TruthOrder[]): string[] {
  if (!start.amountConfirmed) return [`${VACUOUS}: no sale ran (the amount was not confirmed; the checkout showed ${shown.phase || '?'})`];
  if (!start.codeEntered) return [`${VACUOUS}: no sale ran (the customer code was not taken; the checkout showed ${shown.phase || '?'})`];
  const v: string[] = [];
  const paid = fresh.filter((o) => o.paid);
  if (paid.length > 1) v.push(`charged twice: ${paid.map((o) => o.out_trade_no).join(', ')}`);
  if (fresh.length > 1) v.push(`one sale made ${fresh.length} orders at cpay: ${fresh.map((o) => o.out_trade_no).join(', ')}`);
  if (shown.phase === 'success' && !paid.some((o) => o.out_trade_no === shown.orderNo)) v.push(`success shown for unpaid order ${shown.orderNo || '(none)'}`);
  if ((shown.phase === 'failed' || shown.phase === 'cancelled') && paid.length > 0) v.push(`charged order ${paid[0]?.out_trade_no} shown as ${shown.phase}`);
  if (shown.final && shown.orderNo !== '' && fresh.length > 0 && !fresh.some((o) => o.out_trade_no === shown.orderNo))
    v.push(`the screen names order ${shown.orderNo}, which is not this sale's order at cpay (${fresh.map((o) => o.out_trade_no).join(', ')})`);
  if (!shown.final && fresh.length === 0) v.push(NEVER_REACHED);
  else if (!shown.final)
    v.push(
      `not settled after the network returned (phase ${shown.phase || '?'}; server: ${fresh.map((o) => `${o.out_trade_no} ${o.state}${process.env.FAULT_DEBUG ? JSON.stringify(o) : ''}`).join(', ') || 'no order'})`,
    );
  else if (fresh.length === 0 && !(start.mayBlock && shown.phase !== 'success'))
    v.push(`the sale ended as ${shown.phase} but cpay never received it: no order at cpay although no fault kept the request from leaving`);
  return v;
}

/** Successful payments a batch counts (the seeds spell Alipay's "sucess"; either is read). */
export function successesIn(content: Readonly<Record<string, unknown>>): number {
  const n = (k: string): number => Number(content[k] ?? 0) || 0;
  return n('wx_pay_success_count') + (n('ali_pay_success_count') || n('ali_pay_sucess_count')) + n('other_pay_success_count');
}

/** States in which cpay may still move an order (the terminal is still polling it, so it is not reported yet). */
const OPEN_AT_CPAY: ReadonlySet<string> = new Set(['initial', 'accepting', 'paying', 'waiting']);

/**
 * The matrix's closing check over every run: every order is reported exactly once (deposit
 * consumptions aside: they are orders at cpay, but no brief_micro_pay payment of this till). Batches are
 * told apart by nonce_str (a batch delivered again after its answer was lost is one batch).
 * - Every micropay order cpay holds in a final state (paid or not; pay, refund and report runs
 *   make them) is named in exactly one batch: api_calling_infos carries one entry per
 *   brief_micro_pay call (spec §6.8), also for an order settled by recovery after a reload.
 * - No order is named in two batches.
 * - The successes counted over all batches equal the paid orders at cpay (scan-code orders make
 *   no brief_micro_pay call, so they are counted without a name): one more is a double count, one
 *   less a payment never reported.
 */
export function reportViolations(orders: readonly TruthOrder[], reports: readonly TruthReport[]): string[] {
  const v: string[] = [];
  const counts = countReports(reports);
  // device_report counts payments; a deposit consumption is an order but not a payment of this till.
  const paid = orders.filter((o) => o.paid && o.out_freeze_no === undefined);
  for (const [otn, c] of counts) if (c.batches > 1) v.push(`order ${otn} is in ${c.batches} device_report batches`);
  const silent = orders.filter((o) => o.trade_type === 1 && o.out_freeze_no === undefined && !OPEN_AT_CPAY.has(o.state) && !counts.has(o.out_trade_no));
  for (const o of silent) v.push(`micropay order ${o.out_trade_no} (${o.state}) is named in no device_report batch`);
  const batches = new Map<string, TruthReport>();
  reports.forEach((r, i) => {
    batches.set(r.content.nonce_str ?? `missing-${i}`, r);
  });
  const counted = [...batches.values()].reduce((sum, r) => sum + successesIn(r.content as Readonly<Record<string, unknown>>), 0);
  const unnamed = paid.filter((o) => !counts.has(o.out_trade_no)).map((o) => o.out_trade_no);
  if (counted !== paid.length) {
    v.push(
      `device_report batches count ${counted} successful payments, cpay has ${paid.length} paid orders (not named in any batch: ${unnamed.join(', ') || 'none'})`,
    );
  }
  return v;
}

/** Counts per order number from the reports cpay stored (pure part of {@link reportCounts}). */
export function countReports(reports: readonly TruthReport[]): Map<string, ReportCount> {
  const nonces = new Map<string, Set<string>>();
  const deliveries = new Map<string, number>();
  reports.forEach((r, i) => {
    for (const info of r.content.api_calling_infos ?? []) {
      const otn = info.out_trade_no;
      nonces.set(otn, (nonces.get(otn) ?? new Set<string>()).add(r.content.nonce_str ?? `missing-${i}`));
      deliveries.set(otn, (deliveries.get(otn) ?? 0) + (r.deliveries ?? 1));
    }
  });
  return new Map([...deliveries].map(([otn, d]) => [otn, { batches: nonces.get(otn)?.size ?? 0, deliveries: d }]));
}

/**
 * A deposit settlement whose request may have reached cpay, and cpay has no consumption: the
 * terminal keeps it *unknown* (never refused, never settled) and the next start re-sends it
 * identically (deposit-recovery.ts). Honest, but not settled within a run.
 */
export const SETTLEMENT_LEFT_UNKNOWN = 'deposit settlement left unknown: nothing consumed at cpay, re-sent identically at the next start';

/** Faults as table keys. */
export const faultKey = (f: Fault | 'printer_unplug'): string => f;
