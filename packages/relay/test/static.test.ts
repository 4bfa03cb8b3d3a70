import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../src/headers.js';
import { fakeUpstream, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BIG = 'export const greet = (n) => `你好 ${n}`;\n'.repeat(400);
let dir: string;
let up: FakeUpstream;
let relay: Started;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relay-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>cpay</title>');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch",()=>{})');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"cpay"}');
  writeFileSync(join(dir, 'assets', 'index-Bx9aZ_12.js'), 'console.log(1)');
  writeFileSync(join(dir, 'workbox-1a2b3c4d.js'), '//wb');
  writeFileSync(join(dir, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  writeFileSync(join(dir, 'assets', 'vendor-Zq81xY9k.js'), BIG);
  up = await fakeUpstream((_q, _b, res) => res.end('{}'));
  relay = await startRelay({ upstreams: [up.origin], staticDir: dir });
});
afterAll(async () => {
  await relay.relay.close();
  await up.close();
  rmSync(dir, { recursive: true, force: true });
});

const rawGet = (path: string) =>
  new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: relay.url.port, path }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${text}`));
    });
    req.on('error', reject);
    req.end();
  });

describe('static app', () => {
  it.each([
    ['/', 'no-cache', 'text/html; charset=utf-8'],
    ['/index.html', 'no-cache', 'text/html; charset=utf-8'],
    ['/sw.js', 'no-cache', 'text/javascript; charset=utf-8'],
    ['/manifest.webmanifest', 'no-cache', 'application/manifest+json; charset=utf-8'],
    ['/assets/index-Bx9aZ_12.js', 'public, max-age=31536000, immutable', 'text/javascript; charset=utf-8'],
    ['/workbox-1a2b3c4d.js', 'public, max-age=31536000, immutable', 'text/javascript; charset=utf-8'],
    ['/icon-192.png', 'no-cache', 'image/png'],
  ])('%s → Cache-Control %s', async (path, cache, type) => {
    const res = await fetch(relay.at(path));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(cache);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('sets the security headers (CSP without unsafe-inline)', async () => {
    const res = await fetch(relay.at('/'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('permissions-policy')).toMatch(/usb=\(self\).*hid=\(self\).*camera=\(self\)/);
    expect((await fetch(relay.at('/healthz'))).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('falls back to index.html for navigations, 404 for missing files', async () => {
    const nav = await fetch(relay.at('/settings/printer'), { headers: { accept: 'text/html' } });
    expect(nav.status).toBe(200);
    expect(await nav.text()).toContain('<title>cpay</title>');
    expect(nav.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(relay.at('/assets/missing-12345678.js'))).status).toBe(404);
  });

  it('never serves outside the directory or dotfiles', async () => {
    const index = '200 <!doctype html><title>cpay</title>';
    expect(await rawGet('/../package.json')).toMatch(/^404 /);
    expect(await rawGet('/%2e%2e/%2e%2e/etc/passwd')).toBe(index); // resolved inside the root: an SPA route
    expect(await rawGet('/assets/..%2f..%2f.env')).toMatch(/^404 /);
    expect(await rawGet('/.env')).toMatch(/^404 /);
    expect(await rawGet('/assets/%2e%2e/.env')).toMatch(/^404 /);
    expect(await rawGet('/%00')).toMatch(/^404 /);
  });

  it('revalidates with ETag (304) and answers HEAD without a body', async () => {
    const first = await fetch(relay.at('/index.html'));
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await fetch(relay.at('/index.html'), { headers: { 'if-none-match': etag } })).status).toBe(304);
    const head = await fetch(relay.at('/sw.js'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('37');
    expect((await fetch(relay.at('/index.html'), { method: 'PUT' })).status).toBe(405);
  });

  it('sends big text assets compressed (br, else gzip) with Vary, and byte-identical after decoding', async () => {
    const br = await fetch(relay.at('/assets/vendor-Zq81xY9k.js'), { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await br.text()).toBe(BIG);
    const gz = await fetch(relay.at('/assets/vendor-Zq81xY9k.js'), { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(BIG);
    const plain = await rawGet('/assets/vendor-Zq81xY9k.js');
    expect(plain).toBe(`200 ${BIG}`);
    expect(br.headers.get('etag')).not.toBe(gz.headers.get('etag'));
  });

  it('explains a missing build instead of serving nothing silently', async () => {
    const bare = await startRelay({ upstreams: [up.origin], staticDir: join(dir, 'nope') });
    const res = await fetch(bare.at('/'), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/npm run build/);
    await bare.relay.close();
  });
});
