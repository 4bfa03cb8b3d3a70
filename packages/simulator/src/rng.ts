/**
 * Seeded pseudo-random numbers (mulberry32) kept inside the simulator state, so the same seed and
 * the same request sequence give byte-identical answers (nonces, ids, log ids, salts).
 */

/** The PRNG's whole state: one 32-bit integer. */
export interface RngHolder {
  rng: number;
}

/** Advances the generator in `h` and returns a float in [0, 1). */
export function nextFloat(h: RngHolder): number {
  h.rng = (h.rng + 0x6d2b79f5) | 0;
  let t = h.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [min, max] (inclusive). */
export function nextInt(h: RngHolder, min: number, max: number): number {
  return min + Math.floor(nextFloat(h) * (max - min + 1));
}

/** Alphabets used for generated strings. */
export const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';
export const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';

/** A random string of `length` characters from `alphabet`. */
export function nextString(h: RngHolder, length: number, alphabet: string = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(nextFloat(h) * alphabet.length)];
  return out;
}

/** Eight random bytes (the `e_authen_key` salt). */
export function nextBytes(h: RngHolder, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(nextFloat(h) * 256);
  return out;
}
