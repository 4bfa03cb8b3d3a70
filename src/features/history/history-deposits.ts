/**
 * Deposits (押金) as history rows, from the deposit journal: the freeze, and once settled the
 * consumption (charged) and the release (退还/解冻). brief_query_order_list does not list
 * freezes, so these rows are the terminal's own record (source 'local'); the deposit screen
 * checks one against cpay (query_freeze_order). Pure.
 */
import type { DepositRecord, DepositStatus, Settlement } from '../deposit/deposit.js';
import type { HistoryQuery, HistoryRow, HistoryStatus } from './history.js';

/** A freeze's status in list words. */
const FREEZE_STATUS: { readonly [S in DepositStatus]: HistoryStatus } = {
  pending: 'pending',
  unknown: 'unknown',
  frozen: 'frozen',
  settling: 'frozen',
  settled: 'settled',
  failed: 'failed',
};
/** A settlement's status in list words. */
const SETTLE_STATUS: { readonly [S in Settlement['status']]: HistoryStatus } = {
  pending: 'processing',
  unknown: 'unknown',
  success: 'success',
  failed: 'failed',
};

/** When the settlement was recorded (its first history step), else the record's last change. */
function settledAt(r: DepositRecord): number {
  const step = r.history.find((h) => h.phase.startsWith('consume') || h.phase.startsWith('unfreeze') || h.phase.startsWith('settle'));
  return step?.at ?? r.updatedAt;
}

/** The rows one deposit makes: freeze, then consumption and release when settled. */
export function rowsOfDeposit(r: DepositRecord): HistoryRow[] {
  const base = { outTradeNo: r.outFreezeNo, kind: 'deposit' as const, source: 'local' as const, ...(r.platform ? { platform: r.platform } : {}) };
  const rows: HistoryRow[] = [{ ...base, key: r.outFreezeNo, depositStep: 'freeze', amount: r.amount, at: r.createdAt, status: FREEZE_STATUS[r.status] }];
  const s = r.settlement;
  if (!s) return rows;
  const at = settledAt(r);
  const status = SETTLE_STATUS[s.status];
  if (s.kind === 'consume' && s.consumed > 0) rows.push({ ...base, key: s.outNo, depositStep: 'consume', amount: s.consumed, at, status });
  if (s.released > 0)
    rows.push({ ...base, key: s.kind === 'unfreeze' ? s.outNo : `${s.outNo}:release`, depositStep: 'unfreeze', amount: s.released, at, status });
  return rows;
}

/** Deposit rows a query wants (type 'all' or 'deposits', the window, the platforms), newest first. */
export function depositHistoryRows(q: HistoryQuery, records: readonly DepositRecord[]): HistoryRow[] {
  if (q.kind !== 'all' && q.kind !== 'deposits') return [];
  const platformOk = (r: HistoryRow) => q.platforms.length === 0 || r.platform === undefined || (q.platforms as readonly string[]).includes(r.platform);
  return records
    .flatMap(rowsOfDeposit)
    .filter((r) => r.at >= q.fromMs && r.at <= q.toMs && platformOk(r))
    .sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : -1));
}
