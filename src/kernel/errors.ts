/**
 * The app's one error hierarchy (design.md "Errors and logs"). Expected outcomes travel as values;
 * these are for what really went wrong. Messages say what happened, the offending value (never a
 * key), and what to do.
 */

/** Error codes across the app; grouped by the subclass that raises them. */
export type TerminalErrorCode =
  | 'storage_unavailable'
  | 'storage_failed'
  | 'vault_locked'
  | 'vault_corrupt'
  | 'transport_failed'
  | 'bad_reply'
  | 'provisioning_invalid'
  | 'device_failed'
  | 'not_ready';

/** Base class: a code, whether retrying can help, and the cause. */
export class TerminalError extends Error {
  override readonly name: string = 'TerminalError';
  constructor(
    readonly code: TerminalErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** IndexedDB or the vault failed. */
export class StorageError extends TerminalError {
  override readonly name = 'StorageError';
}

/** The relay or the network failed in a way that is not an expected call outcome. */
export class TransportError extends TerminalError {
  override readonly name = 'TransportError';
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
