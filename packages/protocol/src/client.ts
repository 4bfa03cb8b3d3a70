/**
 * One-call helpers for a cpay client: encode + serialise once + sign (prepareRequest), and
 * open + verify over the exact text + decode (readResponse). A reply whose signature is wrong,
 * or missing where the status requires one (§9.1, §15 #48), is an error: the caller must treat
 * the call's outcome as UNKNOWN, never as success.
 */
import { type RequestOf, type ResponseOf, codecs } from './codecs/index.js';
import type { Codec } from './codecs/codec.js';
import { HEAD_KEYS } from './codecs/head.js';
import { type Json, isJson } from './codecs/read.js';
import { ENDPOINTS, type EndpointName, isEndpointName } from './endpoints.js';
import { buildEnvelope, openEnvelope, verifyEnvelope } from './envelope.js';
import { ProtocolError, describeValue } from './errors.js';
import { statusRequiresSignature } from './status.js';
import type { Reply } from './types.js';

/** What to send: path (with query for GET), method and body text. */
export interface PreparedRequest {
  readonly path: string;
  readonly method: 'POST' | 'GET';
  readonly body: string;
}

function assertEndpoint(endpoint: string): asserts endpoint is EndpointName {
  if (!isEndpointName(endpoint)) throw new ProtocolError('unknown_endpoint', `no cpay endpoint named ${describeValue(endpoint)}`);
}

function requireKey(endpoint: EndpointName, key: string | null): string {
  if (key === null || key === '') {
    throw new ProtocolError('bad_value', `a ${ENDPOINTS[endpoint].key} key is required to sign or verify this endpoint`, { endpoint, field: 'key' });
  }
  return key;
}

/**
 * Builds the HTTP request for an endpoint. `key` is the endpoint's signing key (ENDPOINTS[e].key);
 * pass null for ping and use_device_setting.
 */
export async function prepareRequest<E extends EndpointName>(endpoint: E, req: RequestOf<E>, key: string | null): Promise<PreparedRequest> {
  assertEndpoint(endpoint);
  return prepareRequestWith(codecs[endpoint], endpoint, req, key);
}

/**
 * {@link prepareRequest} with the endpoint's codec given (a browser client loads codecs on demand:
 * `loadCodec` in codecs/load.ts, so its first screen does not carry every endpoint's codec).
 */
export async function prepareRequestWith<E extends EndpointName>(
  codec: Codec<RequestOf<E>, ResponseOf<E>>,
  endpoint: E,
  req: RequestOf<E>,
  key: string | null,
): Promise<PreparedRequest> {
  assertEndpoint(endpoint);
  const spec = ENDPOINTS[endpoint];
  const wire = codec.encodeRequest(req);
  if (spec.method === 'GET') return { path: `${spec.path}?${toQuery(wire)}`, method: 'GET', body: '' };
  if (spec.envelope === 'none') return { path: spec.path, method: spec.method, body: '' };
  const innerText = JSON.stringify(wire);
  return { path: spec.path, method: spec.method, body: await buildEnvelope(spec.envelope, innerText, requireKey(endpoint, key)) };
}

/** Query string of a GET request's wire object, in the codec's key order (use_device_setting: osi, si, sn). */
function toQuery(wire: Json): string {
  return Object.entries(wire)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

function parsePlain(endpoint: EndpointName, bodyText: string): unknown {
  try {
    return JSON.parse(bodyText) as unknown;
  } catch (cause) {
    throw new ProtocolError('malformed_json', `reply is not JSON (starts ${describeValue(bodyText.slice(0, 40))})`, { endpoint, cause });
  }
}

/** Reads the status of an unsigned reply without trusting anything else in it. */
function peekStatus(endpoint: EndpointName, kind: 'full' | 'brief', inner: unknown): number | undefined {
  const v = isJson(inner) ? inner[HEAD_KEYS[kind].status] : undefined;
  return typeof v === 'number' ? v : endpoint === 'brief_query_order_list' || endpoint === 'brief_query_order_list_overview' ? 0 : undefined;
}

/**
 * Decodes a reply body. Signed endpoints: the code is verified over the exact inner text first
 * (`bad_signature`); an absent code is accepted only for status 3 and 101 (`missing_signature`).
 * The legacy unbind reply may come plain (§15 #47).
 */
export async function readResponse<E extends EndpointName>(endpoint: E, bodyText: string, key: string | null): Promise<Reply<ResponseOf<E>>> {
  assertEndpoint(endpoint);
  return readResponseWith(codecs[endpoint], endpoint, bodyText, key);
}

/** {@link readResponse} with the endpoint's codec given (see {@link prepareRequestWith}). */
export async function readResponseWith<E extends EndpointName>(
  codec: Codec<RequestOf<E>, ResponseOf<E>>,
  endpoint: E,
  bodyText: string,
  key: string | null,
): Promise<Reply<ResponseOf<E>>> {
  assertEndpoint(endpoint);
  const spec = ENDPOINTS[endpoint];
  if (spec.envelope === 'none') return codec.decodeResponse(parsePlain(endpoint, bodyText));
  if (endpoint === 'unbind_device_sn_code') {
    const plain = parsePlain(endpoint, bodyText);
    if (isJson(plain) && !('response_content' in plain)) return codec.decodeResponse(plain);
  }
  const opened = openEnvelope(spec.envelope, bodyText, 'response', endpoint);
  if (opened.code !== undefined) {
    if (!(await verifyEnvelope(opened, requireKey(endpoint, key)))) {
      throw new ProtocolError(
        'bad_signature',
        `authentication code ${describeValue(opened.code)} does not match the reply; treat the outcome as unknown and query again`,
        { endpoint, field: spec.envelope === 'brief' ? 'a' : 'authen_info.a.authen_code' },
      );
    }
    return codec.decodeResponse(opened.inner);
  }
  const status = peekStatus(endpoint, spec.envelope, opened.inner);
  if (status === undefined || statusRequiresSignature(status)) {
    throw new ProtocolError(
      'missing_signature',
      `reply with status ${describeValue(status)} carries no authentication code; only status 3 and 101 may be unsigned. Treat the outcome as unknown`,
      { endpoint, field: spec.envelope === 'brief' ? 'a' : 'authen_info' },
    );
  }
  return codec.decodeResponse(opened.inner);
}
