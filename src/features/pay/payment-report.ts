/**
 * What device_report needs from each payment (spec §6.8, §10.2 step 9): one ApiCallingInfo per
 * brief_micro_pay call, with `delay_ms` from the scan to that call's answer and the order state
 * of the payment's last cpay call. Pure: the flow records calls, this shapes them.
 */
import { PayPlatform, type ApiCallingInfo, type OrderStateOnWire, type PayPlatformName } from '@cpay/protocol';
import type { CodeHint } from '../../kernel/customer-code.js';

/** ApiCallingInfo.code when no HTTP status was obtained (spec §8 "Other small enums"). */
export const CALL_CODE = { connectFailed: -2, responseTimeout: -3, unknownProblem: -4 } as const;

/** Status/internal status recorded when the call got no cpay answer at all (not a cpay value). */
export const NO_ANSWER_STATUS = -1;

/** One brief_micro_pay call as the flow saw it. */
export interface MicropayCallRecord {
  /** HTTP status, or one of CALL_CODE. */
  readonly code: number;
  /** `s` of the answer, or NO_ANSWER_STATUS. */
  readonly status: number;
  /** `is` of the answer, or NO_ANSWER_STATUS. */
  readonly internalStatus: number;
  /** `d` of the answer, or why there was none. */
  readonly description: string;
  /** Milliseconds from the customer code's scan to this call's answer (or failure). */
  readonly delayMs: number;
}

/**
 * The PayPlatform code to report: the platform cpay named, else the one the code's shape
 * suggests; a code of another shape is reported as member card (3), the only other kind a
 * customer code can be (spec §8).
 */
export function reportPlatformCode(platform: PayPlatformName | undefined, hint: CodeHint): number {
  if (platform !== undefined) return PayPlatform[platform];
  return hint === 'wechat' ? PayPlatform.wechat : hint === 'alipay' ? PayPlatform.alipay : PayPlatform.card;
}

/** One ApiCallingInfo per call; order_status / trade_state_desc come from the payment's last state. */
export function buildApiCallingInfos(
  outTradeNo: string,
  calls: readonly MicropayCallRecord[],
  payPlatform: number,
  lastState: OrderStateOnWire | undefined,
): ApiCallingInfo[] {
  return calls.map((call) => ({
    outTradeNo,
    code: call.code,
    status: call.status,
    internalStatus: call.internalStatus,
    delayMs: Math.max(0, Math.round(call.delayMs)),
    description: call.description,
    payPlatform,
    ...(lastState ? { orderStatus: lastState.cts } : {}),
    ...(lastState?.tradeStateDesc !== undefined ? { tradeStateDesc: lastState.tradeStateDesc } : {}),
  }));
}

/** A brief_micro_pay send whose answer the terminal never saw, as device_report records it. */
export interface UnansweredCall {
  /** CALL_CODE.responseTimeout when the sale stopped waiting, CALL_CODE.unknownProblem after a restart. */
  readonly code: number;
  readonly description: string;
  /** Milliseconds from the scan until the terminal stopped waiting for it. */
  readonly delayMs: number;
}

/**
 * The ApiCallingInfos of an order when it settles, whoever settles it (the sale, or recovery
 * after a reload, when the calls were only known through the journal): one per brief_micro_pay
 * send. `answered` are the calls the terminal saw answered, in send order; `sends` is how many
 * requests left (the journal's `submitting` steps); the sends after the answered ones get the
 * `unanswered` record. Every entry gets the payment's platform code and its last order state
 * (order_status / trade_state_desc: "the last cpay call of the payment", 003 L12640-12660), so
 * an order settled by a later query still reports the state that settled it; without a state the
 * recorded ones stay.
 */
export function settledApiCallingInfos(
  outTradeNo: string,
  answered: readonly ApiCallingInfo[],
  sends: number,
  unanswered: UnansweredCall,
  payPlatform: number,
  lastState: OrderStateOnWire | undefined,
): ApiCallingInfo[] {
  const lost: ApiCallingInfo[] = Array.from({ length: Math.max(0, sends - answered.length) }, () => ({
    outTradeNo,
    code: unanswered.code,
    status: NO_ANSWER_STATUS,
    internalStatus: NO_ANSWER_STATUS,
    delayMs: Math.max(0, Math.round(unanswered.delayMs)),
    description: unanswered.description,
    payPlatform,
  }));
  return [...answered, ...lost].map((info): ApiCallingInfo => {
    if (!lastState) return { ...info, payPlatform };
    const call: ApiCallingInfo = {
      outTradeNo: info.outTradeNo,
      code: info.code,
      status: info.status,
      internalStatus: info.internalStatus,
      delayMs: info.delayMs,
      description: info.description,
      payPlatform,
      orderStatus: lastState.cts,
    };
    return lastState.tradeStateDesc === undefined ? call : { ...call, tradeStateDesc: lastState.tradeStateDesc };
  });
}

/** The brief_micro_pay sends an order's history records (its `submitting` steps) and when the first left. */
export function sendsIn(history: readonly { readonly at: number; readonly phase: string }[]): { readonly count: number; readonly firstAt: number | undefined } {
  const sends = history.filter((h) => h.phase === 'submitting');
  return { count: sends.length, firstAt: sends[0]?.at };
}
