import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES, codecs, decryptAuthenKey, readResponse } from '../src/index.js';
import { type Transcript, makeTranscript } from './transcripts.js';

const dir = new URL('./fixtures/transcripts/', import.meta.url);
const file = (e: string) => new URL(`${e}.json`, dir);
const load = (e: string) => JSON.parse(readFileSync(file(e), 'utf8')) as Transcript;

/** Independent of the package: node:crypto HMAC over the raw string found in the parsed outer JSON. */
function extract(t: Transcript, body: string, side: 'request' | 'response'): { inner: string; code: string } {
  const outer = JSON.parse(body) as Record<string, unknown>;
  const contentKey = t.envelope === 'brief' ? (side === 'request' ? 'r' : 'rc') : `${side}_content`;
  const code = t.envelope === 'brief' ? outer.a : (outer.authen_info as { a: { authen_code: unknown } }).a.authen_code;
  expect(typeof outer[contentKey]).toBe('string');
  expect(typeof code).toBe('string');
  return { inner: outer[contentKey] as string, code: code as string };
}
const hmac = (key: string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex').toUpperCase();

describe('wire transcripts (packages/protocol/test/fixtures/transcripts)', () => {
  // UPDATE_TRANSCRIPTS=1 rewrites the files from the encoders; otherwise they must match exactly.
  it.each(ENDPOINT_NAMES.map((e) => [e]))('%s: stored transcript equals what the encoders produce', async (e) => {
    const fresh = await makeTranscript(e);
    if (process.env.UPDATE_TRANSCRIPTS === '1') writeFileSync(file(e), `${JSON.stringify(fresh, null, 2)}\n`);
    expect(load(e)).toStrictEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it.each(ENDPOINT_NAMES.map((e) => [e]))('%s: signatures re-verify with node:crypto over the raw inner text', (e) => {
    const t = load(e);
    if (t.signedWith === 'none') {
      expect(t.request.body === '' || t.request.method === 'GET').toBe(true);
      expect(() => JSON.parse(t.response.body) as unknown).not.toThrow();
      return;
    }
    const key = t.keys[t.signedWith];
    for (const [side, body] of [
      ['request', t.request.body],
      ['response', t.response.body],
    ] as const) {
      const { inner, code } = extract(t, body, side);
      expect(code).toBe(hmac(key, inner));
      expect(code).not.toBe(hmac(key, `${inner} `));
    }
  });

  it.each(ENDPOINT_NAMES.map((e) => [e]))('%s: the package decodes the stored exchange back to the domain values', async (e) => {
    const t = load(e);
    const key = t.signedWith === 'none' ? null : t.keys[t.signedWith];
    expect(JSON.parse(JSON.stringify(await readResponse(e, t.response.body, key)))).toStrictEqual(t.decoded.reply);
    if (t.envelope !== 'none') {
      const requestInner = extract(t, t.request.body, 'request').inner;
      expect(JSON.parse(JSON.stringify(codecs[e].decodeRequest(JSON.parse(requestInner))))).toStrictEqual(t.decoded.request);
    }
  });

  it('the binding transcript carries an e_authen_key that decrypts to the payment key', async () => {
    const t = load('get_bill_device_bind_info');
    const reply = await readResponse('get_bill_device_bind_info', t.response.body, t.keys.initialKey);
    expect(reply.body?.activated && reply.body.eAuthenKey && (await decryptAuthenKey(reply.body.eAuthenKey, t.keys.initialKey))).toBe(t.keys.paymentKey);
  });
});
