/**
 * What the deposit screen shows, folded from the flows' events: the "take deposit" line, the
 * scanned deposit with cpay's state, the settlement outcome, and the open deposits. Pure.
 */
import type { FreezeOrder } from '@cpay/protocol';
import type { DepositEvent, DepositResult, SettleEvent, SettleRefused, SettleResult } from './deposit-events.js';
import type { DepositRecord } from './deposit.js';

/** The "take deposit" half. */
export type TakeView =
  | { readonly phase: 'idle' }
  | { readonly phase: 'submitting' | 'polling'; readonly outFreezeNo: string; readonly userPaying: boolean }
  | { readonly phase: 'done'; readonly result: DepositResult };

/** The "settle deposit" half. */
export interface SettleView {
  readonly phase: 'idle' | 'looking' | 'shown' | 'settling' | 'done';
  readonly record?: DepositRecord;
  readonly server?: FreezeOrder;
  readonly refusal?: SettleRefused;
  readonly result?: SettleResult;
}

/** The whole screen. */
export interface DepositView {
  readonly take: TakeView;
  readonly settle: SettleView;
  readonly open: readonly DepositRecord[];
}

/** Nothing yet. */
export const DEPOSIT_VIEW_IDLE: DepositView = { take: { phase: 'idle' }, settle: { phase: 'idle' }, open: [] };

/** Folds a take event. */
export function reduceTake(v: DepositView, e: DepositEvent): DepositView {
  if (e.type === 'taken') return { ...v, take: { phase: 'done', result: e.result } };
  return { ...v, take: { phase: e.type, outFreezeNo: e.outFreezeNo, userPaying: e.type === 'polling' && e.userPaying } };
}

/** Folds a lookup / settlement event. */
export function reduceSettle(v: DepositView, e: SettleEvent): DepositView {
  switch (e.type) {
    case 'looked_up': return { ...v, settle: { phase: 'shown', record: e.record, server: e.server } };
    case 'settling': return { ...v, settle: { ...v.settle, phase: 'settling', refusal: undefined, result: undefined } };
    case 'done': {
      const refusal = e.result.outcome === 'refused' ? e.result.refusal : undefined;
      return { ...v, settle: { ...v.settle, phase: 'done', result: e.result, ...(refusal ? { refusal } : {}) } };
    }
  }
}

/** True while a request of the screen may be in flight. */
export function isDepositBusy(v: DepositView): boolean {
  return v.take.phase === 'submitting' || v.take.phase === 'polling' || v.settle.phase === 'looking' || v.settle.phase === 'settling';
}

/** Frozen money still held by a deposit as cpay reports it (local amount when cpay was not asked). */
export function remainingOf(record: DepositRecord, server: FreezeOrder | undefined): number {
  if (!server) return record.status === 'frozen' ? record.amount : 0;
  return Math.max(0, server.freezeFee - (server.totalConsumeFee ?? 0) - (server.totalManualUnfreezeFee ?? 0));
}
