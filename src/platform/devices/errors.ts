/**
 * The device layer's one error type (design.md "Errors and logs").
 *
 * Every transport failure becomes a `DeviceError` whose `code` says what happened and whose
 * `retryable` flag (from a data table, never decided ad hoc) says whether trying again later can
 * help. `cause` keeps the platform's original exception (a DOMException from WebUSB/WebHID).
 */

import { CodedError, type ErrorMessageParts } from '@cpay/protocol';

/** Whether each failure can clear up by itself (replug, another app releasing the device). */
export const DEVICE_ERROR_RETRYABLE = {
  /** The browser has no WebUSB/WebHID/camera API (Safari, Firefox, insecure context). */
  unsupported: false,
  /** The user dismissed the chooser or the permission was revoked. */
  permission_denied: false,
  /** No granted device matched the filters. */
  not_found: false,
  /** Another tab, app or driver has claimed the interface. */
  busy: true,
  /** The device went away (unplugged, powered off) or is not open. */
  disconnected: true,
  /** A USB transfer failed or stalled (paper out, cover open, cable noise). */
  transfer_failed: true,
  /** The device has no interface we can print through (no bulk OUT endpoint). */
  no_bulk_out: false,
  /** A report or frame we could not make sense of. */
  bad_report: false,
  /** A camera could not be opened, or no barcode decoder could be loaded. */
  camera_unavailable: false,
} as const;

/** Union of every device failure code. */
export type DeviceErrorCode = keyof typeof DEVICE_ERROR_RETRYABLE;

/** Which kind of device failed. */
export type DeviceKind = 'printer' | 'scanner' | 'camera' | 'voice';

/**
 * A device failure with a typed code; messages say what happened and what to do. One branch of the
 * project's error family (`CodedError` from @cpay/protocol); `retryable` comes from the table above.
 */
export class DeviceError extends CodedError<DeviceErrorCode> {
  override readonly name = 'DeviceError';
  readonly device: DeviceKind;

  constructor(code: DeviceErrorCode, device: DeviceKind, message: string | ErrorMessageParts, options?: { cause?: unknown }) {
    super(code, message, DEVICE_ERROR_RETRYABLE[code], options);
    this.device = device;
  }
}

/** True for a `DeviceError` (optionally of the given code). */
export function isDeviceError(e: unknown, code?: DeviceErrorCode): e is DeviceError {
  return e instanceof DeviceError && (code === undefined || e.code === code);
}

/**
 * Maps a WebUSB/WebHID DOMException to a DeviceError. Chromium reports a claimed interface as
 * `InvalidStateError`/"Unable to claim interface", a vanished device as `NotFoundError`, a refused
 * chooser as `NotFoundError` ("No device selected") or `SecurityError`, a transfer failure as
 * `NetworkError`.
 */
export function fromPlatformError(e: unknown, device: DeviceKind, doing: string): DeviceError {
  if (e instanceof DeviceError) return e;
  const name = e instanceof Error ? e.name : '';
  const msg = e instanceof Error ? e.message : String(e);
  const code = platformErrorCode(name, msg);
  return new DeviceError(code, device, `${device}: ${doing} failed (${name || 'error'}: ${msg})`, { cause: e });
}

function platformErrorCode(name: string, msg: string): DeviceErrorCode {
  if (name === 'SecurityError' || name === 'NotAllowedError') return 'permission_denied';
  if (/no device selected/i.test(msg)) return 'permission_denied';
  if (/must be opened|not open/i.test(msg)) return 'disconnected';
  if (/claim|busy|in use/i.test(msg) || name === 'InvalidStateError') return 'busy';
  if (name === 'NotFoundError' || /disconnect/i.test(msg)) return 'disconnected';
  if (name === 'NetworkError' || /transfer/i.test(msg)) return 'transfer_failed';
  return 'transfer_failed';
}
