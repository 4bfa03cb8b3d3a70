/**
 * What the deposit flows tell the screens: taking a deposit (freeze) and settling it
 * (consumption with the rest released, or a full unfreeze). Expected outcomes are values.
 */
import type { DepositPlatformName, Fen, FreezeOrder } from '@cpay/protocol';
import type { DepositRecord, SettleRefusal } from './deposit.js';
import type { FailReason } from './payment.js';

/** How taking a deposit ended. `unknown`: the money may be held; recovery keeps asking. */
export type DepositResult =
  | { readonly outcome: 'frozen'; readonly outFreezeNo: string; readonly amount: Fen; readonly platform: DepositPlatformName | undefined }
  | { readonly outcome: 'failed'; readonly outFreezeNo: string | undefined; readonly amount: Fen; readonly reason: FailReason; readonly description: string }
  | { readonly outcome: 'unknown'; readonly outFreezeNo: string; readonly amount: Fen; readonly description: string };

/** Events of one "take deposit". */
export type DepositEvent =
  | { readonly type: 'submitting'; readonly outFreezeNo: string; readonly amount: Fen }
  | { readonly type: 'polling'; readonly outFreezeNo: string; readonly amount: Fen; readonly userPaying: boolean }
  | { readonly type: 'taken'; readonly result: DepositResult };

/** A refusal by the terminal (before sending) or by cpay (104 with its description). */
export type SettleRefused = SettleRefusal | { readonly kind: 'server'; readonly description: string } | { readonly kind: 'not_found'; readonly outFreezeNo: string };

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
