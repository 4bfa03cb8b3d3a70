/**
 * Builds one wire transcript per endpoint from the samples with fixed keys: exactly what a client
 * sends and what cpay (or the simulator) answers, so a third party can write a client from them.
 */
import { ENDPOINTS, type EndpointName, buildResponseEnvelope, codecs, prepareRequest } from '../src/index.js';
import { KEYS, SAMPLES } from './samples.js';

/** The JSON stored in fixtures/transcripts/<endpoint>.json. */
export interface Transcript {
  readonly endpoint: EndpointName;
  readonly envelope: 'full' | 'brief' | 'none';
  /** Which of `keys` signs request and response ('none' = unsigned). */
  readonly signedWith: 'initialKey' | 'paymentKey' | 'none';
  readonly keys: typeof KEYS;
  readonly request: { readonly path: string; readonly method: 'POST' | 'GET'; readonly body: string };
  readonly response: { readonly body: string };
  /** The same exchange in the package's domain types. */
  readonly decoded: { readonly request: unknown; readonly reply: unknown };
}

const KEY_NAME = { initial: 'initialKey', payment: 'paymentKey', none: 'none' } as const;

/** Generates the transcript of one endpoint (deterministic: fixed keys, nonces and salt). */
export async function makeTranscript<E extends EndpointName>(endpoint: E): Promise<Transcript> {
  const spec = ENDPOINTS[endpoint];
  const { req, reply } = SAMPLES[endpoint];
  const signedWith = KEY_NAME[spec.key];
  const key = signedWith === 'none' ? null : KEYS[signedWith];
  const request = await prepareRequest(endpoint, req, key);
  const inner = JSON.stringify(codecs[endpoint].encodeResponse(reply));
  const body = spec.envelope === 'none' ? inner : await buildResponseEnvelope(spec.envelope, inner, key);
  return { endpoint, envelope: spec.envelope, signedWith, keys: KEYS, request, response: { body }, decoded: { request: req, reply } };
}
