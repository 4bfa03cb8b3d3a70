import { buildResponseEnvelope } from '@cpay/protocol';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createCpayClient } from './cpay-client.js';
import type { FetchFn } from './http.js';
import { createTracer } from './trace.js';

const INITIAL = 'K3Q9D2M7X1C8V5B4N6Z0L2P8R4T6Y1W3';
const QR_INNER = JSON.stringify({
  status: 0,
  description: '',
  log_id: 7,
  internal_status: 0,
  generate_bill_device_bind_qr_code: JSON.stringify({
    activator: 'p9fa01zex4mi',
    token: '8azip8115bq',
    ttl: 180,
    mini_program_url: 'https://mp.example/x',
    interval: 1,
  }),
});
const GEN_REQ = { snCode: 'CPAYSIM_WEB1_SIM0000001', appCpayVersion: '1.0.0', nonce: 'abcd1234', timestamp: 1_700_000_000 };

type Seen = { url: string; init: RequestInit };
function client(respond: (seen: Seen) => Promise<Response>, opts: { online?: boolean; timeoutMs?: number } = {}) {
  const seen: Seen[] = [];
  const fetchFn: FetchFn = (url, init) => {
    seen.push({ url, init });
    return respond({ url, init });
  };
  const tracer = createTracer(() => undefined);
  const cpay = createCpayClient({
    keys: { key: async (kind) => (kind === 'initial' ? INITIAL : Promise.reject(new Error('not bound'))) },
    fetch: fetchFn,
    tracer,
    isOnline: () => opts.online ?? true,
    timeoutMs: opts.timeoutMs ?? 2_000,
  });
  return { cpay, seen, tracer };
}
const json = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });

describe('createCpayClient', () => {
  it('signs with the endpoint key, posts to the relay and returns the verified reply', async () => {
    const { cpay, seen, tracer } = client(async () => json(200, await buildResponseEnvelope('full', QR_INNER, INITIAL)));
    const outcome = await firstValueFrom(cpay.call('generate_bill_device_bind_qr_code', GEN_REQ));
    expect(outcome).toMatchObject({
      kind: 'reply',
      httpStatus: 200,
      reply: { status: 0, logId: 7, body: { activator: 'p9fa01zex4mi', ttlSeconds: 180, intervalSeconds: 1 } },
    });
    expect(seen[0]?.url).toBe('/cpay/generate_bill_device_bind_qr_code');
    expect(seen[0]?.init.method).toBe('POST');
    const body = JSON.parse(seen[0]?.init.body as string) as { request_content: string; authen_info: { a: { authen_code: string } } };
    expect(JSON.parse(body.request_content)).toMatchObject({ sn_code: GEN_REQ.snCode, nonce_str: 'abcd1234', timestamp: 1_700_000_000 });
    expect(body.authen_info.a.authen_code).toMatch(/^[0-9A-F]{64}$/);
    expect(tracer.records[0]?.outcome).toBe('reply status=0 internal=0 log_id=7 http=200');
    expect(JSON.stringify(tracer.records)).not.toContain(INITIAL);
  });

  it.each([
    ['a wrong signature', async () => json(200, await buildResponseEnvelope('full', QR_INNER, 'X'.repeat(32))), { kind: 'unknown', reason: 'bad_signature' }],
    ['a garbled body', async () => json(200, '<html>oops'), { kind: 'unknown', reason: 'garbled' }],
    [
      'relay 504 upstream_timeout',
      async () => json(504, '{"relay_error":"upstream_timeout","outcome":"unknown"}', { 'x-relay-outcome': 'unknown' }),
      { kind: 'unknown', reason: 'relay_unknown', httpStatus: 504 },
    ],
    [
      'upstream 5xx passed through',
      async () => json(502, '<html>bad gateway</html>', { 'x-relay-outcome': 'unknown', 'x-relay-error': 'upstream_5xx' }),
      { kind: 'unknown', reason: 'relay_unknown' },
    ],
    [
      'relay 502 connect_refused',
      async () => json(502, '{"relay_error":"connect_refused","outcome":"not_sent"}', { 'x-relay-outcome': 'not_sent' }),
      { kind: 'not_sent', reason: 'upstream_unreachable', httpStatus: 502 },
    ],
    [
      'relay 503 upstream_busy (queued until its deadline, never written)',
      async () => json(503, '{"relay_error":"upstream_busy","outcome":"not_sent"}', { 'x-relay-outcome': 'not_sent' }),
      { kind: 'not_sent', reason: 'upstream_unreachable', httpStatus: 503 },
    ],
    [
      'relay 429 rate limited',
      async () => json(429, '{"relay_error":"rate_limited","outcome":"not_sent"}', { 'x-relay-outcome': 'not_sent' }),
      { kind: 'not_sent', reason: 'relay_refused' },
    ],
    ['a network error', async () => Promise.reject(new TypeError('Failed to fetch')), { kind: 'unknown', reason: 'network' }],
  ])('%s → %o', async (_name, respond, expected) => {
    const { cpay } = client(respond);
    expect(await firstValueFrom(cpay.call('generate_bill_device_bind_qr_code', GEN_REQ))).toMatchObject(expected);
  });

  it('sends a fresh x-request-id on every relay call and logs it in the trace', async () => {
    const { cpay, seen, tracer } = client(async () => json(200, '{"status":0}'));
    await firstValueFrom(cpay.call('ping', {}));
    await firstValueFrom(cpay.call('ping', {}));
    cpay.warmup();
    await new Promise((r) => setTimeout(r, 0));
    const ids = seen.map((s) => new Headers(s.init.headers).get('x-request-id'));
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^t-[a-z0-9]{16}$/); // within the relay's accepted form [A-Za-z0-9._-]{1,64}
    expect(new Set(ids).size).toBe(3);
    expect(tracer.records.map((r) => r.requestId)).toEqual(ids);
  });

  it('offline: a failed fetch is not_sent', async () => {
    const { cpay } = client(async () => Promise.reject(new TypeError('Failed to fetch')), { online: false });
    expect(await firstValueFrom(cpay.call('ping', {}))).toMatchObject({ kind: 'not_sent', reason: 'offline' });
  });

  it('times out as unknown and aborts the request', async () => {
    const { cpay, seen } = client(
      ({ init }) => new Promise((_res, rej) => init.signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError')))),
      { timeoutMs: 30 },
    );
    expect(await firstValueFrom(cpay.call('ping', {}))).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    expect(seen[0]?.init.signal?.aborted).toBe(true);
  });

  it('unsubscribing aborts the fetch', async () => {
    const { cpay, seen } = client(() => new Promise(() => undefined));
    const sub = cpay.call('ping', {}).subscribe();
    await new Promise((r) => setTimeout(r, 10));
    sub.unsubscribe();
    expect(seen[0]?.init.signal?.aborted).toBe(true);
  });

  it('a missing key is an error before anything is sent', async () => {
    const { cpay, seen } = client(async () => json(200, '{}'));
    await expect(firstValueFrom(cpay.call('brief_query_order', { outShopId: 's', nonce: 'n', outTradeNo: 'o' }))).rejects.toThrow('not bound');
    expect(seen).toHaveLength(0);
  });
});
