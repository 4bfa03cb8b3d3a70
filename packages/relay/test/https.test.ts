import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeUpstream, startRelay, type FakeUpstream, type Started } from './helpers.js';

let dir: string;
let cert: string;
let up: FakeUpstream;
let relay: Started;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relay-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  up = await fakeUpstream((_q, _b, res) => res.end('{"rc":"{}"}'));
  relay = await startRelay({ upstreams: [up.origin], tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
});
afterAll(async () => {
  await relay.relay.close();
  await up.close();
  rmSync(dir, { recursive: true, force: true });
});

function httpsRequest(path: string, method = 'GET', body = ''): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: relay.url.port, path, method, ca: cert, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTPS listener', () => {
  it('listens with the given certificate and reports an https URL', async () => {
    expect(relay.url.protocol).toBe('https:');
    const r = await httpsRequest('/healthz');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ ok: true });
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('forwards cpay calls over TLS like over plain HTTP', async () => {
    const r = await httpsRequest('/cpay/brief_query_order', 'POST', '{"r":"{}","a":"00"}');
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"rc":"{}"}');
  });

  it('forwards to an HTTPS upstream it trusts, and reports an untrusted one as tls / not_sent', async () => {
    const upstream = createServer({ cert, key: readFileSync(join(dir, 'key.pem')) }, (_req, res) => res.end('{"tls":true}'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const origin = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const trusting = await startRelay({ upstreams: [origin], upstreamCa: cert });
    const ok = await fetch(trusting.at('/cpay/ping'), { method: 'POST' });
    expect(await ok.text()).toBe('{"tls":true}');
    const wary = await startRelay({ upstreams: [origin] });
    const bad = await fetch(wary.at('/cpay/ping'), { method: 'POST' });
    expect(bad.status).toBe(502);
    expect(await bad.json()).toMatchObject({ relay_error: 'tls', outcome: 'not_sent' });
    await Promise.all([trusting.relay.close(), wary.relay.close()]);
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('is not reachable over plain HTTP', async () => {
    await expect(fetch(`http://127.0.0.1:${relay.url.port}/healthz`)).rejects.toThrow();
  });
});
