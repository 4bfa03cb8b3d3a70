import { buildEnvelope } from '@cpay/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { maskCode } from '../src/log.js';
import { captureLogger, deadOrigin, fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const KEY = 'K7Q2M9X4B8N1V6C3Z5L0P2R8T4Y6U1W3';
const CODE = '134567890123456789';
let up: FakeUpstream | undefined;
let relay: Started | undefined;
afterEach(async () => {
  await relay?.relay.close();
  await up?.close();
  relay = up = undefined;
});

describe('logs', () => {
  it('record id, endpoint, status and duration, and never a body, key, signature, code or query', async () => {
    const authenKey = 'SECRETAUTHENKEY0123456789ABCDEFG';
    up = await fakeUpstream((req, _b, res) => {
      if (req.url?.startsWith('/cpay/use_device_setting')) res.end(`{"use_device_setting":{"authen_key":"${authenKey}"}}`);
      else res.end(`{"rc":"{\\"ac\\":\\"${CODE}\\"}","a":"FFFF"}`);
    });
    const cap = captureLogger();
    relay = await startRelay({ upstreams: [up.origin], logger: cap.logger });
    const inner = `{"ac":"${CODE}","otn":"0101108930001","tf":1}`;
    const body = await buildEnvelope('brief', inner, KEY);
    const signature = (JSON.parse(body) as { a: string }).a;
    await post(relay.at('/cpay/brief_micro_pay'), body, { 'content-type': 'application/json', 'x-request-id': 'req-42' });
    await post(relay.at('/cpay/brief_micro_pay'), `{"r":"{\\"ac\\":\\"${CODE}\\"}", broken`);
    await post(relay.at('/cpay/brief_micro_pay'), body, { 'content-type': 'text/plain' });
    await fetch(relay.at('/cpay/use_device_setting?osi=SHOP77&si=CONFIG99&sn=LANDI_QM500_1'));
    await relay.relay.close();
    const dead = await startRelay({ upstreams: [await deadOrigin()], logger: cap.logger });
    await post(dead.at('/cpay/brief_micro_pay'), body);
    await dead.relay.close();

    const all = cap.lines.join('\n');
    for (const secret of [CODE, KEY, signature, authenKey, 'CONFIG99', 'SHOP77', 'FFFF', inner]) expect(all).not.toContain(secret);
    const records = cap.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.msg === 'request');
    const paid = records.find((r) => r.id === 'req-42');
    expect(paid).toMatchObject({ endpoint: 'brief_micro_pay', status: 200, method: 'POST', path: '/cpay/brief_micro_pay', upstream: up.origin });
    expect(typeof paid?.ms).toBe('number');
    expect(records.map((r) => r.relayError)).toEqual(expect.arrayContaining(['bad_envelope', 'unsupported_media_type', 'connect_refused']));
    expect(records.find((r) => r.endpoint === 'use_device_setting')?.path).toBe('/cpay/use_device_setting');
    for (const r of records) expect(typeof r.id).toBe('string');
  });

  it('echoes a well-formed x-request-id and replaces anything else', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin] });
    const given = await fetch(relay.at('/healthz'), { headers: { 'x-request-id': 'lb-7f3a.01' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.01');
    const bad = await fetch(relay.at('/healthz'), { headers: { 'x-request-id': 'x"y\\z' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
    const a = (await fetch(relay.at('/healthz'))).headers.get('x-request-id');
    const b = (await fetch(relay.at('/healthz'))).headers.get('x-request-id');
    expect(a).not.toBe(b);
  });

  it('maskCode keeps only the first 4 and last 2 characters', () => {
    expect(maskCode(CODE)).toBe('1345************89');
    expect(maskCode('12345')).toBe('*****');
  });
});
