/**
 * What a brief_micro_pay or brief_query_order outcome means for the payment (spec §9, §10.2
 * step 6), as data tables over the protocol's classified outcomes. Pure.
 */
import {
  classifyOrderState,
  classifyStatus,
  isOrderNotFoundState,
  type MicroPayResponse,
  type OrderStateClass,
  type OrderStateOnWire,
  type StatusOutcome,
} from '@cpay/protocol';
import type { FailReason } from '../payment.js';
import type { CallOutcome } from '../../platform/net/ports.js';
import type { ResendReason } from './policy.js';

/** The spec's unknown-result text (§10.2 step 7, §12), also the journal description. */
export const UNKNOWN_RESULT_TEXT = '通过订单查询确认支付结果或手机端商户管理系统确认支付结果';

/** The next step after an order state or a reply. */
export type PayDecision =
  | { readonly kind: 'success'; readonly state: OrderStateOnWire | undefined }
  | { readonly kind: 'fail'; readonly reason: FailReason; readonly description: string }
  | { readonly kind: 'poll'; readonly userPaying: boolean }
  | { readonly kind: 'resend'; readonly reason: ResendReason };

/** Order-state class → decision (§10.2 step 6). A deposit state is not a payment result: keep asking. */
const BY_STATE: { readonly [C in OrderStateClass]: (description: string) => PayDecision } = {
  success: () => ({ kind: 'success', state: undefined }),
  failed: (description) => ({ kind: 'fail', reason: 'declined', description }),
  refunded: (description) => ({ kind: 'fail', reason: 'refunded', description }),
  pending: () => ({ kind: 'poll', userPaying: false }),
  user_paying: () => ({ kind: 'poll', userPaying: true }),
  deposit: () => ({ kind: 'poll', userPaying: false }),
};

/** Decision for an order state carried by a status-0 reply; no state means "still open". */
export function decideOrderState(state: OrderStateOnWire | undefined, description: string): PayDecision {
  if (!state) return { kind: 'poll', userPaying: false };
  const decision = BY_STATE[classifyOrderState(state)](state.tradeStateDesc || description);
  return decision.kind === 'success' ? { kind: 'success', state } : decision;
}

/** brief_micro_pay status outcome → decision (§9.1, §9.2; `success` defers to the order state). */
const MICROPAY_BY_STATUS: { readonly [O in Exclude<StatusOutcome, 'success'>]: (description: string) => PayDecision } = {
  unknown: () => ({ kind: 'resend', reason: 'unknown' }),
  retry_later: () => ({ kind: 'resend', reason: 'retry_later' }),
  new_number: (description) => ({ kind: 'fail', reason: 'new_number', description }),
  final: (description) => ({ kind: 'fail', reason: 'refused', description }),
  never_cancel: () => ({ kind: 'poll', userPaying: false }),
  caller_error: (description) => ({ kind: 'fail', reason: 'caller_error', description }),
};

/**
 * Decision for one brief_micro_pay outcome. `mayHaveReached` says an earlier send of this same
 * order may have reached cpay: then a refusal (101/102/104) may concern the earlier, possibly
 * paid, request, so the order is polled instead of being declared failed.
 */
export function decideMicropay(outcome: CallOutcome<MicroPayResponse>, mayHaveReached: boolean): PayDecision {
  if (outcome.kind === 'unknown') return { kind: 'poll', userPaying: false };
  if (outcome.kind === 'not_sent') return { kind: 'resend', reason: 'not_sent' };
  const { reply } = outcome;
  const status = classifyStatus(reply.status, reply.internalStatus);
  if (status === 'success') return decideOrderState(reply.body?.state, reply.description);
  const decision = MICROPAY_BY_STATUS[status](reply.description);
  return decision.kind === 'fail' && mayHaveReached ? { kind: 'poll', userPaying: false } : decision;
}

/** How a poll went: a final decision, or keep polling (and how soon). */
export type PollDecision =
  | { readonly kind: 'final'; readonly decision: Extract<PayDecision, { kind: 'success' | 'fail' }> }
  | { readonly kind: 'continue'; readonly userPaying: boolean | undefined; readonly retryLater: boolean };

/**
 * Decision for one query outcome. Only an order state ends polling: any non-zero status, an
 * unknown or unsent call, or a documented "no such order" state keeps the order open (it may
 * have been charged, or its request may still arrive), 103 waits 3 s.
 * `userPaying` is undefined when the answer said nothing about the customer.
 */
export function decideQuery(outcome: CallOutcome<{ readonly state?: OrderStateOnWire }>): PollDecision {
  if (outcome.kind !== 'reply' || outcome.reply.status !== 0) {
    const retryLater = outcome.kind === 'reply' && classifyStatus(outcome.reply.status, outcome.reply.internalStatus) === 'retry_later';
    return { kind: 'continue', userPaying: undefined, retryLater };
  }
  // "No such order" (WeChat 11, Alipay 7) is not a result of this payment: the request may not
  // have arrived yet. The callers decide (resend within the sale; never-arrived after 5 minutes).
  if (isOrderNotFoundState(outcome.reply.body?.state)) return { kind: 'continue', userPaying: false, retryLater: false };
  const decision = decideOrderState(outcome.reply.body?.state, outcome.reply.description);
  if (decision.kind === 'success' || decision.kind === 'fail') return { kind: 'final', decision };
  return { kind: 'continue', userPaying: decision.kind === 'poll' ? decision.userPaying : false, retryLater: false };
}

/**
 * True when a query answer is a documented "no such order" signal (status 0 carrying WeChat
 * state 11 or Alipay state 7, 003 L500 / L522). Any other refusal (a 104, an undocumented
 * code) is not: the order stays unknown.
 */
export function saysNotFound(outcome: CallOutcome<unknown>, state: OrderStateOnWire | undefined): boolean {
  return outcome.kind === 'reply' && outcome.reply.status === 0 && isOrderNotFoundState(state);
}
