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
  readonly refunds: readonly { readonly out_refund_no: string; readonly refund_fee: number; readonly state: string }[];
}

/** A device_report as the simulator stored it. */
export interface TruthReport {
  readonly content: { readonly nonce_str?: string; readonly api_calling_infos?: readonly { readonly out_trade_no: string }[] };
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
export interface ReportCount { readonly batches: number; readonly deliveries: number }

/**
 * Counts per order number. A batch delivered twice (same nonce_str: the terminal resent it after
 * losing the answer) is one batch, two deliveries; two batches naming one order is a double count.
 */
export async function reportCounts(rig: Rig): Promise<Map<string, ReportCount>> {
  const nonces = new Map<string, Set<string>>();
  const deliveries = new Map<string, number>();
  for (const r of await rig.sandbox<TruthReport[]>('/sandbox/reports')) {
    for (const info of r.content.api_calling_infos ?? []) {
      const otn = info.out_trade_no;
      nonces.set(otn, (nonces.get(otn) ?? new Set<string>()).add(r.content.nonce_str ?? `missing-${deliveries.size}`));
      deliveries.set(otn, (deliveries.get(otn) ?? 0) + (r.deliveries ?? 1));
    }
  }
  return new Map([...deliveries].map(([otn, d]) => [otn, { batches: nonces.get(otn)?.size ?? 0, deliveries: d }]));
}

/**
 * An order cpay never received is still open. Within the sale the terminal resends the identical
 * request when the query says "no such order", so this is a violation; after a reload it is the
 * known limitation "settled as not charged only when 5 minutes old".
 */
export const NEVER_REACHED = 'never reached cpay: still polling an order the server does not have';

/** The checks every sale shares: one charge at most; the screen never contradicts the truth. */
export function saleViolations(shown: { final: boolean; phase: string; orderNo: string }, fresh: readonly TruthOrder[]): string[] {
  const v: string[] = [];
  const paid = fresh.filter((o) => o.paid);
  if (paid.length > 1) v.push(`charged twice: ${paid.map((o) => o.out_trade_no).join(', ')}`);
  if (shown.phase === 'success' && !paid.some((o) => o.out_trade_no === shown.orderNo)) v.push(`success shown for unpaid order ${shown.orderNo || '(none)'}`);
  if ((shown.phase === 'failed' || shown.phase === 'cancelled') && paid.length > 0) v.push(`charged order ${paid[0]?.out_trade_no} shown as ${shown.phase}`);
  if (!shown.final && fresh.length === 0) v.push(NEVER_REACHED);
  else if (!shown.final) v.push(`not settled after the network returned (phase ${shown.phase || '?'}; server: ${fresh.map((o) => `${o.out_trade_no} ${o.state}${process.env.FAULT_DEBUG ? JSON.stringify(o) : ''}`).join(', ') || 'no order'})`);
  return v;
}

/** Faults as table keys. */
export const faultKey = (f: Fault | 'printer_unplug'): string => f;
