import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../test/samples.js';
import { ENDPOINT_NAMES, type Codec, type EndpointName, type Reply, type RequestOf, type ResponseOf, codecs } from './index.js';

/** Through real JSON text, as the wire does. */
const wire = (o: object): unknown => JSON.parse(JSON.stringify(o));

function roundTrip<E extends EndpointName>(e: E) {
  const codec = codecs[e];
  const sample = SAMPLES[e];
  expect(codec.decodeRequest(wire(codec.encodeRequest(sample.req)))).toStrictEqual(sample.req);
  expect(codec.decodeResponse(wire(codec.encodeResponse(sample.reply)))).toStrictEqual(sample.reply);
}

describe('codec round trips', () => {
  it.each(ENDPOINT_NAMES.map((e) => [e]))('%s: encode → decode gives back request and reply', (e) => roundTrip(e));

  it('round-trips error replies without a body', () => {
    for (const e of ENDPOINT_NAMES.filter((n) => n !== 'ping')) {
      const reply = { status: 104, description: '余额不足', logId: 1, internalStatus: 407 };
      expect(codecs[e].decodeResponse(wire(codecs[e].encodeResponse(reply)))).toEqual(reply);
    }
  });

  it('binding replies decode whether nested as a string or an object, under either wrapper name', () => {
    const { reply } = SAMPLES.get_bill_device_bind_info;
    for (const options of [{}, { nestAsString: false }, { wrapper: 'bill_device_bind_sn' }, { wrapper: 'anything_else' }]) {
      expect(codecs.get_bill_device_bind_info.decodeResponse(wire(codecs.get_bill_device_bind_info.encodeResponse(reply, options)))).toEqual(reply);
    }
    const encoded = codecs.get_bill_device_bind_info.encodeResponse(reply);
    expect(typeof encoded.get_bill_device_bind_info_response).toBe('string');
  });

  it('list and overview replies can be written headless, as the seed examples are', () => {
    const check = <E extends 'brief_query_order_list' | 'brief_query_order_list_overview'>(
      e: E,
      codec: Codec<RequestOf<E>, ResponseOf<E>>,
      reply: Reply<ResponseOf<E>>,
    ) => {
      const inner = wire(codec.encodeResponse(reply, { headless: true })) as Record<string, unknown>;
      expect(inner).not.toHaveProperty('s');
      expect(codec.decodeResponse(inner)).toStrictEqual({ status: 0, description: '', internalStatus: 0, body: reply.body });
    };
    check('brief_query_order_list', codecs.brief_query_order_list, SAMPLES.brief_query_order_list.reply);
    check('brief_query_order_list_overview', codecs.brief_query_order_list_overview, SAMPLES.brief_query_order_list_overview.reply);
  });

  it('get_bill_device_bind_info not yet activated', () => {
    const reply = { status: 0, description: '', internalStatus: 0, body: { activated: false as const, nonce: 'n' } };
    expect(codecs.get_bill_device_bind_info.decodeResponse(wire(codecs.get_bill_device_bind_info.encodeResponse(reply)))).toEqual(reply);
  });

  it('brief micro pay request uses the seed key order (so §3.6 text is reproduced)', () => {
    expect(Object.keys(codecs.brief_micro_pay.encodeRequest(SAMPLES.brief_micro_pay.req))).toEqual(['ns', 'osi', 'otn', 'ac', 'tf', 'bd', 'di', 'sc', 'stt']);
  });
});
