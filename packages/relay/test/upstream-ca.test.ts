/**
 * Issue 16 point 4: UPSTREAM_CA adds a CA to the default roots instead of replacing them. Two test
 * CAs are made with the openssl CLI: A stands for the public roots real cpay domains chain to (put
 * into the default store of the relay process with NODE_EXTRA_CA_CERTS), B is a test upstream's CA
 * given as UPSTREAM_CA. The built CLI must reach both; the old code trusted only B. And npm start
 * takes the same configuration path as the CLI.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayOptionsFromConfig } from '../src/boot.js';
import { parseConfig } from '../src/config.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let dir: string;
const servers: Server[] = [];
let child: ChildProcess | undefined;

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA and a server certificate for 127.0.0.1 signed by it. */
function makeCa(name: string): void {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=Test Root ${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    `ca${name}.key`,
    '-out',
    `ca${name}.pem`,
  );
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    `srv${name}.key`,
    '-out',
    `srv${name}.csr`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    `srv${name}.csr`,
    '-CA',
    `ca${name}.pem`,
    '-CAkey',
    `ca${name}.key`,
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    'san.cnf',
    '-out',
    `srv${name}.pem`,
  );
}

async function httpsUpstream(name: string): Promise<string> {
  const s = createServer({ cert: readFileSync(join(dir, `srv${name}.pem`)), key: readFileSync(join(dir, `srv${name}.key`)) }, (_req, res) =>
    res.end('{"status":0}'),
  );
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-ca-'));
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  makeCa('A');
  makeCa('B');
});
afterAll(async () => {
  child?.kill('SIGKILL');
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('UPSTREAM_CA', () => {
  it('is trusted in addition to the default roots: a domain under a default root and one under UPSTREAM_CA are both reachable', async () => {
    const a = await httpsUpstream('A');
    const b = await httpsUpstream('B');
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: join(dir, 'caA.pem'),
      UPSTREAM_CA: join(dir, 'caB.pem'),
      CPAY_UPSTREAM: `${a},${b}`,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'error',
    };
    child = spawn(process.execPath, [CLI], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const onData = (c: Buffer) => {
        out += c.toString();
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
        if (m) resolve(Number(m[1]));
      };
      child!.stdout?.on('data', onData);
      child!.stderr?.on('data', onData);
      child!.on('exit', (code) => reject(new Error(`relay exited ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`relay did not start: ${out}`)), 15_000);
    });
    let domains: Array<{ origin: string; healthy: boolean | null; lastError: string | null }> = [];
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      domains = ((await (await fetch(`http://127.0.0.1:${port}/relay/status`)).json()) as { domains: typeof domains }).domains;
      if (domains.every((d) => d.healthy !== null)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(domains).toEqual([expect.objectContaining({ origin: a, healthy: true }), expect.objectContaining({ origin: b, healthy: true })]);
  });

  it('npm start and the CLI share one configuration path: UPSTREAM_CA and TLS files are read for both', () => {
    const config = parseConfig([], {
      UPSTREAM_CA: join(dir, 'caB.pem'),
      TLS_CERT: join(dir, 'srvA.pem'),
      TLS_KEY: join(dir, 'srvA.key'),
      MAX_CONNECTIONS: '100',
    });
    const opts = relayOptionsFromConfig(config, { staticDir: '/srv/app' });
    expect(String(opts.upstreamCa)).toContain('BEGIN CERTIFICATE');
    expect(String(opts.tls?.cert)).toContain('BEGIN CERTIFICATE');
    expect(opts).toMatchObject({ staticDir: '/srv/app', edge: { maxConnections: 100 } });
    expect(() => relayOptionsFromConfig(parseConfig([], { UPSTREAM_CA: join(dir, 'missing.pem') }))).toThrow(/UPSTREAM_CA .*missing\.pem/);
    const start = readFileSync(fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url)), 'utf8');
    expect(start).toMatch(/createRelay\(relayOptionsFromConfig\(config/);
    expect(start).not.toMatch(/readFileSync\(config\./); // no second, partial reading of the files
  });
});
