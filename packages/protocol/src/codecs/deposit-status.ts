/**
 * What a deposit's states mean to a terminal (spec §8 WxpayFreezeOrderState,
 * AlipayFreezeOrderState, Wxpay/AlipayUnfreezeOrderState; WxpayOrderState 14 for a consumption).
 * Undocumented values are 'pending': keep asking, never guess.
 */
import { classifyOrderState } from '../status.js';
import type { OrderStateOnWire } from '../types.js';
import type { DepositPlatformName, DepositStateOnWire } from './deposit-types.js';

/**
 * A freeze's class: `frozen` = the money is held; `ended` = fully unfrozen or consumed (Alipay 3
 * also means "closed": a freeze that never held money ends the same way); `failed` = never held.
 */
export type FreezeStateClass = 'pending' | 'user_paying' | 'frozen' | 'ended' | 'failed';

/** Freeze states per platform (003 L574-602). */
export const FREEZE_STATE_RULES: { readonly [P in DepositPlatformName]: Readonly<Record<number, FreezeStateClass>> } = {
  wechat: { 1: 'pending', 2: 'frozen', 3: 'user_paying', 4: 'failed', 5: 'ended', 6: 'failed', 7: 'failed' },
  alipay: { 1: 'pending', 2: 'frozen', 3: 'ended', 4: 'failed' },
};

/** Classifies a freeze state. */
export function classifyFreezeState(state: DepositStateOnWire): FreezeStateClass {
  return FREEZE_STATE_RULES[state.platform][state.cts] ?? 'pending';
}

/** An unfreeze's class. */
export type UnfreezeStateClass = 'pending' | 'success' | 'failed';

/** Unfreeze states per platform (003 L604-627). */
export const UNFREEZE_STATE_RULES: { readonly [P in DepositPlatformName]: Readonly<Record<number, UnfreezeStateClass>> } = {
  wechat: { 1: 'pending', 2: 'success', 3: 'failed', 4: 'failed' },
  alipay: { 1: 'pending', 2: 'success', 3: 'failed', 4: 'failed', 5: 'failed' },
};

/** Classifies an unfreeze state. */
export function classifyUnfreezeState(state: DepositStateOnWire): UnfreezeStateClass {
  return UNFREEZE_STATE_RULES[state.platform][state.cts] ?? 'pending';
}

/** A deposit consumption's order state: WeChat 14 = consumed; otherwise the payment rules. */
export function classifyConsumeState(state: OrderStateOnWire): 'success' | 'pending' | 'failed' {
  if (state.platform === 'wechat' && state.cts === 14) return 'success';
  const c = classifyOrderState(state);
  return c === 'success' ? 'success' : c === 'failed' || c === 'refunded' ? 'failed' : 'pending';
}
