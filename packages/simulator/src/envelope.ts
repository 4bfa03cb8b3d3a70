/**
 * Server-side envelopes (spec §3): reading a request's inner text and code, and writing a signed
 * (or, for status 3/101, unsigned) response in the server's escaping.
 */
import { hmacSha256Hex } from './crypto.js';
import { isObject, serverJson, tryParse, type JsonObject } from './json.js';
import { nextInt, type RngHolder } from './rng.js';
import type { Reply } from './types.js';

/** Envelope kinds a route can use. */
export type Envelope = 'full' | 'brief' | 'none';

/** A request envelope after parsing the outer JSON: the exact inner text and the code sent. */
export interface OpenedRequest {
  readonly innerText: string;
  readonly inner: JsonObject;
  readonly code: string | undefined;
}

/** Opens a request body; returns a description of the problem instead when it is malformed. */
export function openRequest(kind: 'full' | 'brief', body: string): OpenedRequest | string {
  const outer = tryParse(body);
  if (!isObject(outer)) return '请求体不是合法的JSON对象';
  const innerText = kind === 'full' ? outer['request_content'] : outer['r'];
  if (typeof innerText !== 'string') return kind === 'full' ? '缺少 request_content' : '缺少 r';
  let code: string | undefined;
  if (kind === 'brief') code = typeof outer['a'] === 'string' ? outer['a'] : undefined;
  else {
    const a = isObject(outer['authen_info']) ? outer['authen_info']['a'] : undefined;
    if (isObject(a) && a['authen_type'] !== undefined && a['authen_type'] !== 1) return '仅支持 authen_type 1（HMAC-SHA256）';
    code = isObject(a) && typeof a['authen_code'] === 'string' ? a['authen_code'] : undefined;
  }
  const inner = tryParse(innerText);
  if (!isObject(inner)) return kind === 'full' ? 'request_content 不是合法的JSON对象' : 'r 不是合法的JSON对象';
  return { innerText, inner, code };
}

/** Status values whose responses carry no signature (spec §9.1). */
export function isUnsignedStatus(status: number): boolean {
  return status === 3 || status === 101;
}

/**
 * Writes a reply as the response body of a `kind` endpoint, signed with `key` when allowed.
 * `newline` appends JsonCpp FastWriter's trailing "\n" to the signed inner text (spec §3.5 item 6).
 */
export async function writeReply(kind: Envelope, reply: Reply, key: string | null, rng: RngHolder, newline = false): Promise<string> {
  const li = nextInt(rng, 1_000_000_000, 4_294_967_295);
  const is = reply.internalStatus ?? 0;
  const extra = reply.wrapper !== undefined && reply.payload !== undefined ? { [reply.wrapper]: reply.payload } : {};
  if (kind === 'none') {
    return serverJson({ status: reply.status, description: reply.description, log_id: li, internal_status: is, ...extra });
  }
  const inner =
    (kind === 'brief'
      ? serverJson({ s: reply.status, d: reply.description, li, is, ...extra })
      : serverJson({ status: reply.status, description: reply.description, log_id: li, internal_status: is, ...extra })) + (newline ? '\n' : '');
  const code = key !== null && !isUnsignedStatus(reply.status) ? await hmacSha256Hex(key, inner) : undefined;
  if (kind === 'brief') return JSON.stringify(code ? { rc: inner, a: code } : { rc: inner });
  return JSON.stringify(code ? { response_content: inner, authen_info: { a: { authen_type: 1, authen_code: code } } } : { response_content: inner });
}
