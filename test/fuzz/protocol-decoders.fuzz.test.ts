/**
 * Bad input at the protocol boundary (issue 8): fast-check throws arbitrary JSON, hostile
 * strings, and real signed cpay replies (from the simulator, over its own wire) cut short or
 * with one byte changed at every decoder: `readResponse`, `openEnvelope`, each codec's
 * `decodeResponse` and `decodeRequest`. Nothing else than a ProtocolError with a known code may
 * come out, and a changed signed reply is never accepted as a different reply.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { codecs, ENDPOINT_NAMES, ENDPOINTS, openEnvelope, PROTOCOL_ERROR_CODES, ProtocolError, readResponse, type EndpointName } from '@cpay/protocol';
import { boundSetup } from '../../packages/simulator/test/helpers/terminal.js';

/** Runs `f`; passes when it returns or throws a ProtocolError with a known code. */
async function onlyProtocolErrors(f: () => unknown): Promise<string> {
  try {
    await f();
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect(PROTOCOL_ERROR_CODES).toContain((e as ProtocolError).code);
    expect((e as ProtocolError).message.length).toBeLessThan(2_000);
    return (e as ProtocolError).code;
  }
}

const json = fc.jsonValue({ maxDepth: 4 });
/** Objects shaped like cpay inners: head keys with wrong types, wrappers, nested JSON text. */
const innerish = fc.dictionary(
  fc.constantFrom(
    'status',
    'description',
    'internal_status',
    's',
    'd',
    'is',
    'response_content',
    'rc',
    'brief_micro_pay',
    'order',
    'refund_content',
    'pay_mch_key',
    'order_client',
    'nonce_str',
    'out_trade_no',
    'otn',
    'tf',
    'cts',
    'wx',
    'ali',
  ),
  fc.oneof(
    json,
    json.map((v) => JSON.stringify(v)),
  ),
  { maxKeys: 8 },
);
const bodyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  json.map((v) => JSON.stringify(v)),
  innerish.map((v) => JSON.stringify(v)),
  fc.record({ response_content: innerish.map((v) => JSON.stringify(v)), authen_info: json }).map((v) => JSON.stringify(v)),
  fc.record({ r: innerish.map((v) => JSON.stringify(v)), a: fc.stringMatching(/^[0-9A-F]{0,64}$/) }).map((v) => JSON.stringify(v)),
);
const endpoint = fc.constantFrom<EndpointName>(...ENDPOINT_NAMES);
const KEY = '0123456789abcdef0123456789abcdef';

describe('codecs: decodeResponse / decodeRequest of every endpoint', () => {
  it('arbitrary inners → a reply/request or a ProtocolError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(endpoint, fc.oneof(json, innerish), async (e, inner) => {
        await onlyProtocolErrors(() => codecs[e].decodeResponse(inner));
        await onlyProtocolErrors(() => codecs[e].decodeRequest(inner));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('openEnvelope and readResponse', () => {
  it('hostile bodies → ProtocolError (never a crash, never a success without a valid signature)', async () => {
    await fc.assert(
      fc.asyncProperty(endpoint, bodyText, async (e, text) => {
        const kind = ENDPOINTS[e].envelope;
        if (kind !== 'none') await onlyProtocolErrors(() => openEnvelope(kind, text, 'response', e));
        await onlyProtocolErrors(() => readResponse(e, text, ENDPOINTS[e].key === 'none' ? null : KEY));
      }),
      { numRuns: 3_000 },
    );
  });

  it('a 1 MB body and deeply nested JSON are refused with a ProtocolError', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    for (const text of [
      'x'.repeat(1_000_000),
      deep,
      JSON.stringify({ r: deep, a: 'AB' }),
      JSON.stringify({ response_content: '{"status":0}'.padEnd(500_000, ' ') }),
    ]) {
      expect(await onlyProtocolErrors(() => readResponse('brief_micro_pay', text, KEY))).not.toBe('ok');
    }
  });
});

describe('real signed replies, truncated or with one byte changed', () => {
  const real: { endpoint: EndpointName; body: string; key: string }[] = [];
  beforeAll(async () => {
    const { t } = await boundSetup(8);
    const key = t.paymentKey;
    const otn = t.orderNo();
    real.push({ endpoint: 'brief_micro_pay', body: (await t.pay(otn, '135005875955000000', 12)).body, key });
    real.push({ endpoint: 'brief_query_order', body: (await t.query(otn)).body, key });
    real.push({ endpoint: 'refund', body: (await t.refund(otn, `${otn}R1`, 12, 5, 1)).body, key });
    real.push({ endpoint: 'check_bill_device_bind_info', body: (await t.check()).body, key: t.device.initialKey });
  });

  it('every truncation is refused', async () => {
    for (const r of real) {
      for (let cut = 0; cut < r.body.length; cut += 1) {
        expect(await onlyProtocolErrors(() => readResponse(r.endpoint, r.body.slice(0, cut), r.key))).not.toBe('ok');
      }
    }
  });

  it('one changed character: refused, or decoded to exactly the original reply (JSON whitespace)', async () => {
    const originals = await Promise.all(real.map((r) => readResponse(r.endpoint, r.body, r.key)));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: real.length - 1 }), fc.nat(), fc.integer({ min: 32, max: 0x7e }), async (i, at, code) => {
        const r = real[i] as (typeof real)[number];
        const pos = at % r.body.length;
        const changed = r.body.slice(0, pos) + String.fromCharCode(code) + r.body.slice(pos + 1);
        if (changed === r.body) return;
        try {
          expect(await readResponse(r.endpoint, changed, r.key)).toEqual(originals[i]);
        } catch (e) {
          expect(e).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
