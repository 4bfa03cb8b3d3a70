/**
 * A shallow shape check of request envelopes (spec §3.1-§3.3), so malformed input gets a clear 400
 * from the relay instead of an opaque upstream answer. The relay only parses to check: it forwards
 * the original bytes, never a re-serialisation (the signature covers the exact inner text, §3.5).
 * Messages never quote the body (parser messages would echo customer codes).
 */
import type { EnvelopeKind } from '@cpay/protocol';

/** Result of {@link checkEnvelope}: ok, or a message for the 400 body. */
export type EnvelopeCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

const OK: EnvelopeCheck = { ok: true };

const SHAPES = {
  full: {
    text: 'request_content',
    sig: 'authen_info',
    sigType: 'object',
    example: '{"request_content":"<inner JSON text>","authen_info":{"a":{"authen_type":1,"authen_code":"<hex>"}}}',
  },
  brief: { text: 'r', sig: 'a', sigType: 'string', example: '{"r":"<inner JSON text>","a":"<hex>"}' },
} as const;

/**
 * `full` endpoints need `{"request_content":"…","authen_info":{…}}`, `brief` ones `{"r":"…","a":"…"}`;
 * `none` (ping) accepts an empty body or any JSON.
 */
export function checkEnvelope(body: Buffer, envelope: EnvelopeKind | 'none'): EnvelopeCheck {
  if (envelope === 'none' && body.length === 0) return OK;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, message: `request body is not valid JSON (${body.length} bytes); send the envelope built by prepareRequest` };
  }
  if (envelope === 'none') return OK;
  const shape = SHAPES[envelope];
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: `request body must be a JSON object: ${shape.example}` };
  }
  const o = parsed as Record<string, unknown>;
  if (typeof o[shape.text] !== 'string') {
    return { ok: false, message: `${envelope} envelope: "${shape.text}" must be a string holding the inner JSON text; expected ${shape.example}` };
  }
  const sig = o[shape.sig];
  const sigOk = shape.sigType === 'string' ? typeof sig === 'string' : typeof sig === 'object' && sig !== null && !Array.isArray(sig);
  if (!sigOk)
    return {
      ok: false,
      message: `${envelope} envelope: "${shape.sig}" must be ${shape.sigType === 'string' ? 'the signature string' : 'an object'}; expected ${shape.example}`,
    };
  return OK;
}
