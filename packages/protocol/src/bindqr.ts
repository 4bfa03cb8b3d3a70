/**
 * The binding QR URL (spec §5.3): `mini_program_url?ac=…&rs=…&sn=…&sign=…`, where sign =
 * HMAC-SHA256(initial key, `ac=…&rs=…&sn=…`). The documented sign is reproduced only with the
 * lower-case form of the initial key, so the key case is a parameter.
 */
import { hmacSha256Hex, safeEqualHex } from './crypto.js';
import { ProtocolError } from './errors.js';

/** Inputs of the QR sign. */
export interface BindQrSignParams {
  readonly activator: string;
  /** `rs`: 8 random characters chosen by the terminal. */
  readonly nonce: string;
  readonly sn: string;
  readonly initialKey: string;
  /** 'lower' reproduces the documented example; 'as-stored' uses the key unchanged. */
  readonly keyCase: 'lower' | 'as-stored';
}

/** A parsed binding QR URL. */
export interface ParsedBindQr {
  readonly base: string;
  readonly activator: string;
  readonly nonce: string;
  readonly sn: string;
  readonly sign: string;
}

const signedText = (activator: string, nonce: string, sn: string) => `ac=${activator}&rs=${nonce}&sn=${sn}`;

/** The `sign` parameter: 64 upper-case hex characters. */
export function bindQrSign(p: BindQrSignParams): Promise<string> {
  const key = p.keyCase === 'lower' ? p.initialKey.toLowerCase() : p.initialKey;
  return hmacSha256Hex(key, signedText(p.activator, p.nonce, p.sn));
}

/** Builds the URL in the documented example's order: ac, rs, sn, sign. */
export async function buildBindQrUrl(p: BindQrSignParams & { readonly miniProgramUrl: string }): Promise<string> {
  const sign = await bindQrSign(p);
  const sep = p.miniProgramUrl.includes('?') ? '&' : '?';
  const q = [
    ['ac', p.activator],
    ['rs', p.nonce],
    ['sn', p.sn],
    ['sign', sign],
  ]
    .map(([k, v]) => `${k}=${encodeURIComponent(v ?? '')}`)
    .join('&');
  return `${p.miniProgramUrl}${sep}${q}`;
}

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch (cause) {
    throw new ProtocolError('bad_value', `binding QR parameter ${JSON.stringify(value)} is not valid percent-encoding`, { cause });
  }
}

/** Parses a binding QR URL by parameter name (the template and the example order differ, §15 #10). */
export function parseBindQrUrl(url: string): ParsedBindQr {
  const q = url.indexOf('?');
  if (q < 0) throw new ProtocolError('bad_value', `binding QR URL has no query string: ${JSON.stringify(url.slice(0, 80))}`);
  const params = new Map<string, string>();
  for (const pair of url
    .slice(q + 1)
    .split('#')[0]
    ?.split('&') ?? []) {
    const eq = pair.indexOf('=');
    if (eq > 0) params.set(pair.slice(0, eq), decodeParam(pair.slice(eq + 1)));
  }
  const need = (name: string): string => {
    const v = params.get(name);
    if (v === undefined || v === '') {
      throw new ProtocolError('missing_field', `binding QR URL lacks "${name}"; scan the QR shown by the terminal again`, { field: name });
    }
    return v;
  };
  return { base: url.slice(0, q), activator: need('ac'), nonce: need('rs'), sn: need('sn'), sign: need('sign') };
}

/** Checks a parsed QR's sign against the initial key as stored or lower-cased (§5.3). */
export async function verifyBindQrSign(parsed: ParsedBindQr, initialKey: string): Promise<boolean> {
  for (const keyCase of ['as-stored', 'lower'] as const) {
    const expected = await bindQrSign({ ...parsed, initialKey, keyCase });
    if (safeEqualHex(expected, parsed.sign)) return true;
  }
  return false;
}
