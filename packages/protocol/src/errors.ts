/**
 * The error family's base (`CodedError`, shared by the whole project: this package's ProtocolError,
 * the app's TerminalError family and the devices' DeviceError) and the protocol layer's own error.
 * The base lives here because the protocol package is the bottom layer: the app depends on it, it
 * depends on nothing. Messages say what happened, the offending value and what to do
 * (`errorMessage` builds one from those parts); `endpoint` and `field` let callers and logs point
 * at the exact wire spot.
 */
import type { EndpointName } from './endpoints.js';

/** The parts of an error message: what happened, the offending value (never a key), what to do. */
export interface ErrorMessageParts {
  readonly happened: string;
  readonly value?: unknown;
  readonly todo?: string;
}

/** "what happened (value); what to do" — the house style of every error message. */
export function errorMessage(parts: ErrorMessageParts): string {
  const value = 'value' in parts ? ` (${describeValue(parts.value)})` : '';
  const todo = parts.todo ? `; ${parts.todo}` : '';
  return `${parts.happened}${value}${todo}`;
}

/**
 * The base of every error the project throws for what really went wrong (expected outcomes travel
 * as values): a `code` from the subclass's own union, whether retrying later can help
 * (`retryable`), the original exception as `cause`, and a message saying what happened, the value
 * and what to do. Abstract: each layer throws its own subclass.
 */
export abstract class CodedError<C extends string = string> extends Error {
  readonly code: C;
  readonly retryable: boolean;

  protected constructor(code: C, message: string | ErrorMessageParts, retryable: boolean, options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : errorMessage(message), options);
    this.code = code;
    this.retryable = retryable;
  }
}

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
export class ProtocolError extends CodedError<ProtocolErrorCode> {
  override readonly name = 'ProtocolError';
  readonly endpoint?: EndpointName;
  readonly field?: string;
  declare readonly retryable: false;

  constructor(code: ProtocolErrorCode, message: string, options: ProtocolErrorOptions = {}) {
    // The field is named once: readers already put the dotted path into their messages.
    const field = options.field !== undefined && !message.includes(options.field) ? options.field : undefined;
    const where = [options.endpoint, field].filter(Boolean).join(' ');
    super(code, where ? `${where}: ${message}` : message, false, options.cause === undefined ? undefined : { cause: options.cause });
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
