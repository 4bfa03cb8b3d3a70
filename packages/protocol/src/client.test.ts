import { describe, expect, it } from 'vitest';
import { KEYS, SAMPLES } from '../test/samples.js';
import { ProtocolError, buildResponseEnvelope, codecs, hmacSha256Hex, prepareRequest, readResponse } from './index.js';

const P = KEYS.paymentKey;
const WIRE_3_6 =
  '{"r":"{\\"ns\\":\\"69050786d195198efe9070ae45857070\\",\\"osi\\":\\"sz01QgJZkxDB7RVeL6XY\\",\\"otn\\":\\"0100826651692015704554111\\",\\"ac\\":\\"135005875955002257\\",\\"tf\\":900,\\"bd\\":\\"test\\",\\"di\\":\\"tdFQtGl2M9MOcgTn\\",\\"sc\\":\\"LANDI_QM800_LA198KBQ8W1666\\",\\"stt\\":2451}","a":"D48A4C71870D410717EE1F04317C18B1958AEE9D3F78D6E917ADEDDEAD773E26"}';

describe('prepareRequest', () => {
  it('produces the §3.6 brief wire text for the synthetic micropay', async () => {
    expect(await prepareRequest('brief_micro_pay', SAMPLES.brief_micro_pay.req, P)).toStrictEqual({
      path: '/cpay/brief_micro_pay',
      method: 'POST',
      body: WIRE_3_6,
    });
  });
  it('signs binding calls with the given key over the exact request_content', async () => {
    const { body } = await prepareRequest('check_bill_device_bind_info', SAMPLES.check_bill_device_bind_info.req, KEYS.initialKey);
    const outer = JSON.parse(body) as { request_content: string; authen_info: { a: { authen_type: number; authen_code: string } } };
    expect(outer.authen_info.a).toStrictEqual({ authen_type: 1, authen_code: await hmacSha256Hex(KEYS.initialKey, outer.request_content) });
    expect(JSON.parse(outer.request_content)).toMatchObject({ hash_content: await hmacSha256Hex(P, 'ea90ceba'), nonce_str: 'ea90ceba' });
  });
  it('ping posts an empty body; use_device_setting is a GET with osi, si, sn', async () => {
    expect(await prepareRequest('ping', {}, null)).toStrictEqual({ path: '/cpay/ping', method: 'POST', body: '' });
    expect(await prepareRequest('use_device_setting', { osi: 'a b', si: 's1', sn: 'LANDI_QM500_1' }, null)).toStrictEqual({
      path: '/cpay/use_device_setting?osi=a%20b&si=s1&sn=LANDI_QM500_1',
      method: 'GET',
      body: '',
    });
  });
  it('refuses to sign without a key and rejects unknown endpoints', async () => {
    await expect(prepareRequest('refund', SAMPLES.refund.req, null)).rejects.toMatchObject({ code: 'bad_value', endpoint: 'refund', field: 'key' });
    // @ts-expect-error: not an endpoint name
    await expect(prepareRequest('micro_pay', {}, P)).rejects.toMatchObject({ code: 'unknown_endpoint' });
  });
});

describe('readResponse signatures (spec §9.1, §15 #48)', () => {
  const rc = '{"s":0,"d":"ok","li":1,"is":0,"brief_micro_pay":{"wx":{"cts":2},"ns":"n"}}';
  it('accepts a correct code and rejects a tampered code or content with bad_signature', async () => {
    const body = await buildResponseEnvelope('brief', rc, P);
    expect((await readResponse('brief_micro_pay', body, P)).body?.state?.cts).toBe(2);
    const code = (JSON.parse(body) as { a: string }).a;
    const flipped = body.replace(code, `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`);
    await expect(readResponse('brief_micro_pay', flipped, P)).rejects.toMatchObject({ code: 'bad_signature', endpoint: 'brief_micro_pay', field: 'a' });
    const tampered = body.replace('\\"cts\\":2', '\\"cts\\":9');
    await expect(readResponse('brief_micro_pay', tampered, P)).rejects.toMatchObject({ code: 'bad_signature' });
    await expect(readResponse('brief_micro_pay', body, KEYS.initialKey)).rejects.toBeInstanceOf(ProtocolError);
  });
  it('rejects a re-serialised inner text (escapes matter)', async () => {
    const raw = String.raw`{"s":0,"d":"\u64CD\u4F5C","is":0,"brief_query_order":{"otn":"o1","tf":1,"pp":1,"wx":{"cts":2,"tsd":"a\/b"}}}`;
    const a = await hmacSha256Hex(P, raw);
    expect((await readResponse('brief_query_order', JSON.stringify({ rc: raw, a }), P)).body?.state?.tradeStateDesc).toBe('a/b');
    const reserialised = JSON.stringify(JSON.parse(raw));
    await expect(readResponse('brief_query_order', JSON.stringify({ rc: reserialised, a }), P)).rejects.toMatchObject({ code: 'bad_signature' });
  });
  it('accepts unsigned replies only for status 3 and 101', async () => {
    for (const s of [3, 101]) {
      const reply = await readResponse('brief_micro_pay', await buildResponseEnvelope('brief', `{"s":${s},"d":"x","is":0}`, null), P);
      expect(reply).toStrictEqual({ status: s, description: 'x', internalStatus: 0 });
    }
    for (const s of [0, 102, 103, 104, 77]) {
      await expect(readResponse('brief_micro_pay', await buildResponseEnvelope('brief', `{"s":${s},"d":"x","is":0}`, null), P)).rejects.toMatchObject({
        code: 'missing_signature',
        endpoint: 'brief_micro_pay',
      });
    }
    const fullUnsigned = await buildResponseEnvelope('full', '{"status":0,"description":"","log_id":1,"internal_status":0}', null);
    await expect(readResponse('refund', fullUnsigned, P)).rejects.toMatchObject({ code: 'missing_signature', field: 'authen_info' });
    const headlessList = await buildResponseEnvelope('brief', '{"tc":0,"ods":[],"ns":"x"}', null);
    await expect(readResponse('brief_query_order_list', headlessList, P)).rejects.toMatchObject({ code: 'missing_signature' });
  });
  it('an empty key neither signs nor verifies (a missing key is never a key)', async () => {
    await expect(prepareRequest('brief_micro_pay', SAMPLES.brief_micro_pay.req, '')).rejects.toMatchObject({ code: 'bad_value', field: 'key' });
    const signed = await buildResponseEnvelope('brief', '{"s":0,"d":"x","is":0}', P);
    await expect(readResponse('brief_micro_pay', signed, '')).rejects.toMatchObject({ code: 'bad_value', field: 'key' });
  });
  it('accepts the legacy unbind reply plain or enveloped (§15 #47)', async () => {
    const inner = '{"status":104,"description":"already unbound","log_id":1,"internal_status":3215}';
    expect((await readResponse('unbind_device_sn_code', inner, P)).internalStatus).toBe(3215);
    expect((await readResponse('unbind_device_sn_code', await buildResponseEnvelope('full', inner, P), P)).internalStatus).toBe(3215);
  });
});

describe('malformed replies name endpoint and field', () => {
  const read = async (endpoint: 'brief_query_order', rc: string) => readResponse(endpoint, await buildResponseEnvelope('brief', rc, P), P);
  it.each([
    ['{"s":0,"d":"","is":0,"brief_query_order":{"otn":"o","tf":"240000","pp":2}}', 'bad_type', 'brief_query_order.tf'],
    ['{"s":0,"d":"","is":0,"brief_query_order":{"tf":1,"pp":2}}', 'missing_field', 'brief_query_order.otn'],
    ['{"s":0,"d":"","is":0,"brief_query_order":{"otn":"o","tf":1,"pp":9}}', 'bad_value', 'brief_query_order.pp'],
    ['{"s":0,"d":"","is":0,"brief_query_order":{"otn":"o","tf":-1,"pp":2}}', 'bad_value', 'brief_query_order.tf'],
    ['{"s":0,"d":"","is":0,"brief_query_order":{"otn":"o","tf":1,"pp":2,"wx":{"cts":2},"ali":{"cts":2}}}', 'bad_value', 'brief_query_order.ali'],
    ['{"s":0,"d":"","is":0,"brief_query_order":{"otn":"o","tf":1,"pp":2,"ali":{"cts":"2"}}}', 'bad_type', 'brief_query_order.ali.cts'],
    ['{"s":0,"d":"","is":0}', 'missing_field', 'brief_query_order'],
    ['{"d":"","is":0}', 'missing_field', 's'],
    ['{"s":"0","d":"","is":0}', 'bad_type', 's'],
    ['[1,2]', 'bad_type', undefined],
  ])('%s → %s at %s', async (rc, code, field) => {
    const err = await read('brief_query_order', rc).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ code, endpoint: 'brief_query_order', ...(field ? { field } : {}) });
    expect((err as Error).message).toContain('brief_query_order');
  });
  it('reports malformed envelopes and nested JSON strings', async () => {
    await expect(readResponse('refund', '<html>502</html>', P)).rejects.toMatchObject({ code: 'malformed_json', endpoint: 'refund' });
    const bad = await buildResponseEnvelope(
      'full',
      '{"status":0,"description":"","log_id":1,"internal_status":0,"bill_device_bind_sn":"{oops"}',
      KEYS.initialKey,
    );
    await expect(readResponse('get_bill_device_bind_info', bad, KEYS.initialKey)).rejects.toMatchObject({
      code: 'malformed_json',
      field: 'bill_device_bind_sn',
    });
  });
});

describe('tolerances of spec §15 and nothing more', () => {
  const head = '"status":0,"description":"","log_id":1,"internal_status":0';
  const bind = (activated: string) => JSON.parse(`{${head},"get_bill_device_bind_info_response":{"activated":${activated},"nonce_str":"n"}}`) as unknown;
  it.each([
    ['1', false],
    ['true', false],
    ['"1"', false],
    ['"true"', false],
    ['0', true],
    ['false', true],
    ['"0"', true],
  ])('activated %s', (v, notYet) => {
    const body = codecs.get_bill_device_bind_info.decodeResponse(
      notYet
        ? bind(v)
        : JSON.parse(
            `{${head},"get_bill_device_bind_info_response":{"activated":${v},"out_mch_id":"a","out_sub_mch_id":"b","cloud_cashier_id":"c","e_authen_key":"k","out_shop_id":"s","device_id":"d"}}`,
          ),
    ).body;
    expect(body?.activated).toBe(!notYet);
  });
  it('rejects other activated values and an activated binding without a key', () => {
    expect(() => codecs.get_bill_device_bind_info.decodeResponse(bind('"yes"'))).toThrow(
      expect.objectContaining({ code: 'bad_value', field: 'get_bill_device_bind_info_response.activated' }),
    );
    expect(() =>
      codecs.get_bill_device_bind_info.decodeResponse(
        JSON.parse(
          `{${head},"bill_device_bind_sn":{"activated":1,"out_mch_id":"a","out_sub_mch_id":"b","cloud_cashier_id":"c","out_shop_id":"s","device_id":"d"}}`,
        ),
      ),
    ).toThrow(expect.objectContaining({ code: 'missing_field', field: 'bill_device_bind_sn.e_authen_key' }));
  });
  it('finds the generate reply under an undocumented key by its content', () => {
    const inner = JSON.parse(
      `{${head},"qr":"{\\"activator\\":\\"a\\",\\"token\\":\\"t\\",\\"ttl\\":180,\\"mini_program_url\\":\\"u\\",\\"interval\\":1}"}`,
    ) as unknown;
    expect(codecs.generate_bill_device_bind_qr_code.decodeResponse(inner).body?.activator).toBe('a');
  });
  it('accepts Internal_status, the close_order example wrapper and a single refund object', () => {
    expect(codecs.close_order.decodeResponse({ status: 0, description: '', log_id: 1, Internal_status: 5, query_order: { nonce_str: 'n' } })).toStrictEqual({
      status: 0,
      description: '',
      logId: 1,
      internalStatus: 5,
      body: { nonce: 'n' },
    });
    const single = { out_refund_no: 'r', out_trade_no: 'o', total_fee: 3, refund_fee: 1, alipay_refund_order_content_ext: { refund_status: 2 } };
    expect(
      codecs.query_refund_order.decodeResponse({ status: 0, log_id: 1, internal_status: 0, query_refund_order: { refund_order_content: single } }).body
        ?.refunds,
    ).toStrictEqual([{ outRefundNo: 'r', outTradeNo: 'o', totalFee: 3, refundFee: 1, refundState: { platform: 'alipay', state: 2 } }]);
  });
  it('accepts order_client as an array and rejects a wrong fee type', () => {
    const wire = codecs.query_order.encodeRequest(SAMPLES.query_order.req);
    expect(codecs.query_order.decodeRequest({ ...wire, order_client: [wire.order_client] })).toStrictEqual(SAMPLES.query_order.req);
    const scan = codecs.scan_code_pay.encodeRequest(SAMPLES.scan_code_pay.req);
    expect(() => codecs.scan_code_pay.decodeRequest({ ...scan, pay_content: { ...(scan.pay_content as object), fee_type: 'USD' } })).toThrow(
      expect.objectContaining({ code: 'bad_value', endpoint: 'scan_code_pay', field: 'pay_content.fee_type' }),
    );
  });
  it('stays strict on request fields', () => {
    const wire = codecs.brief_micro_pay.encodeRequest(SAMPLES.brief_micro_pay.req);
    expect(() => codecs.brief_micro_pay.decodeRequest({ ...wire, tf: 9.5 })).toThrow(expect.objectContaining({ code: 'bad_type', field: 'tf' }));
    expect(() => codecs.brief_micro_pay.decodeRequest({ ...wire, ac: undefined })).toThrow(expect.objectContaining({ code: 'missing_field', field: 'ac' }));
    expect(() =>
      codecs.brief_query_order_list.decodeRequest({ ...codecs.brief_query_order_list.encodeRequest(SAMPLES.brief_query_order_list.req), ot: 4 }),
    ).toThrow(expect.objectContaining({ code: 'bad_value', field: 'ot' }));
    expect(() =>
      codecs.brief_query_order_list.decodeRequest({ ...codecs.brief_query_order_list.encodeRequest(SAMPLES.brief_query_order_list.req), pn: 0 }),
    ).toThrow(expect.objectContaining({ code: 'bad_value', field: 'pn' }));
  });
});
