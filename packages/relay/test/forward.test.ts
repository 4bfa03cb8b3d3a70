import { ENDPOINTS, RELAY_ENDPOINTS, buildEnvelope, hmacSha256Hex, openEnvelope, verifyEnvelope } from '@cpay/protocol';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const KEY = 'K7Q2M9X4B8N1V6C3Z5L0P2R8T4Y6U1W3';
// Inner text as cpay would escape it (\/ and \uXXXX): a re-serialisation would change these bytes.
const INNER = '{"ac":"134567890123456789","mi":"https:\\/\\/x.example\\/a","nt":"\\u64CD\\u4F5C","otn":"0101108930001","tf":1}\n';

let up: FakeUpstream | undefined;
let relay: Started | undefined;
afterEach(async () => {
  await relay?.relay.close();
  await up?.close();
  relay = up = undefined;
});

describe('byte-for-byte forwarding', () => {
  it('delivers the exact signed body (signature still verifies upstream) and returns the exact response bytes', async () => {
    const responseInner = '{"d":"\\u64CD\\u4F5C\\u6210\\u529F\\u3002","is":0,"qr":"weixin:\\/\\/wxpay\\/x","s":0}';
    const responseBody = Buffer.from(`{"rc":${JSON.stringify(responseInner)},"a":"${await hmacSha256Hex(KEY, responseInner)}"}`);
    let verified = false;
    up = await fakeUpstream((req, body, res) => {
      void (async () => {
        const opened = openEnvelope('brief', body.toString('utf8'), 'request');
        verified = opened.innerText === INNER && (await verifyEnvelope(opened, KEY));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(responseBody);
      })();
    });
    relay = await startRelay({ upstreams: [up.origin] });
    const body = await buildEnvelope('brief', INNER, KEY);
    const r = await post(relay.at('/cpay/brief_micro_pay'), body);
    expect(r.status).toBe(200);
    expect(verified).toBe(true);
    const got = up.received.find((x) => x.url === '/cpay/brief_micro_pay');
    expect(got?.body.equals(Buffer.from(body))).toBe(true);
    expect(got?.method).toBe('POST');
    expect(r.bytes.equals(responseBody)).toBe(true);
    expect(r.bytes.toString()).toContain('weixin:\\\\/\\\\/wxpay');
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('x-relay-upstream-status')).toBe('200');
  });

  it('forwards bytes that are not canonical UTF-8 JSON spacing unchanged', async () => {
    up = await fakeUpstream((_req, body, res) => res.end(body));
    relay = await startRelay({ upstreams: [up.origin] });
    const body = Buffer.from('{ "request_content" : "{\\"a\\":1}" ,\n "authen_info":{"a":{"authen_type":1,"authen_code":"AB"}} }');
    const r = await post(relay.at('/cpay/device_report'), body, { 'content-type': 'application/json;charset=UTF-8' });
    expect(r.bytes.equals(body)).toBe(true);
    expect(up.received.at(-1)?.headers['content-type']).toBe('application/json;charset=UTF-8');
  });

  it('forwards GET /cpay/use_device_setting with its query string', async () => {
    up = await fakeUpstream((_req, _b, res) => res.end('{"status":0}'));
    relay = await startRelay({ upstreams: [up.origin] });
    const res = await fetch(relay.at('/cpay/use_device_setting?osi=1&si=2&sn=LANDI_QM500_1'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"status":0}');
    expect(up.received.at(-1)?.url).toBe('/cpay/use_device_setting?osi=1&si=2&sn=LANDI_QM500_1');
  });

  it('forwards an empty ping', async () => {
    up = await fakeUpstream((_req, _b, res) => res.end('{"description":"ok","status":0,"timestamp":1}'), true);
    relay = await startRelay({ upstreams: [up.origin] });
    const r = await post(relay.at('/cpay/ping'), '', {});
    expect(r.status).toBe(200);
    expect(r.bytes.toString()).toBe('{"description":"ok","status":0,"timestamp":1}');
    const sent = up.received.filter((x) => x.url === '/cpay/ping').at(-1);
    expect(sent?.body.length).toBe(0);
    expect(sent?.headers['content-type']).toBe('application/json');
  });
});

describe('allow-list: not an open proxy', () => {
  it('forwards every RELAY_ENDPOINTS entry with its method and envelope', async () => {
    up = await fakeUpstream((_req, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin] });
    for (const name of RELAY_ENDPOINTS) {
      const spec = ENDPOINTS[name];
      const body = spec.envelope === 'brief' ? '{"r":"{}","a":"00"}' : spec.envelope === 'full' ? '{"request_content":"{}","authen_info":{"a":{}}}' : '';
      const res = spec.method === 'GET' ? await fetch(relay.at(`${spec.path}?x=1`)) : await post(relay.at(spec.path), body);
      expect(res.status, name).toBe(200);
    }
    expect(new Set(up.received.map((r) => r.url.split('?')[0]))).toEqual(new Set(RELAY_ENDPOINTS.map((n) => `/cpay/${n}`)));
  });

  it('answers 404 for paths outside the allow-list and never contacts the upstream for them', async () => {
    up = await fakeUpstream((_req, _b, res) => res.end('{}'));
    relay = await startRelay({ upstreams: [up.origin] });
    for (const path of ['/cpay/query_sub_mch_shop_info', '/cpay/', '/cpay/ping/x', '/cpay/PING', '/cpay/ping%2F..%2Fx', '/cpay/http://evil.example/']) {
      const r = await post(relay.at(path), '{}');
      expect(r.status, path).toBe(404);
    }
    const r = await post(relay.at('/cpay/micro_pay'), '{"request_content":"{}","authen_info":{}}');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.bytes.toString())).toMatchObject({ relay_error: 'unknown_endpoint' });
    expect(up.received.filter((x) => x.url !== '/cpay/ping')).toEqual([]);
  });

  it('ignores the Host header (beyond the allow-list) and absolute-form targets: the upstream is fixed by configuration', async () => {
    up = await fakeUpstream((_req, _b, res) => res.end('{"ok":1}'));
    relay = await startRelay({ upstreams: [up.origin] });
    const raw = (path: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: relay?.url.port, method: 'POST', path, headers: { host, 'content-length': '0' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await raw('/cpay/ping', 'evil.example')).toBe(421); // not a name of this relay (DNS rebinding)
    expect(await raw('/cpay/ping', `localhost:${relay.url.port}`)).toBe(200);
    expect(up.received.at(-1)?.headers.host).toBe(new URL(up.origin).host);
    const count = up.received.length;
    expect(await raw('http://evil.example/cpay/ping', 'evil.example')).toBe(400);
    expect(up.received.length).toBe(count);
  });
});
