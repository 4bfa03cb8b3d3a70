/**
 * The codec shape and the one generic builder most endpoints share: response head, wrapper lookup
 * (object or nested JSON string, aliases, fallback) and top-level payloads (spec §15 #1-3, #17-18).
 */
import { ENDPOINTS, type EndpointName } from '../endpoints.js';
import { ProtocolError, describeValue } from '../errors.js';
import type { Reply, ResponseHead } from '../types.js';
import { type HeadKind, decodeHead, encodeHead } from './head.js';
import { type Json, WireReader, isJson } from './read.js';

/** Choices the simulator may make when writing a response. */
export interface EncodeResponseOptions {
  /** Wrapper key to emit instead of the endpoint's preferred one (e.g. the seeds' example name). */
  readonly wrapper?: string;
  /** Emit the business object as a JSON string (binding replies, §15 #3) or as an object. */
  readonly nestAsString?: boolean;
  /** Emit only the payload, without head and wrapper, as the list/overview examples do (§15 #17). */
  readonly headless?: boolean;
}

/** Encoder/decoder pair for one endpoint; the only place wire names appear. */
export interface Codec<Req, Res> {
  readonly endpoint: EndpointName;
  /** Domain request → wire inner object (client side). */
  encodeRequest(req: Req): Json;
  /** Wire inner object → domain request; strict (simulator side). */
  decodeRequest(inner: unknown): Req;
  /** Domain reply → wire inner object (simulator side). */
  encodeResponse(reply: Reply<Res>, options?: EncodeResponseOptions): Json;
  /** Wire inner object → domain reply; tolerant only where spec §15 says. */
  decodeResponse(inner: unknown): Reply<Res>;
}

/** What an endpoint module supplies to {@link defineCodec}. */
export interface CodecParts<Req, Res> {
  readonly head: HeadKind;
  encodeRequest(req: Req): Json;
  decodeRequest(r: WireReader): Req;
  encodeBody(body: Res): Json;
  decodeBody(r: WireReader): Res;
  /** 'required': a success reply without the business object is malformed. */
  readonly bodyOnSuccess: 'required' | 'optional';
  /** Recognises the business object under an undocumented key (§15 #1). */
  readonly fallback?: (value: Json) => boolean;
  /** Keys that show the payload sits at the top level without a head (§15 #17). */
  readonly topLevelKeys?: readonly string[];
  readonly nestAsString?: boolean;
}

function unwrapValue(r: WireReader, key: string): Json | undefined {
  const v = r.obj[key];
  if (typeof v === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch (cause) {
      throw new ProtocolError('malformed_json', `${r.field(key)} holds a string that is not JSON (${describeValue(v)})`, {
        endpoint: r.endpoint,
        field: r.field(key),
        cause,
      });
    }
    if (!isJson(parsed)) throw r.fail('bad_type', key, 'expected a JSON object (or its JSON text)');
    return parsed;
  }
  if (v === undefined || v === null) return undefined;
  if (!isJson(v)) throw r.fail('bad_type', key, 'expected an object or its JSON text');
  return v;
}

/** Finds the business object: documented names first, then the fallback predicate over other keys. */
export function findWrapped(r: WireReader, names: readonly string[], fallback?: (v: Json) => boolean): WireReader | undefined {
  for (const name of names) {
    const v = unwrapValue(r, name);
    if (v) return new WireReader(r.endpoint, r.field(name), v);
  }
  if (!fallback) return undefined;
  for (const key of Object.keys(r.obj)) {
    const raw = r.obj[key];
    if (typeof raw !== 'string' && !isJson(raw)) continue;
    let v: Json | undefined;
    try {
      v = unwrapValue(r, key);
    } catch {
      continue;
    } // other string fields are not JSON; not our object
    if (v && fallback(v)) return new WireReader(r.endpoint, r.field(key), v);
  }
  return undefined;
}

const SUCCESS_HEAD: ResponseHead = { status: 0, description: '', internalStatus: 0 };

/** Builds a codec from per-endpoint parts plus the endpoint table's wrapper names. */
export function defineCodec<Req, Res>(endpoint: EndpointName, parts: CodecParts<Req, Res>): Codec<Req, Res> {
  const wrappers = ENDPOINTS[endpoint].responseWrappers;
  const statusKey = parts.head === 'brief' ? 's' : 'status';
  return {
    endpoint,
    encodeRequest: (req) => parts.encodeRequest(req),
    decodeRequest: (inner) => parts.decodeRequest(WireReader.of(endpoint, inner, '')),
    encodeResponse(reply, options = {}) {
      if (options.headless && reply.body !== undefined) return parts.encodeBody(reply.body);
      const out: Json = encodeHead(parts.head, reply);
      const wrapper = options.wrapper ?? wrappers[0];
      if (reply.body !== undefined && wrapper !== undefined) {
        const body = parts.encodeBody(reply.body);
        out[wrapper] = (options.nestAsString ?? parts.nestAsString) ? JSON.stringify(body) : body;
      }
      return out;
    },
    decodeResponse(inner) {
      const r = WireReader.of(endpoint, inner, '');
      // List/overview examples carry neither head nor wrapper (§15 #17): payload means success.
      const headless = parts.topLevelKeys !== undefined && !r.has(statusKey);
      const found = findWrapped(r, wrappers, parts.fallback) ?? (headless && (parts.topLevelKeys ?? []).some((k) => r.has(k)) ? r : undefined);
      const head = headless && found ? SUCCESS_HEAD : decodeHead(parts.head, r);
      if (!found) {
        if (head.status === 0 && parts.bodyOnSuccess === 'required') {
          throw r.fail('missing_field', wrappers[0] ?? 'body', 'a success reply must carry the business object');
        }
        return head;
      }
      return { ...head, body: parts.decodeBody(found) };
    },
  };
}
