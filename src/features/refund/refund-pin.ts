/**
 * The manager PIN asked before a refund: only a PBKDF2-SHA256 hash (WebCrypto) with a random
 * salt is stored, never the PIN. Verification recomputes the hash and compares in constant time.
 */

/** A stored PIN hash. */
export interface PinRecord {
  readonly algorithm: 'PBKDF2-SHA256';
  readonly iterations: number;
  /** Base64 of 16 random bytes. */
  readonly salt: string;
  /** Base64 of the 32-byte derived key. */
  readonly hash: string;
}

/** Work factor for new hashes (OWASP 2023 guidance for PBKDF2-SHA256). */
export const PIN_ITERATIONS = 600_000;
/** PINs are 4 to 8 digits: typed on a numeric keypad. */
export const PIN_PATTERN = /^\d{4,8}$/;

/** True when `pin` has an acceptable shape. */
export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

const toB64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const material = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  return new Uint8Array(bits);
}

/** Hashes a new PIN with a fresh salt. Throws RangeError for a PIN of the wrong shape. */
export async function hashPin(pin: string, iterations: number = PIN_ITERATIONS): Promise<PinRecord> {
  if (!isValidPin(pin)) throw new RangeError('the manager PIN must be 4 to 8 digits');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toB64(salt), hash: toB64(await derive(pin, salt, iterations)) };
}

/** True when `pin` matches the record. */
export async function verifyPin(pin: string, record: PinRecord): Promise<boolean> {
  if (!isValidPin(pin)) return false;
  const actual = await derive(pin, fromB64(record.salt), record.iterations);
  const expected = fromB64(record.hash);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i += 1) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}

/** Narrows stored data to a PinRecord (settings can be anything after a downgrade). */
export function isPinRecord(value: unknown): value is PinRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['algorithm'] === 'PBKDF2-SHA256' && typeof v['iterations'] === 'number' && typeof v['salt'] === 'string' && typeof v['hash'] === 'string';
}
