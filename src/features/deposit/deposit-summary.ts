/**
 * Deposits (押金) in the shift summary: per platform how much was frozen, consumed (charged),
 * released and is still held. Local truth is the deposit journal; where cpay answered
 * query_freeze_order for a deposit, its figures (cash_fee, total_consume_fee, manual + auto
 * unfreeze fees) replace the local ones, because the server's book is what the merchant is paid
 * from. brief_query_order_list(_overview) carry no freezes, so there is no server total. Pure.
 */
import { classifyFreezeState, type DepositPlatformName, type FreezeOrder } from '@cpay/protocol';
import type { DepositRecord } from './deposit.js';

/** One deposit's money: frozen = consumed + released + held. */
export interface DepositFigures {
  readonly frozen: number;
  readonly consumed: number;
  readonly released: number;
  readonly held: number;
}

/** One platform's deposit line (or the total). */
export interface DepositSummaryLine extends DepositFigures {
  readonly platform: DepositPlatformName | 'total';
  /** Deposits that held money. */
  readonly count: number;
  /** Deposits whose outcome is not known yet (pending/unknown freeze): counted, not summed. */
  readonly uncertain: number;
}

/** The deposits of a window. */
export interface DepositSummary {
  readonly lines: readonly DepositSummaryLine[];
  readonly total: DepositSummaryLine;
  /** Deposits whose figures came from cpay (query_freeze_order), and those from the journal only. */
  readonly serverChecked: number;
  readonly localOnly: number;
}

const HELD: readonly string[] = ['frozen', 'settling', 'settled'];

/** A journal record's figures (a settlement counts once it succeeded). */
export function localFigures(r: DepositRecord): DepositFigures {
  if (!HELD.includes(r.status)) return { frozen: 0, consumed: 0, released: 0, held: 0 };
  const s = r.settlement?.status === 'success' ? r.settlement : undefined;
  const consumed = s?.consumed ?? 0;
  const released = s?.released ?? 0;
  return { frozen: r.amount, consumed, released, held: r.amount - consumed - released };
}

/** cpay's figures for a freeze (query_freeze_order); undefined while its state is not decided. */
export function serverFigures(f: FreezeOrder): DepositFigures | undefined {
  const cls = f.state ? classifyFreezeState(f.state) : 'pending';
  if (cls === 'pending' || cls === 'user_paying') return undefined;
  const frozen = cls === 'failed' ? 0 : f.cashFee > 0 ? f.cashFee : f.freezeFee;
  const consumed = f.totalConsumeFee ?? 0;
  const released = (f.totalManualUnfreezeFee ?? 0) + (f.totalAutoUnfreezeFee ?? 0);
  return { frozen, consumed, released, held: cls === 'frozen' ? Math.max(0, frozen - consumed - released) : 0 };
}

const empty = (platform: DepositSummaryLine['platform']): DepositSummaryLine => ({
  platform,
  count: 0,
  uncertain: 0,
  frozen: 0,
  consumed: 0,
  released: 0,
  held: 0,
});

function add(l: DepositSummaryLine, f: DepositFigures | undefined): DepositSummaryLine {
  if (!f) return { ...l, uncertain: l.uncertain + 1 };
  if (f.frozen === 0) return l;
  return { ...l, count: l.count + 1, frozen: l.frozen + f.frozen, consumed: l.consumed + f.consumed, released: l.released + f.released, held: l.held + f.held };
}

/** Folds deposits (each with cpay's figures when known) into per-platform lines. */
export function summariseDeposits(items: readonly { readonly record: DepositRecord; readonly server?: DepositFigures | undefined }[]): DepositSummary {
  const by = new Map<DepositPlatformName, DepositSummaryLine>();
  let total = empty('total');
  let serverChecked = 0;
  for (const { record, server } of items) {
    const undecided = record.status === 'pending' || record.status === 'unknown';
    const f = server ?? (undecided ? undefined : localFigures(record));
    if (server) serverChecked += 1;
    const p = record.platform; // unknown until cpay names it: only in the total
    if (p) by.set(p, add(by.get(p) ?? empty(p), f));
    total = add(total, f);
  }
  const lines = (['wechat', 'alipay'] as const).flatMap((p) => {
    const l = by.get(p);
    return l ? [l] : [];
  });
  return { lines, total, serverChecked, localOnly: items.length - serverChecked };
}
