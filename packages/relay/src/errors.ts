/**
 * Relay error kinds as data. Each kind fixes the HTTP status, whether the upstream may have seen
 * the request (`outcome`), and whether fail-over may resend it to another domain. The terminal reads
 * `outcome`: `unknown` means "the payment may have happened: poll, never treat as failed";
 * `not_sent` means the request never reached cpay and can safely be retried.
 */
import type { ServerResponse } from 'node:http';

/** What the terminal may conclude about a request the relay could not complete. */
export type RelayOutcome = 'unknown' | 'not_sent';

/** Every error the relay itself reports for an upstream call. */
export const UPSTREAM_ERRORS = {
  upstream_timeout: { status: 504, outcome: 'unknown', failover: false, message: 'cpay did not answer in time; the request may have been processed' },
  upstream_reset: {
    status: 502,
    outcome: 'unknown',
    failover: false,
    message: 'the connection to cpay broke after the request was sent; it may have been processed',
  },
  upstream_too_large: {
    status: 502,
    outcome: 'unknown',
    failover: false,
    message: 'the answer from cpay was larger than the relay accepts (UPSTREAM_ANSWER_LIMIT); the request may have been processed',
  },
  upstream_error: {
    status: 502,
    outcome: 'unknown',
    failover: false,
    message: 'the exchange with cpay failed after the request was sent; it may have been processed',
  },
  upstream_busy: {
    status: 503,
    outcome: 'not_sent',
    failover: false,
    message: 'every connection to cpay stayed busy until the deadline; the request was not sent',
  },
  connect_refused: { status: 502, outcome: 'not_sent', failover: true, message: 'cpay refused the connection; the request was not sent' },
  connect_timeout: { status: 502, outcome: 'not_sent', failover: true, message: 'connecting to cpay timed out; the request was not sent' },
  dns: { status: 502, outcome: 'not_sent', failover: true, message: 'the cpay domain name could not be resolved; the request was not sent' },
  tls: { status: 502, outcome: 'not_sent', failover: true, message: 'the TLS handshake with cpay failed; the request was not sent' },
} as const satisfies Record<string, { status: number; outcome: RelayOutcome; failover: boolean; message: string }>;

/** Name of an upstream error kind (`relay_error` in the JSON body). */
export type UpstreamErrorKind = keyof typeof UPSTREAM_ERRORS;

const CODE_TO_KIND: Readonly<Record<string, UpstreamErrorKind>> = {
  UND_ERR_HEADERS_TIMEOUT: 'upstream_timeout',
  UND_ERR_BODY_TIMEOUT: 'upstream_timeout',
  UND_ERR_SOCKET: 'upstream_reset',
  ECONNRESET: 'upstream_reset',
  EPIPE: 'upstream_reset',
  ECONNREFUSED: 'connect_refused',
  EHOSTUNREACH: 'connect_refused',
  ENETUNREACH: 'connect_refused',
  EADDRNOTAVAIL: 'connect_refused',
  UND_ERR_CONNECT_TIMEOUT: 'connect_timeout',
  RELAY_ANSWER_TOO_LARGE: 'upstream_too_large',
  RELAY_QUEUE_TIMEOUT: 'upstream_busy',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
};

/**
 * Maps an error thrown by the upstream client to a kind. Anything unrecognised is `upstream_error`
 * with outcome unknown: when in doubt the relay never claims a request was not sent.
 */
export function classifyUpstreamError(err: unknown): UpstreamErrorKind {
  const code = errorCode(err);
  if (code === undefined) return 'upstream_error';
  const kind = CODE_TO_KIND[code];
  if (kind) return kind;
  if (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return 'tls';
  return 'upstream_error';
}

/** The `code` of an error (or of its `cause`), if any. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (err as { cause?: unknown }).cause;
  return cause === err ? undefined : errorCode(cause);
}

/** Sends a relay JSON error (`{"relay_error":kind,"outcome":…,"message":…}`) with `x-relay-outcome`. */
export function sendUpstreamError(res: ServerResponse, kind: UpstreamErrorKind, detail?: string): void {
  const e = UPSTREAM_ERRORS[kind];
  const message = detail ? `${e.message} (${detail})` : e.message;
  sendJson(res, e.status, { relay_error: kind, outcome: e.outcome, message }, { 'x-relay-outcome': e.outcome });
}

/** Sends a relay-side rejection (4xx/5xx before anything was sent upstream). */
export function sendRejection(res: ServerResponse, status: number, relayError: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { relay_error: relayError, outcome: 'not_sent', message }, { 'x-relay-outcome': 'not_sent', ...headers });
}

/** Writes a small JSON response with an exact content-length. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
