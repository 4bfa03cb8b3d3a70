/**
 * The server side of the helpers, for the simulator and for merchant back ends that receive cpay
 * calls: decode an incoming request (before the key is known: binding calls are keyed by the
 * `sn_code` inside them), verify it over the exact text, and build a signed reply.
 */
import { type EncodeResponseOptions, type RequestOf, type ResponseOf, codecs, parseUseDeviceSettingQuery } from './codecs/index.js';
import { ENDPOINTS, type EndpointName } from './endpoints.js';
import { type OpenedEnvelope, buildResponseEnvelope, openEnvelope, verifyEnvelope } from './envelope.js';
import { ProtocolError, describeValue } from './errors.js';
import { statusRequiresSignature } from './status.js';
import type { Reply } from './types.js';

/** A decoded incoming request; `opened` is null for unenveloped calls (ping, GET). */
export interface ReceivedRequest<E extends EndpointName> {
  readonly endpoint: E;
  readonly request: RequestOf<E>;
  readonly opened: OpenedEnvelope | null;
}

/**
 * Parses and decodes a request without verifying it. `query` is the GET query string
 * (use_device_setting); `body` the POST body. Throws ProtocolError for malformed input.
 */
export function parseRequest<E extends EndpointName>(endpoint: E, input: { readonly body: string; readonly query?: string }): ReceivedRequest<E> {
  const spec = ENDPOINTS[endpoint];
  const codec = codecs[endpoint];
  if (spec.method === 'GET') return { endpoint, request: codec.decodeRequest(parseUseDeviceSettingQuery(input.query ?? '')), opened: null };
  if (spec.envelope === 'none') return { endpoint, request: codec.decodeRequest({}), opened: null };
  const opened = openEnvelope(spec.envelope, input.body, 'request', endpoint);
  return { endpoint, request: codec.decodeRequest(opened.inner), opened };
}

/**
 * Verifies a parsed request with the key the server holds for it; throws `missing_signature` or
 * `bad_signature` (cpay answers those with status 101). Unenveloped calls pass.
 */
export async function verifyRequest(received: ReceivedRequest<EndpointName>, key: string): Promise<void> {
  const { opened, endpoint } = received;
  if (opened === null) return;
  const field = opened.kind === 'brief' ? 'a' : 'authen_info.a.authen_code';
  if (opened.code === undefined)
    throw new ProtocolError('missing_signature', "request carries no authentication code; sign it with the endpoint's key", { endpoint, field });
  if (!(await verifyEnvelope(opened, key))) {
    throw new ProtocolError(
      'bad_signature',
      `authentication code ${describeValue(opened.code)} does not match the request; check the key and sign the exact request text`,
      { endpoint, field },
    );
  }
}

/** How to sign a reply: 'auto' leaves status 3 and 101 unsigned (§9.1) and signs the rest. */
export interface PrepareResponseOptions extends EncodeResponseOptions {
  readonly sign?: 'auto' | 'always' | 'never';
}

/** Builds a reply body: the inner text serialised once, then enveloped and signed with `key`. */
export async function prepareResponse<E extends EndpointName>(
  endpoint: E,
  reply: Reply<ResponseOf<E>>,
  key: string | null,
  options: PrepareResponseOptions = {},
): Promise<string> {
  const spec = ENDPOINTS[endpoint];
  const innerText = JSON.stringify(codecs[endpoint].encodeResponse(reply, options));
  if (spec.envelope === 'none') return innerText;
  const mode = options.sign ?? 'auto';
  const signed = mode === 'always' || (mode === 'auto' && statusRequiresSignature(reply.status));
  if (signed && key === null) {
    throw new ProtocolError('bad_value', `status ${reply.status} replies must be signed; pass the ${spec.key} key`, { endpoint, field: 'key' });
  }
  return buildResponseEnvelope(spec.envelope, innerText, signed ? key : null);
}
