import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from './crypto.js';
import { buildEnvelope, buildResponseEnvelope, openEnvelope, verifyEnvelope } from './envelope.js';

const KEY = '0123456789ABCDEF0123456789ABCDEF';
const R =
  '{"ns":"69050786d195198efe9070ae45857070","osi":"sz01QgJZkxDB7RVeL6XY","otn":"0100826651692015704554111","ac":"135005875955002257","tf":900,"bd":"test","di":"tdFQtGl2M9MOcgTn","sc":"LANDI_QM800_LA198KBQ8W1666","stt":2451}';
const A = 'D48A4C71870D410717EE1F04317C18B1958AEE9D3F78D6E917ADEDDEAD773E26';
const WIRE =
  '{"r":"{\\"ns\\":\\"69050786d195198efe9070ae45857070\\",\\"osi\\":\\"sz01QgJZkxDB7RVeL6XY\\",\\"otn\\":\\"0100826651692015704554111\\",\\"ac\\":\\"135005875955002257\\",\\"tf\\":900,\\"bd\\":\\"test\\",\\"di\\":\\"tdFQtGl2M9MOcgTn\\",\\"sc\\":\\"LANDI_QM800_LA198KBQ8W1666\\",\\"stt\\":2451}","a":"D48A4C71870D410717EE1F04317C18B1958AEE9D3F78D6E917ADEDDEAD773E26"}';

describe('brief envelope (spec §3.6 synthetic vector)', () => {
  it('builds the exact documented wire text', async () => {
    expect(await buildEnvelope('brief', R, KEY)).toBe(WIRE);
  });
  it('opens and verifies the documented wire text', async () => {
    const opened = openEnvelope('brief', WIRE, 'request');
    expect(opened.innerText).toBe(R);
    expect(opened.code).toBe(A);
    expect(await verifyEnvelope(opened, KEY)).toBe(true);
    expect(await verifyEnvelope({ ...opened, code: A.toLowerCase() }, KEY)).toBe(true);
  });
  it('rejects a tampered code or tampered content', async () => {
    const opened = openEnvelope('brief', WIRE, 'request');
    expect(await verifyEnvelope({ ...opened, code: `${A.slice(0, 63)}7` }, KEY)).toBe(false);
    const tampered = openEnvelope('brief', WIRE.replace('\\"tf\\":900', '\\"tf\\":901'), 'request');
    expect(await verifyEnvelope(tampered, KEY)).toBe(false);
    expect(await verifyEnvelope({ innerText: R }, KEY)).toBe(false);
  });
});

describe('verification over the exact received text (spec §3.5 item 5)', () => {
  // What cpay sends: `\/` and `\uXXXX` escapes inside the inner string.
  const inner = '{"s":0,"d":"\\u64CD\\u4F5C\\u6210\\u529F\\u3002","url":"https:\\/\\/pay.qcloud.com\\/x","is":0}';
  it('verifies the raw inner text while a re-serialisation would not match', async () => {
    const code = await hmacSha256Hex(KEY, inner);
    const body = JSON.stringify({ rc: inner, a: code });
    const opened = openEnvelope('brief', body, 'response');
    expect(opened.innerText).toBe(inner);
    expect(await verifyEnvelope(opened, KEY)).toBe(true);
    const reserialised = JSON.stringify(opened.inner);
    expect(reserialised).not.toBe(inner);
    expect(await hmacSha256Hex(KEY, reserialised)).not.toBe(code);
    expect(opened.inner).toMatchObject({ d: '操作成功。', url: 'https://pay.qcloud.com/x' });
  });
});

describe('full envelope', () => {
  it('round-trips request and response, signed and unsigned', async () => {
    const inner = '{"sn_code":"aaa","nonce_str":"ea90ceba"}';
    const req = await buildEnvelope('full', inner, KEY);
    expect(JSON.parse(req)).toEqual({
      request_content: inner,
      authen_info: { a: { authen_type: 1, authen_code: await hmacSha256Hex(KEY, inner) } },
    });
    expect(await verifyEnvelope(openEnvelope('full', req, 'request'), KEY)).toBe(true);
    const unsigned = await buildResponseEnvelope('full', '{"status":3}', null);
    expect(unsigned).toBe('{"response_content":"{\\"status\\":3}"}');
    expect(openEnvelope('full', unsigned, 'response').code).toBeUndefined();
  });
  it('names the problem when the envelope is broken', () => {
    expect(() => openEnvelope('full', 'nope', 'response', 'refund')).toThrow(expect.objectContaining({ code: 'malformed_json', endpoint: 'refund' }));
    expect(() => openEnvelope('full', '{"rc":"{}"}', 'response', 'refund')).toThrow(
      expect.objectContaining({ code: 'bad_envelope', field: 'response_content' }),
    );
    expect(() => openEnvelope('full', '{"response_content":"{x"}', 'response')).toThrow(
      expect.objectContaining({ code: 'malformed_json', field: 'response_content' }),
    );
    expect(() => openEnvelope('full', '{"response_content":"{}","authen_info":{"a":{"authen_type":2,"authen_code":"AB"}}}', 'response')).toThrow(
      expect.objectContaining({ code: 'bad_value', field: 'authen_info.a.authen_type' }),
    );
    expect(() => openEnvelope('brief', '{"rc":"{}","a":5}', 'response')).toThrow(expect.objectContaining({ code: 'bad_envelope', field: 'a' }));
  });

  it('an authen_info without a string authen_code is a broken envelope, never an unsigned or signed reply', () => {
    for (const a of ['{}', '{"authen_type":1}', '{"authen_type":1,"authen_code":123}']) {
      expect(() => openEnvelope('full', `{"response_content":"{}","authen_info":{"a":${a}}}`, 'response')).toThrow(
        expect.objectContaining({ code: 'bad_envelope', field: 'authen_info.a.authen_code' }),
      );
    }
    expect(() => openEnvelope('full', '{"response_content":"{}","authen_info":[]}', 'response')).toThrow(expect.objectContaining({ code: 'bad_envelope' }));
  });

  it('a response code without authen_type (003 L16: responses carry the code only) is read and verifies', async () => {
    const inner = '{"status":0}';
    const opened = openEnvelope(
      'full',
      JSON.stringify({ response_content: inner, authen_info: { a: { authen_code: await hmacSha256Hex(KEY, inner) } } }),
      'response',
    );
    expect(opened.code).toBe(await hmacSha256Hex(KEY, inner));
    expect(await verifyEnvelope(opened, KEY)).toBe(true);
  });
});

describe('unsigned and broken envelopes', () => {
  it('an unsigned brief response carries no code key at all', async () => {
    expect(await buildResponseEnvelope('brief', '{"s":3}', null)).toBe('{"rc":"{\\"s\\":3}"}');
  });

  it('a null code (brief a, full authen_info) opens as unsigned, and an unsigned envelope never verifies', async () => {
    const brief = openEnvelope('brief', '{"rc":"{}","a":null}', 'response');
    expect(brief.code).toBeUndefined();
    expect(await verifyEnvelope(brief, KEY)).toBe(false);
    const full = openEnvelope('full', '{"response_content":"{}","authen_info":null}', 'response');
    expect(full.code).toBeUndefined();
    expect(await verifyEnvelope(full, KEY)).toBe(false);
  });

  it('a body that is JSON but not an object is a broken envelope that names what it got', () => {
    for (const body of ['null', '5', '"text"', '[]']) {
      expect(() => openEnvelope('brief', body, 'response', 'brief_micro_pay')).toThrow(
        expect.objectContaining({
          name: 'ProtocolError',
          code: 'bad_envelope',
          endpoint: 'brief_micro_pay',
          message: expect.stringContaining('not a JSON object'),
        }),
      );
    }
  });
});
