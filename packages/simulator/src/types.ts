/**
 * Shapes shared by the core, the endpoint handlers and the adapters.
 */
import type { JsonObject } from './json.js';
import type { Binding, DeviceRecord, SimState } from './state.js';

/** An HTTP request as the core sees it: the path may carry a query string. */
export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** What an adapter must send back. `hang`: never answer; `delayMs`: answer after a pause. */
export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly delayMs?: number;
  readonly hang?: boolean;
  /** The endpoint name the request was routed to (for logs and transcripts). */
  readonly endpoint?: string;
}

/** The result of one step of the state machine. */
export interface HandleResult {
  readonly state: SimState;
  readonly response: SimResponse;
}

/** Everything a handler sees. `state` is the handler's own clone: it may change it freely. */
export interface Ctx {
  readonly state: SimState;
  /** Server time in ms (the `now` given to handle, plus the server's skew). */
  readonly now: number;
  readonly inner: JsonObject;
  readonly query: URLSearchParams;
  /** The key that verified the request (and signs the answer), or null for unsigned endpoints. */
  readonly key: string | null;
  readonly device?: DeviceRecord;
  readonly binding?: Binding;
}

/** A handler's answer; the core wraps it in the endpoint's envelope and signs it. */
export interface Reply {
  readonly status: number;
  readonly description: string;
  readonly internalStatus?: number;
  /** Business object key and value (omitted when there is none). */
  readonly wrapper?: string;
  readonly payload?: unknown;
  readonly hang?: boolean;
  readonly delayMs?: number;
}

/** Shorthand for a successful reply with a payload. */
export function ok(wrapper: string | undefined, payload: unknown, description = '操作成功。'): Reply {
  return { status: 0, description, internalStatus: 0, wrapper, payload };
}

/** Shorthand for a failure reply. */
export function fail(status: number, internalStatus: number, description: string): Reply {
  return { status, description, internalStatus };
}
