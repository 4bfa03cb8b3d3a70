/**
 * The one traced wrapper around outward calls (design.md "Errors and logs"): endpoint, outcome,
 * status and duration — cpay calls here, device writes (printer and cash drawer bytes over WebUSB or
 * the virtual printer) through platform/devices/traced-transport.ts. It never sees request bodies,
 * keys, receipt bytes or customer codes, only outcomes.
 */
import type { CallOutcome } from './ports.js';

/** A trace line. */
export interface TraceRecord {
  readonly what: string;
  readonly outcome: string;
  readonly durationMs?: number;
  /** The `x-request-id` sent to the relay (the relay's log line carries the same id). */
  readonly requestId?: string;
}

/** Records outward calls; `call` returns the outcome unchanged so it sits inside a `map`. */
export interface Tracer {
  call<T>(endpoint: string, outcome: CallOutcome<T>, requestId?: string): CallOutcome<T>;
  note(what: string, outcome: string, requestId?: string): void;
  /** A timed outward operation that is not a cpay call (a device write): what, outcome, duration. */
  timed(what: string, outcome: string, durationMs: number): void;
}

/** Summarises an outcome without any payload (status, internal status, log id, reason). */
export function summarise(outcome: CallOutcome<unknown>): string {
  if (outcome.kind === 'reply') {
    const r = outcome.reply;
    return `reply status=${r.status} internal=${r.internalStatus}${r.logId === undefined ? '' : ` log_id=${r.logId}`} http=${outcome.httpStatus}`;
  }
  return `${outcome.kind} ${outcome.reason}${outcome.httpStatus === undefined ? '' : ` http=${outcome.httpStatus}`}`;
}

/** A tracer that keeps the last `limit` records in memory and mirrors them to `sink`. */
export function createTracer(sink: (record: TraceRecord) => void, limit = 200): Tracer & { readonly records: readonly TraceRecord[] } {
  const records: TraceRecord[] = [];
  const push = (r: TraceRecord) => {
    records.push(r);
    if (records.length > limit) records.shift();
    sink(r);
  };
  return {
    records,
    call(endpoint, outcome, requestId) {
      push({ what: endpoint, outcome: summarise(outcome), durationMs: Math.round(outcome.durationMs), ...(requestId === undefined ? {} : { requestId }) });
      return outcome;
    },
    note(what, outcome, requestId) {
      push({ what, outcome, ...(requestId === undefined ? {} : { requestId }) });
    },
    timed(what, outcome, durationMs) {
      push({ what, outcome, durationMs: Math.round(durationMs) });
    },
  };
}
