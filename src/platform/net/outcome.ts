/**
 * How an HTTP result from the relay becomes a CallOutcome (docs/contracts.md): the relay's
 * `x-relay-outcome` header decides unknown vs not_sent; a verified cpay answer is a reply.
 */
import { ProtocolError } from '@cpay/protocol';
import type { CallOutcome, NotSentReason } from './ports.js';
import type { HttpResult } from './http.js';

/** Relay error kinds that mean "cpay was not reached" (connect, DNS, TLS). */
const UPSTREAM_UNREACHABLE: readonly string[] = ['connect_refused', 'connect_timeout', 'dns', 'tls', 'upstream_busy'];

/** The relay's `relay_error` kind from its JSON body; undefined for any other body (e.g. an upstream 5xx page). */
function relayErrorOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { relay_error?: unknown } | null;
    return typeof body?.relay_error === 'string' ? body.relay_error : undefined;
  } catch {
    return undefined;
  }
}

/** A relay answer that is not cpay's (relay_error JSON and/or x-relay-outcome), or undefined. */
export function relayFailure(res: Extract<HttpResult, { kind: 'response' }>, durationMs: number): CallOutcome<never> | undefined {
  const header = res.headers.get('x-relay-outcome');
  if (header === null && res.status !== 504) return undefined;
  const relayError = relayErrorOf(res.text) ?? res.headers.get('x-relay-error') ?? undefined;
  const detail = `relay ${res.status} ${relayError ?? 'error'}`;
  if (header === 'not_sent') {
    const reason: NotSentReason = relayError && UPSTREAM_UNREACHABLE.includes(relayError) ? 'upstream_unreachable' : 'relay_refused';
    return { kind: 'not_sent', reason, detail, httpStatus: res.status, durationMs };
  }
  return { kind: 'unknown', reason: 'relay_unknown', detail, httpStatus: res.status, durationMs };
}

/** A transport failure as an outcome: for a request that may have left, unknown. */
export function transportFailure(result: Exclude<HttpResult, { kind: 'response' }>, online: boolean, durationMs: number): CallOutcome<never> {
  if (result.kind === 'timeout') return { kind: 'unknown', reason: 'timeout', detail: result.detail, durationMs };
  if (!online) return { kind: 'not_sent', reason: 'offline', detail: 'the browser is offline', durationMs };
  return { kind: 'unknown', reason: 'network', detail: result.detail, durationMs };
}

/** A reply that could not be trusted or read: unknown (never success). */
export function unreadable(err: unknown, httpStatus: number, durationMs: number): CallOutcome<never> {
  const badSig = err instanceof ProtocolError && (err.code === 'bad_signature' || err.code === 'missing_signature');
  const detail = err instanceof Error ? err.message : String(err);
  return { kind: 'unknown', reason: badSig ? 'bad_signature' : 'garbled', detail, httpStatus, durationMs };
}
