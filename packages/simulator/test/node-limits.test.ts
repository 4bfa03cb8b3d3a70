/**
 * Issue 16 point 8: the node adapter and the control API refuse bad input with a clear answer
 * instead of a 500 or a reset, and stay bounded: malformed %-escapes are 400, big bodies 413,
 * clock moves and amounts within bounds, sandbox records and the control API's rate capped.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulatorServer, type SimulatorServer } from '../src/node/index.js';
import { SANDBOX_LIMITS } from '../src/sandbox.js';
import { SCENARIOS } from '../src/index.js';
import { httpTransport, TestTerminal } from './helpers/terminal.js';

let srv: SimulatorServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});
async function start(opts: Parameters<typeof createSimulatorServer>[0] = {}): Promise<URL> {
  srv = createSimulatorServer({ seed: 3, ...opts });
  return srv.listen();
}
const control = async (base: URL, method: string, path: string, body?: unknown) => {
  const res = await fetch(new URL(path, base), { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

/** Raw request: the status line's code, or 0 when the connection was reset without an answer. */
function raw(base: URL, text: string, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const s = connect(Number(base.port), base.hostname);
    let data = '';
    s.on('data', (c: Buffer) => {
      data += c.toString();
    });
    s.on('error', () => {});
    s.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data }));
    s.write(text);
    if (body) s.write(body, () => {});
  });
}

describe('simulator input limits', () => {
  it('a malformed %-escape in a /sandbox/ path is 400, not 500', async () => {
    const base = await start();
    for (const path of ['/sandbox/orders/%E0%A4%A', '/sandbox/bindings/%zz', '/sandbox/orders/abc%/approve']) {
      const r = await raw(base, `${path.endsWith('approve') ? 'POST' : 'GET'} ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(r.status, path).toBe(400);
      expect(r.text).toContain('%');
    }
    expect((await control(base, 'GET', '/sandbox/orders/%41BC')).status).toBe(404); // well-formed: the order just does not exist
  });

  it('a body over the limit is answered 413, declared or streamed, not reset', async () => {
    const base = await start({ bodyLimitBytes: 4096 });
    const big = Buffer.alloc(10_000, 0x61);
    const declared = await raw(base, `POST /sandbox/devices HTTP/1.1\r\nHost: x\r\nContent-Length: ${big.length}\r\n\r\n`, big);
    expect(declared.status).toBe(413);
    const chunk = big.subarray(0, 5000);
    const streamed = await raw(
      base,
      `POST /cpay/brief_micro_pay HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n0\r\n\r\n`,
    );
    expect(streamed.status).toBe(413);
    expect(streamed.text).toContain('4096');
  });

  it('/sandbox/time takes whole milliseconds within bounds only', async () => {
    const base = await start();
    for (const body of [
      { advance_ms: 1e308 },
      { advance_ms: -5 },
      { advance_ms: 1.5 },
      { skew_ms: 1e12 },
      { skew_ms: '60000' },
      { advance_ms: SANDBOX_LIMITS.advanceMs + 1 },
    ]) {
      const r = await control(base, 'POST', '/sandbox/time', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(String(r.json.error)).toMatch(/(advance_ms|skew_ms) 必须是/);
    }
    expect((await control(base, 'POST', '/sandbox/time', { advance_ms: 60_000, skew_ms: -3_600_000 })).json).toMatchObject({
      offset_ms: 60_000,
      skew_ms: -3_600_000,
    });
    expect((await control(base, 'POST', '/sandbox/faults', { kind: 'delay', delay_ms: 1e9 })).status).toBe(400);
  });

  it('amounts above the documented bounds are refused (brief tf: 8 digits of fen)', async () => {
    const base = await start();
    const t = new TestTerminal(httpTransport(base));
    await t.bind((qrUrl) => control(base, 'POST', '/sandbox/bind/confirm', { qr_url: qrUrl }));
    const code = SCENARIOS[0]!.codes.wechat;
    const huge = await t.pay(t.orderNo(), code, 2 ** 53 - 1);
    expect(huge.reply).toMatchObject({ status: 101, internalStatus: 4105 });
    expect(huge.reply.description).toMatch(/tf 超过上限 99999999 分/);
    expect((await t.pay(t.orderNo(), code, 100_000_000)).reply.status).toBe(101);
    expect((await t.pay(t.orderNo(), code, 99_999_999)).reply.status).toBe(0);
  });

  it('sandbox records are bounded, with a clear error when full', async () => {
    const base = await start({ sandboxRate: { perSecond: 10_000, burst: 10_000 } });
    for (let i = 0; i < SANDBOX_LIMITS.faults; i++) expect((await control(base, 'POST', '/sandbox/faults', { kind: 'garble' })).status).toBe(200);
    const full = await control(base, 'POST', '/sandbox/faults', { kind: 'garble' });
    expect(full.status).toBe(507);
    expect(String(full.json.error)).toMatch(/沙箱已满.*\/sandbox\/reset/);
    await control(base, 'POST', '/sandbox/reset');
    expect((await control(base, 'POST', '/sandbox/faults', { kind: 'garble' })).status).toBe(200);
  });

  it('the control API is rate-limited (429 with Retry-After); the cpay endpoints are not', async () => {
    const base = await start({ sandboxRate: { perSecond: 1, burst: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await fetch(new URL('/sandbox/time', base))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = await fetch(new URL('/sandbox/time', base));
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await fetch(new URL('/cpay/ping', base), { method: 'POST', body: '' })).status).toBe(200);
  });
});
