/**
 * A deposit (押金, spec §7.10) as the terminal keeps it: the journal record written BEFORE
 * micro_freeze leaves, its statuses, and the settlement rules checked on the terminal before
 * anything is sent (over-consumption, double settlement). Pure.
 */
import type { DepositPlatformName, Fen } from '@cpay/protocol';

/**
 * Where a deposit stands. `pending`/`unknown`: the freeze is not known final (recovery keeps
 * asking); `frozen`: the money is held (an open deposit, listed); `settling`: a consumption or
 * unfreeze was sent and is not known final; `settled`: nothing is held any more; `failed`: the
 * freeze never held money.
 */
export type DepositStatus = 'pending' | 'unknown' | 'frozen' | 'failed' | 'settling' | 'settled';

/** Statuses recovery must reconcile with the server after a reload. */
export const RECONCILE_DEPOSIT_STATUSES: readonly DepositStatus[] = ['pending', 'unknown', 'settling'];
/** Statuses listed as open deposits (money held, or possibly held). */
export const OPEN_DEPOSIT_STATUSES: readonly DepositStatus[] = ['pending', 'unknown', 'frozen', 'settling'];

/** How a deposit is settled: a consumption (the rest released with it) or a full unfreeze. */
export interface Settlement {
  readonly kind: 'consume' | 'unfreeze';
  /** out_trade_no of the consumption, or out_unfreeze_no of the unfreeze (order-number rules). */
  readonly outNo: string;
  readonly consumed: Fen;
  readonly released: Fen;
  /**
   * cpay's `total_consume_fee` of the deposit when this settlement was planned: on Alipay a deposit
   * may be consumed several times (is_confirm_unfreeze false, 003 L6383), so a consumption whose
   * answer was lost is confirmed only by the total growing past this baseline.
   */
  readonly consumedBefore?: Fen;
  /** The staff member signed in when the settlement was started (absent on a terminal without staff). */
  readonly staffId?: string;
  readonly status: 'pending' | 'unknown' | 'success' | 'failed';
  readonly description?: string;
}

/** One step of a deposit's history (`at` is server time in ms). */
export interface DepositHistoryItem {
  readonly at: number;
  readonly phase: string;
  readonly cause: string;
  readonly status?: number;
  readonly cts?: number;
  readonly description?: string;
}

/** A deposit in the deposit journal (IndexedDB store `deposits`, keyed by out_freeze_no). */
export interface DepositRecord {
  readonly outFreezeNo: string;
  readonly amount: Fen;
  readonly body: string;
  readonly status: DepositStatus;
  readonly platform?: DepositPlatformName;
  /** The customer's code with the middle masked (never stored in clear). */
  readonly maskedCode?: string;
  /** `qr`: the customer scanned the terminal's QR (scancode_freeze, Alipay only); absent: micro_freeze. */
  readonly via?: 'qr';
  /** QR deposits: the QR content cpay gave (public, shown to the customer). */
  readonly codeUrl?: string;
  /** QR deposits: when the QR stops being payable (`time_expire`, server ms, whole seconds). */
  readonly qrExpiresAt?: number;
  /** Last WxpayFreezeOrderState / AlipayFreezeOrderState seen. */
  readonly lastCts?: number;
  readonly description?: string;
  readonly settlement?: Settlement;
  /** The staff member signed in when the deposit was taken (as orders keep `staffId`); absent on a terminal without staff. */
  readonly staffId?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly history: readonly DepositHistoryItem[];
}

/** Why the terminal refuses a settlement before sending anything. */
export type SettleRefusal =
  /** The amount used is more than the frozen amount. */
  | { readonly kind: 'over_consumption'; readonly requested: Fen; readonly available: Fen }
  /** The deposit was already consumed or unfrozen (or a settlement of it is under way). */
  | { readonly kind: 'already_settled'; readonly outNo: string | undefined }
  /** The freeze has not (or not yet) succeeded. */
  | { readonly kind: 'not_frozen'; readonly status: DepositStatus };

/** What a settlement will do: consume `consumed` and release the rest, or unfreeze everything. */
export type SettlePlan =
  | { readonly ok: true; readonly kind: 'consume' | 'unfreeze'; readonly consumed: Fen; readonly released: Fen }
  | { readonly ok: false; readonly refusal: SettleRefusal };

/**
 * Checks a settlement of `used` fen (0 = unfreeze in full) against the record. `available`: what
 * the deposit still holds as cpay reports it (an Alipay deposit may have been consumed in part
 * elsewhere, 003 L6383); the record's amount when cpay was not asked.
 */
export function planSettlement(record: DepositRecord, used: Fen, available: Fen = record.amount): SettlePlan {
  const live = record.settlement && record.settlement.status !== 'failed';
  if (record.status === 'settled' || record.status === 'settling' || live) {
    return { ok: false, refusal: { kind: 'already_settled', outNo: record.settlement?.outNo } };
  }
  if (record.status !== 'frozen') return { ok: false, refusal: { kind: 'not_frozen', status: record.status } };
  const held = Math.min(available, record.amount) as Fen;
  if (used > held) return { ok: false, refusal: { kind: 'over_consumption', requested: used, available: held } };
  const released = (held - used) as Fen;
  return used === 0 ? { ok: true, kind: 'unfreeze', consumed: used, released } : { ok: true, kind: 'consume', consumed: used, released };
}

/** The record after one transition: patched, history appended, `updatedAt` moved. Pure. */
export function advanceDeposit(
  record: DepositRecord,
  patch: Partial<Omit<DepositRecord, 'outFreezeNo' | 'history' | 'createdAt'>>,
  step: Omit<DepositHistoryItem, 'at'>,
  at: number,
): DepositRecord {
  return { ...record, ...patch, updatedAt: at, history: [...record.history, { at, ...step }] };
}
