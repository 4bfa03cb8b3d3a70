/**
 * The simulator's crypto: HMAC and AES come from @cpay/protocol (one implementation of the wire
 * crypto); the binding-QR sign check is written out here from spec §5.3 on purpose, so the
 * protocol package's QR builder is checked against an independent reading of the spec.
 */
import { encryptAuthenKey, hmacSha256Hex, safeEqualHex } from '@cpay/protocol';

export { encryptAuthenKey, hmacSha256Hex, safeEqualHex };

/** True when `code` is the HMAC-SHA256 of `text` under `key` (case-insensitive hex). */
export async function verifyHmac(key: string, text: string, code: string): Promise<boolean> {
  return safeEqualHex(await hmacSha256Hex(key, text), code);
}

/** The parameters of a binding QR URL (`…?ac=&rs=&sn=&sign=`, parsed by name, spec §15 #10). */
export interface QrParams {
  readonly base: string;
  readonly ac: string;
  readonly rs: string;
  readonly sn: string;
  readonly sign: string;
}

/** Parses a binding QR URL; undefined when it is not a URL or a parameter is missing. */
export function parseQrUrl(url: string): QrParams | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const p = (k: string) => u.searchParams.get(k) ?? '';
  const parsed = { base: `${u.origin}${u.pathname}`, ac: p('ac'), rs: p('rs'), sn: p('sn'), sign: p('sign') };
  return parsed.ac && parsed.rs && parsed.sn && parsed.sign ? parsed : undefined;
}

/**
 * Checks the QR `sign` = HMAC-SHA256(initial key, `ac=…&rs=…&sn=…`). The documented example only
 * verifies with the lower-case key (spec §3.6), so both the key as stored and lower-case pass.
 */
export async function verifyQrSign(q: QrParams, initialKey: string): Promise<boolean> {
  const text = `ac=${q.ac}&rs=${q.rs}&sn=${q.sn}`;
  for (const key of new Set([initialKey, initialKey.toLowerCase()])) {
    if (await verifyHmac(key, text, q.sign)) return true;
  }
  return false;
}
