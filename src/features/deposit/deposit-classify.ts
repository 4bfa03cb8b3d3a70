/**
 * What a deposit call's outcome means, reusing the payment rules (spec §9): the status and
 * never-cancel rules of brief_micro_pay (pay-classify.ts `decideMicropay`/`decideQuery`) apply
 * unchanged; only a status-0 answer is read differently, through the freeze / unfreeze state
 * tables (protocol `classifyFreezeState`, `classifyUnfreezeState`). Pure.
 */
import { classifyFreezeState, classifyUnfreezeState, type DepositStateOnWire, type FreezeResponse, type MicroPayResponse } from '@cpay/protocol';
import type { CallOutcome } from '../../platform/net/ports.js';
import { decideMicropay, decideQuery, type PayDecision, type PollDecision } from '../../kernel/flow/pay-classify.js';
import { mapOutcomeBody } from '../../kernel/flow/poll-order.js';

const noState = (): MicroPayResponse => ({});

/** Freeze state → decision: frozen = success; never held or already ended = failed; else keep asking. */
export function decideFreezeState(state: DepositStateOnWire, description: string): PayDecision {
  const c = classifyFreezeState(state);
  if (c === 'frozen') return { kind: 'success', state };
  if (c === 'failed' || c === 'ended') return { kind: 'fail', reason: 'declined', description: state.tradeStateDesc || description };
  return { kind: 'poll', userPaying: c === 'user_paying' };
}

/** One micro_freeze outcome (the same resend / poll / fail rules as brief_micro_pay). */
export function decideFreeze(outcome: CallOutcome<FreezeResponse>, mayHaveReached: boolean): PayDecision {
  const state = outcome.kind === 'reply' && outcome.reply.status === 0 ? outcome.reply.body?.freeze.state : undefined;
  if (state && outcome.kind === 'reply') return decideFreezeState(state, outcome.reply.description);
  return decideMicropay(mapOutcomeBody(outcome, noState), mayHaveReached);
}

/** A poll decision from a status-0 state decision (or the payment query rules otherwise). */
function asPoll(decision: PayDecision): PollDecision {
  if (decision.kind === 'success' || decision.kind === 'fail') return { kind: 'final', decision };
  return { kind: 'continue', userPaying: decision.kind === 'poll' ? decision.userPaying : false, retryLater: false };
}

/** One query_freeze_order outcome. */
export function decideFreezeQuery(outcome: CallOutcome<FreezeResponse>): PollDecision {
  const state = outcome.kind === 'reply' && outcome.reply.status === 0 ? outcome.reply.body?.freeze.state : undefined;
  if (state && outcome.kind === 'reply') return asPoll(decideFreezeState(state, outcome.reply.description));
  return decideQuery(mapOutcomeBody(outcome, noState));
}

/** One query_unfreeze_order outcome for an unfreeze: success / failed are final. */
export function decideUnfreezeQuery(outcome: CallOutcome<unknown>, state: DepositStateOnWire | undefined): PollDecision {
  if (outcome.kind !== 'reply' || outcome.reply.status !== 0 || !state) return decideQuery(mapOutcomeBody(outcome, noState));
  const c = classifyUnfreezeState(state);
  if (c === 'success') return { kind: 'final', decision: { kind: 'success', state } };
  if (c === 'failed') return { kind: 'final', decision: { kind: 'fail', reason: 'declined', description: outcome.reply.description } };
  return { kind: 'continue', userPaying: false, retryLater: false };
}
