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

describe('what a reply must carry to be read as success', () => {
  it('a list reply that names a status keeps it: only a reply without any status is the headless success of the seed examples', () => {
    const { reply } = SAMPLES.brief_query_order_list;
    const headless = wire(codecs.brief_query_order_list.encodeResponse(reply, { headless: true })) as Record<string, unknown>;
    const refused = codecs.brief_query_order_list.decodeResponse({ ...headless, s: 104, d: '门店不存在', is: 0 });
    expect(refused).toMatchObject({ status: 104, description: '门店不存在' });
  });

  it('a pay or refund reply without a status is never success, even with its business object', () => {
    const withoutStatus = <E extends EndpointName>(e: E, codec: Codec<RequestOf<E>, ResponseOf<E>>, reply: Reply<ResponseOf<E>>) => {
      const inner = wire(codec.encodeResponse(reply)) as Record<string, unknown>;
      delete inner.s;
      delete inner.status;
      expect(() => codec.decodeResponse(inner)).toThrow(expect.objectContaining({ name: 'ProtocolError', endpoint: e }));
    };
    withoutStatus('brief_micro_pay', codecs.brief_micro_pay, SAMPLES.brief_micro_pay.reply);
    withoutStatus('brief_query_order', codecs.brief_query_order, SAMPLES.brief_query_order.reply);
    withoutStatus('refund', codecs.refund, SAMPLES.refund.reply);
  });
});

describe('refund requests as cpay (the simulator) reads them', () => {
  const encoded = () => wire(codecs.refund.encodeRequest(SAMPLES.refund.req)) as Record<string, Record<string, unknown>>;
  it('refuses a currency other than CNY and an api_version other than 1 or 2; absent, 1 and 2 are read', () => {
    const usd = encoded();
    usd.refund_content = { ...usd.refund_content, refund_fee_type: 'USD' };
    expect(() => codecs.refund.decodeRequest(usd)).toThrow(expect.objectContaining({ code: 'bad_value', field: 'refund_content.refund_fee_type' }));
    for (const v of [0, 3]) {
      expect(() => codecs.refund.decodeRequest({ ...encoded(), api_version: v })).toThrow(expect.objectContaining({ code: 'bad_value', field: 'api_version' }));
    }
    for (const v of [1, 2]) expect(codecs.refund.decodeRequest({ ...encoded(), api_version: v })).toMatchObject({ apiVersion: v });
    const none = encoded();
    delete none.api_version;
    expect(codecs.refund.decodeRequest(none)).not.toHaveProperty('apiVersion');
  });

  it('a refund query reply without any refund lists none', () => {
    const inner = wire(codecs.query_refund_order.encodeResponse({ status: 0, description: '', internalStatus: 0, body: { refunds: [] } })) as object;
    expect(codecs.query_refund_order.decodeResponse(inner)).toMatchObject({ status: 0, body: { refunds: [] } });
  });
});
