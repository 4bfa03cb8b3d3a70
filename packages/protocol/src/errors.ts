/**
 * The one error type of the protocol layer. Messages say what happened, the offending value
 * and what to do; `endpoint` and `field` let callers and logs point at the exact wire spot.
 */
import type { EndpointName } from './endpoints.js';

/** Every reason the protocol layer can refuse a message. */
export const PROTOCOL_ERROR_CODES = [
  'malformed_json',
  'missing_field',
  'bad_type',
  'bad_signature',
  'missing_signature',
  'bad_envelope',
  'decrypt_failed',
  'bad_value',
  'unknown_endpoint',
] as const;

/** Union of {@link PROTOCOL_ERROR_CODES}. */
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** Where a protocol error happened. */
export interface ProtocolErrorOptions {
  readonly endpoint?: EndpointName;
  /** Dotted wire path, e.g. `rc.brief_query_order.tf`. */
  readonly field?: string;
  readonly cause?: unknown;
}

/**
 * A message that does not follow the cpay protocol. Never retryable as-is: the same bytes
 * fail the same way. A signature failure on a payment reply means the outcome is UNKNOWN.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ProtocolErrorCode;
  readonly endpoint?: EndpointName;
  readonly field?: string;
  readonly retryable = false;

  constructor(code: ProtocolErrorCode, message: string, options: ProtocolErrorOptions = {}) {
    // The field is named once: readers already put the dotted path into their messages.
    const field = options.field !== undefined && !message.includes(options.field) ? options.field : undefined;
    const where = [options.endpoint, field].filter(Boolean).join(' ');
    super(where ? `${where}: ${message}` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.endpoint !== undefined) this.endpoint = options.endpoint;
    if (options.field !== undefined) this.field = options.field;
  }
}

/** Short, log-safe rendering of a wire value for error messages (never the whole body). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- reached only when JSON.stringify gives undefined (undefined, a function, a symbol), which String() names well
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // A hostile body nested thousands deep overflows JSON.stringify: describe it, do not crash.
    text = Array.isArray(value) ? '[array nested too deeply to show]' : '{object nested too deeply to show}';
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
