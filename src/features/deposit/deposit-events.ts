/**
 * What the deposit flows tell the screens — taking a deposit (freeze) and settling it
 * (consumption with the rest released, or a full unfreeze); expected outcomes are values — and
 * the DepositView the screen renders, folded from those events. Pure.
 */
import type { DepositPlatformName, Fen, FreezeOrder } from '@cpay/protocol';
import type { DepositRecord, SettleRefusal } from './deposit.js';
import type { FailReason } from '../../kernel/payment.js';

/** How taking a deposit ended. `unknown`: the money may be held; recovery keeps asking. */
export type DepositResult =
  | { readonly outcome: 'frozen'; readonly outFreezeNo: string; readonly amount: Fen; readonly platform: DepositPlatformName | undefined }
  | { readonly outcome: 'failed'; readonly outFreezeNo: string | undefined; readonly amount: Fen; readonly reason: FailReason; readonly description: string }
  | { readonly outcome: 'unknown'; readonly outFreezeNo: string; readonly amount: Fen; readonly description: string };

/** Events of one "take deposit". */
export type DepositEvent =
  | { readonly type: 'submitting'; readonly outFreezeNo: string; readonly amount: Fen }
  | { readonly type: 'polling'; readonly outFreezeNo: string; readonly amount: Fen; readonly userPaying: boolean; readonly codeUrl?: string }
  | { readonly type: 'taken'; readonly result: DepositResult };

/** A refusal by the terminal (before sending) or by cpay (104 with its description). */
export type SettleRefused =
  SettleRefusal | { readonly kind: 'server'; readonly description: string } | { readonly kind: 'not_found'; readonly outFreezeNo: string };

/** How a settlement ended. */
export type SettleResult =
  | { readonly outcome: 'settled'; readonly outFreezeNo: string; readonly kind: 'consume' | 'unfreeze'; readonly consumed: Fen; readonly released: Fen }
  | { readonly outcome: 'refused'; readonly outFreezeNo: string; readonly refusal: SettleRefused }
  | { readonly outcome: 'unknown'; readonly outFreezeNo: string; readonly description: string };

/** Events of one lookup / settlement. */
export type SettleEvent =
  /** The scanned deposit: the local record and what cpay says now (`server` absent when it could not be asked). */
  | { readonly type: 'looked_up'; readonly record: DepositRecord; readonly server: FreezeOrder | undefined }
  | { readonly type: 'settling'; readonly outFreezeNo: string; readonly kind: 'consume' | 'unfreeze'; readonly outNo: string }
  | { readonly type: 'done'; readonly result: SettleResult };

/** The "take deposit" half. */
export type TakeView =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'submitting' | 'polling';
      readonly outFreezeNo: string;
      readonly userPaying: boolean;
      readonly amount?: Fen;
      /** A QR deposit: the QR the customer scans (shown large with the amount). */
      readonly codeUrl?: string;
    }
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
  const codeUrl = e.type === 'polling' ? e.codeUrl : undefined;
  return {
    ...v,
    take: { phase: e.type, outFreezeNo: e.outFreezeNo, userPaying: e.type === 'polling' && e.userPaying, amount: e.amount, ...(codeUrl ? { codeUrl } : {}) },
  };
}

/** Folds a lookup / settlement event. */
export function reduceSettle(v: DepositView, e: SettleEvent): DepositView {
  switch (e.type) {
    case 'looked_up':
      return { ...v, settle: { phase: 'shown', record: e.record, server: e.server } };
    case 'settling':
      return { ...v, settle: { ...v.settle, phase: 'settling', refusal: undefined, result: undefined } };
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
