/**
 * The app's error hierarchy (design.md "Errors and logs"), one branch of the project's error family:
 * TerminalError extends `CodedError` from @cpay/protocol, the base ProtocolError and the devices'
 * DeviceError (src/platform/devices/errors.ts) share. Expected outcomes travel as values; these are
 * for what really went wrong. Messages say what happened, the offending value (never a key), and
 * what to do.
 */
import { CodedError, type ErrorMessageParts } from '@cpay/protocol';

/** Error codes of the app's own errors; grouped by the subclass that raises them. */
export type TerminalErrorCode = 'storage_unavailable' | 'storage_failed' | 'vault_locked' | 'vault_corrupt' | 'not_ready';

/** Base class of the app's errors: a code, whether retrying can help, and the cause. */
export class TerminalError extends CodedError<TerminalErrorCode> {
  override readonly name: string = 'TerminalError';
  constructor(code: TerminalErrorCode, message: string | ErrorMessageParts, retryable: boolean, options?: { cause?: unknown }) {
    super(code, message, retryable, options);
  }
}

/** IndexedDB or the vault failed. */
export class StorageError extends TerminalError {
  override readonly name = 'StorageError';
}

/**
 * The terminal is not set up to take money on live cpay (e.g. its sub_terminal_type is still the
 * documents' example): an integrator must fix the configuration; nothing was sent.
 */
export class NotReadyError extends TerminalError {
  override readonly name = 'NotReadyError';
  constructor(message: string) {
    super('not_ready', message, false);
  }
}

/** Describes any thrown value in one line, for logs and messages (never includes keys). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
