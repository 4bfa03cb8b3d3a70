/**
 * Fault injection: one-shot faults queued in the state and consumed by the next matching /cpay/
 * request, so tests can make the "server" misbehave in ways no scenario code can express.
 */

/** What a queued fault does to the next matching response. */
export type FaultKind =
  /** The body is cut in half (not JSON any more); the request WAS processed. */
  | 'garble'
  /** The signature is altered by one character; the request WAS processed. */
  | 'bad_signature'
  /** No answer: the adapter holds the request; the request WAS processed. */
  | 'hang'
  /** The answer is delayed by `delayMs`; the request WAS processed. */
  | 'delay'
  /** HTTP 502 with an HTML body, as a broken front end would send; the request was NOT processed. */
  | 'http502'
  /** Status 3 (unknown, unsigned); the request was NOT processed. */
  | 'status3'
  /**
   * Signed 104 / internal_status 407 (re-entrancy guard: "the original order may be paid, do not
   * cancel, query it"); the request WAS processed, so the order really exists and runs its scenario.
   */
  | 'reentry407'
  /**
   * Signed 104 / internal_status 4004 "订单不存在", a code the seeds do not define (this
   * simulator's old answer to a missing order). Meant for queries: the request is processed (a
   * query changes nothing) and refused. A terminal must not read it as "no such order" (issue 14).
   */
  | 'refused104';

/** A queued fault; `endpoint` limits it to one endpoint name (e.g. "brief_micro_pay"). */
export interface Fault {
  readonly kind: FaultKind;
  readonly endpoint?: string;
  readonly delayMs?: number;
}

/** Fault kinds, for validating control input. */
export const FAULT_KINDS: readonly FaultKind[] = ['garble', 'bad_signature', 'hang', 'delay', 'http502', 'status3', 'reentry407', 'refused104'];

/** Removes and returns the first fault that applies to `endpoint`. */
export function takeFault(faults: Fault[], endpoint: string): Fault | undefined {
  const i = faults.findIndex((f) => f.endpoint === undefined || f.endpoint === endpoint);
  if (i < 0) return undefined;
  return faults.splice(i, 1)[0];
}

/** Flips the last hex digit of a 64-hex signature inside a response body. */
export function corruptSignature(body: string): string {
  return body.replace(/([0-9A-F]{63})([0-9A-F])/, (_m, head: string, last: string) => head + (last === '0' ? '1' : '0'));
}
