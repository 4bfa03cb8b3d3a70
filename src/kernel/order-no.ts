/**
 * Order and refund numbers (spec §11): `cloud_cashier_id` prefix + device part + forward part.
 *
 * - Device part: digits of a hash of the binding's device id, so two terminals of one merchant
 *   paying in the same millisecond still differ (003 L10240-10244). Always digits: with the
 *   recommended numeric prefix the whole number stays digits-only and the receipt barcode scans.
 * - Forward part: a hybrid clock, `max(serverNowMs, lastForward + 1)`, 13 digits. It is the
 *   "server-synced time + persisted counter" in one number: the counter is the persisted last
 *   value, and the time keeps it moving forward when the counter is lost.
 *
 * Why a number is never reused, even after the app's data is wiped: every forward value ever
 * issued is ≤ the server time at issue + the burst lead (one extra ms per number issued within
 * the same millisecond, i.e. at most a few ms). A wiped terminal must be bound again (QR scan in
 * the merchant app, minutes) before it can pay, so the server time it then reads is already past
 * every value issued before the wipe. Server time (ping offset), not the local clock, is used so a
 * terminal whose clock was set back does not go backwards. The OrderNumberPort persists the new
 * forward value before handing the number out, so a crash cannot hand it out twice.
 */

/** Longest out_trade_no / out_refund_no cpay accepts (String(32)). */
export const MAX_ORDER_NO_LENGTH = 32;
/** Width of the forward part: milliseconds since the epoch, zero-padded (valid until 2286). */
export const FORWARD_DIGITS = 13;
/**
 * Preferred width of the device part: all ten digits of the 32-bit hash (8-digit prefix → 31
 * characters), so two terminals of one merchant share a device part with odds near 1 in 4·10⁹;
 * shrinks (down to MIN_DEVICE_DIGITS) for long prefixes.
 */
export const DEVICE_DIGITS = 10;
/** Fewest device digits accepted; below this, collisions between terminals get too likely. */
export const MIN_DEVICE_DIGITS = 3;

/** What `nextOrderNo` needs: the prefix, the device identity and the persisted forward value. */
export interface OrderNoInput {
  /** `cloud_cashier_id` from the binding, used verbatim (spec §15 #45). */
  readonly prefix: string;
  /** The binding's device id (or the sn): stable per terminal, unique within the merchant. */
  readonly deviceKey: string;
  /** Last forward value persisted by the OrderNumberPort; undefined on first use or after a wipe. */
  readonly lastForward: number | undefined;
  /** Server-synchronised time in ms (Clock.serverNow()). */
  readonly nowMs: number;
}

/** Why no number could be made. */
export type OrderNoError =
  | { readonly kind: 'bad_prefix'; readonly prefix: string }
  | { readonly kind: 'prefix_too_long'; readonly prefix: string; readonly maxLength: number }
  | { readonly kind: 'bad_clock'; readonly nowMs: number };

/** The number and the forward value the port must persist before using it. */
export type OrderNoResult = { readonly ok: true; readonly orderNo: string; readonly forward: number } | { readonly ok: false; readonly error: OrderNoError };

const PREFIX_CHARS = /^[0-9A-Za-z]+$/;
const MAX_PREFIX_LENGTH = MAX_ORDER_NO_LENGTH - FORWARD_DIGITS - MIN_DEVICE_DIGITS;

/** FNV-1a 32-bit over UTF-16 code units: small, stable, well spread for short ids. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The device part for a prefix length: `width` digits of the device key's hash. */
export function devicePart(deviceKey: string, width: number): string {
  return String(fnv1a32(deviceKey) % 10 ** width).padStart(width, '0');
}

/** The next forward value: strictly greater than the last one, and never behind the server clock. */
export function nextForward(lastForward: number | undefined, nowMs: number): number {
  const floor = Math.floor(nowMs);
  return lastForward === undefined ? floor : Math.max(floor, lastForward + 1);
}

/** Computes the next order number from (last persisted forward value, now). Pure. */
export function nextOrderNo(input: OrderNoInput): OrderNoResult {
  const { prefix, deviceKey, lastForward, nowMs } = input;
  if (!PREFIX_CHARS.test(prefix)) return { ok: false, error: { kind: 'bad_prefix', prefix } };
  if (prefix.length > MAX_PREFIX_LENGTH) {
    return { ok: false, error: { kind: 'prefix_too_long', prefix, maxLength: MAX_PREFIX_LENGTH } };
  }
  const forward = nextForward(lastForward, nowMs);
  if (!Number.isSafeInteger(forward) || forward < 0 || String(forward).length > FORWARD_DIGITS) {
    return { ok: false, error: { kind: 'bad_clock', nowMs } };
  }
  const width = Math.min(DEVICE_DIGITS, MAX_ORDER_NO_LENGTH - FORWARD_DIGITS - prefix.length);
  const orderNo = prefix + devicePart(deviceKey, width) + String(forward).padStart(FORWARD_DIGITS, '0');
  return { ok: true, orderNo, forward };
}
