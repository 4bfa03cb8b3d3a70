import { describe, expect, it } from 'vitest';
import { KEYS, SAMPLES } from '../test/samples.js';
import { ENDPOINT_NAMES, type EndpointName, ENDPOINTS, parseRequest, prepareRequest, prepareResponse, readResponse, verifyRequest } from './index.js';

const keyOf = (e: EndpointName) => (ENDPOINTS[e].key === 'initial' ? KEYS.initialKey : ENDPOINTS[e].key === 'payment' ? KEYS.paymentKey : null);
const split = (path: string) => path.split('?')[1] ?? '';

describe('server helpers: client → server → client for every endpoint', () => {
  it.each(ENDPOINT_NAMES.map((e) => [e]))('%s', async (e) => {
    const key = keyOf(e);
    const sent = await prepareRequest(e, SAMPLES[e].req, key);
    const received = parseRequest(e, { body: sent.body, query: split(sent.path) });
    expect(received.request).toStrictEqual(SAMPLES[e].req);
    if (key !== null) await expect(verifyRequest(received, key)).resolves.toBeUndefined();
    const body = await prepareResponse(e, SAMPLES[e].reply, key);
    expect(await readResponse(e, body, key)).toStrictEqual(SAMPLES[e].reply);
  });
});

describe('server verification and signing rules', () => {
  it('rejects a request signed with another key or not signed', async () => {
    const sent = await prepareRequest('brief_micro_pay', SAMPLES.brief_micro_pay.req, KEYS.paymentKey);
    const received = parseRequest('brief_micro_pay', { body: sent.body });
    await expect(verifyRequest(received, KEYS.initialKey)).rejects.toMatchObject({ code: 'bad_signature', endpoint: 'brief_micro_pay', field: 'a' });
    const unsigned = parseRequest('brief_micro_pay', { body: JSON.stringify({ r: JSON.parse(sent.body).r }) });
    await expect(verifyRequest(unsigned, KEYS.paymentKey)).rejects.toMatchObject({ code: 'missing_signature' });
  });
  it('leaves 3 and 101 unsigned in auto mode and refuses to sign without a key', async () => {
    const unsigned = await prepareResponse('refund', { status: 3, description: 'unknown', internalStatus: 0 }, KEYS.paymentKey);
    expect(JSON.parse(unsigned)).not.toHaveProperty('authen_info');
    const signed = await prepareResponse('refund', { status: 3, description: 'unknown', internalStatus: 0 }, KEYS.paymentKey, { sign: 'always' });
    expect(JSON.parse(signed)).toHaveProperty('authen_info.a.authen_code');
    await expect(prepareResponse('refund', { status: 0, description: '', internalStatus: 0 }, null)).rejects.toMatchObject({ code: 'bad_value', field: 'key' });
  });
});
