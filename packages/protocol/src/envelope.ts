/**
 * Full and brief envelopes (spec §3.1, §3.2). The inner text is serialised once by the sender,
 * signed as that exact text, and verified over the exact string the receiver got after parsing
 * the outer JSON: never re-serialised, because cpay escapes `\/` and `\uXXXX` (§3.5).
 */
import { hmacSha256Hex, safeEqualHex } from './crypto.js';
import type { EndpointName, EnvelopeKind } from './endpoints.js';
import { ProtocolError, describeValue } from './errors.js';

/** Which side wrote the envelope: requests carry `request_content`/`r`, responses `response_content`/`rc`. */
export type EnvelopeSide = 'request' | 'response';

/** An opened envelope: the inner text exactly as received, its parse, and the code if any. */
export interface OpenedEnvelope {
  readonly kind: EnvelopeKind;
  readonly side: EnvelopeSide;
  readonly innerText: string;
  readonly inner: unknown;
  /** `authen_info.a.authen_code` (full) or `a` (brief); absent when unsigned. */
  readonly code?: string;
}

/** The wire key names of each envelope kind and side. */
export const ENVELOPE_KEYS = {
  full: { request: 'request_content', response: 'response_content' },
  brief: { request: 'r', response: 'rc' },
} as const;

/** Only `authen_type` 1 (HMAC-SHA256) may be used (§3.1). */
export const AUTHEN_TYPE_HMAC_SHA256 = 1;

async function wrap(kind: EnvelopeKind, side: EnvelopeSide, innerText: string, key: string | null): Promise<string> {
  const content = ENVELOPE_KEYS[kind][side];
  const code = key === null ? null : await hmacSha256Hex(key, innerText);
  if (kind === 'brief') return JSON.stringify(code === null ? { [content]: innerText } : { [content]: innerText, a: code });
  return JSON.stringify(
    code === null ? { [content]: innerText } : { [content]: innerText, authen_info: { a: { authen_type: AUTHEN_TYPE_HMAC_SHA256, authen_code: code } } },
  );
}

/** Builds a signed request body: `{"request_content":…,"authen_info":{"a":…}}` or `{"r":…,"a":…}`. */
export function buildEnvelope(kind: EnvelopeKind, innerText: string, key: string): Promise<string> {
  return wrap(kind, 'request', innerText, key);
}

/** Builds a response body; `key` null leaves it unsigned (only for status 3 and 101, §9.1). */
export function buildResponseEnvelope(kind: EnvelopeKind, innerText: string, key: string | null): Promise<string> {
  return wrap(kind, 'response', innerText, key);
}

function parseJson(text: string, what: string, endpoint: EndpointName | undefined, field?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ProtocolError('malformed_json', `${what} is not JSON (starts ${describeValue(text.slice(0, 40))}); the peer sent a broken body`, {
      endpoint,
      field,
      cause,
    });
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readCode(kind: EnvelopeKind, outer: Record<string, unknown>, endpoint?: EndpointName): string | undefined {
  const bad = (field: string, v: unknown) =>
    new ProtocolError('bad_envelope', `authentication code has an unexpected shape (${describeValue(v)}); expected a 64-hex string`, { endpoint, field });
  if (kind === 'brief') {
    if (outer.a === undefined || outer.a === null) return undefined;
    if (typeof outer.a !== 'string') throw bad('a', outer.a);
    return outer.a;
  }
  const info = outer.authen_info;
  if (info === undefined || info === null) return undefined;
  const a = isRecord(info) ? info.a : undefined;
  if (!isRecord(a) || typeof a.authen_code !== 'string') throw bad('authen_info.a.authen_code', info);
  if (a.authen_type !== undefined && a.authen_type !== AUTHEN_TYPE_HMAC_SHA256) {
    throw new ProtocolError('bad_value', `authen_type ${describeValue(a.authen_type)} is not supported; only 1 (HMAC-SHA256) is`, {
      endpoint,
      field: 'authen_info.a.authen_type',
    });
  }
  return a.authen_code;
}

/**
 * Parses an envelope body and its inner JSON. Throws `malformed_json` for unparsable text and
 * `bad_envelope` when the content key is missing or not a string.
 */
export function openEnvelope(kind: EnvelopeKind, bodyText: string, side: EnvelopeSide, endpoint?: EndpointName): OpenedEnvelope {
  const outer = parseJson(bodyText, 'envelope body', endpoint);
  const content = ENVELOPE_KEYS[kind][side];
  if (!isRecord(outer)) throw new ProtocolError('bad_envelope', `envelope is ${describeValue(outer)}, not a JSON object`, { endpoint });
  const innerText = outer[content];
  if (typeof innerText !== 'string') {
    throw new ProtocolError('bad_envelope', `${content} is ${describeValue(innerText)}; a ${kind} ${side} must carry the inner JSON as a string`, {
      endpoint,
      field: content,
    });
  }
  const inner = parseJson(innerText, content, endpoint, content);
  const code = readCode(kind, outer, endpoint);
  return code === undefined ? { kind, side, innerText, inner } : { kind, side, innerText, inner, code };
}

/** True when the envelope carries a code equal (case-insensitively) to HMAC(key, exact inner text). */
export async function verifyEnvelope(opened: Pick<OpenedEnvelope, 'innerText' | 'code'>, key: string): Promise<boolean> {
  if (opened.code === undefined) return false;
  return safeEqualHex(opened.code, await hmacSha256Hex(key, opened.innerText));
}
