/**
 * HMAC-SHA256 signing, constant-time comparison and nonces (spec §3.5, §4), on WebCrypto only.
 */
import { toHexUpper, utf8 } from './bytes.js';

/** WebCrypto's SubtleCrypto; present in browsers, workers and Node ≥ 20 as `globalThis.crypto`. */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (globalThis.crypto.subtle) is not available; use a secure context or Node >= 20');
  return s;
}

/**
 * HMAC-SHA256 of `message` with the key string's UTF-8 bytes, as 64 upper-case hex characters.
 * The message must be the exact inner JSON text, never a re-serialisation (§3.5 items 2-5).
 */
export async function hmacSha256Hex(key: string, message: string): Promise<string> {
  return toHexUpper(new Uint8Array(await subtle().sign('HMAC', await hmacKey(key), utf8(message))));
}

/**
 * The last key imported (non-extractable). A sale signs its request and verifies the answer with
 * the same key: importing it once saves a WebCrypto round trip on each (issue 21, a cheap tablet).
 */
let lastKey: { readonly raw: string; readonly key: Promise<CryptoKey> } | undefined;

function hmacKey(raw: string): Promise<CryptoKey> {
  if (lastKey?.raw === raw) return lastKey.key;
  const key = subtle().importKey('raw', utf8(raw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  lastKey = { raw, key };
  key.catch(() => {
    if (lastKey?.key === key) lastKey = undefined; // a failed import is not kept
  });
  return key;
}

/**
 * Compares two hex strings case-insensitively (§3.5 item 7) without an early exit on the first
 * differing character, so timing does not leak how much of a forged code was right.
 */
export function safeEqualHex(a: string, b: string): boolean {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x.charCodeAt(i) | 0) ^ (y.charCodeAt(i) | 0);
  return diff === 0;
}

/** The nonce alphabet of the seeds: `0-9a-zA-Z`. */
export const NONCE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A random string from `crypto.getRandomValues`, without modulo bias (rejection sampling).
 * Binding endpoints use length 8, brief/general requests 32 (§4).
 */
export function randomNonce(length: number, alphabet: string = NONCE_ALPHABET): string {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`nonce length must be a non-negative integer, got ${length}`);
  if (alphabet.length < 2 || alphabet.length > 256) throw new RangeError(`nonce alphabet needs 2..256 characters, got ${alphabet.length}`);
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    // getRandomValues fills at most 65536 bytes per call.
    for (const b of globalThis.crypto.getRandomValues(new Uint8Array(Math.min(length * 2, 65536)))) {
      if (b < limit && out.length < length) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}
