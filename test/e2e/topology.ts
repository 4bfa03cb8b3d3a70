/**
 * Scale-out topology for the end-to-end test: nginx (Debian package, installed when missing and
 * root, like Chromium) terminates TLS with a certificate made by the openssl CLI and balances three
 * relay replicas (separate `cpay-relay` processes, live mode) whose upstream is the simulator's
 * node server acting as cpay.
 *
 * nginx runs the kit's site `deploy/nginx/cpay-relay.conf` unmodified: the test writes only the two
 * operator files the site includes (`cpay/relays.conf`, `cpay/listen.conf`, as deploy.md documents)
 * and a minimal main `nginx.conf` that includes the site.
 *
 * Between each replica and the simulator sits a counting pass-through (a test instrument, not a
 * proxy the kit ships): it only forwards bytes and counts the requests each replica has in flight,
 * so the test can SIGKILL a replica while it holds a payment, not merely "at some moment".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The kit's nginx site, used as shipped. */
export const KIT_SITE = join(REPO, 'deploy/nginx/cpay-relay.conf');
const RELAY_CLI = join(REPO, 'packages/relay/dist/cli.js');

/** A free loopback port (bound, read, released). */
export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => {
    srv.listen(0, '127.0.0.1', r);
  });
  const addr = srv.address();
  await new Promise<void>((r) => {
    srv.close(() => r());
  });
  return typeof addr === 'object' && addr ? addr.port : 0;
}

/** The nginx binary, installing Debian's `nginx` first when it is missing and we are root. */
export function ensureNginx(): string {
  const found = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error('nginx is missing and this is not root: install Debian\'s "nginx" package');
  const opts = { stdio: 'inherit' as const };
  if (spawnSync('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', 'nginx'], opts).status !== 0) {
    spawnSync('apt-get', ['update', '-qq', '-o', 'DPkg::Lock::Timeout=300'], opts);
    if (spawnSync('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', 'nginx'], opts).status !== 0)
      throw new Error('apt-get could not install nginx');
  }
  const installed = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  if (!installed) throw new Error('nginx installed but not found');
  return installed;
}

/** A self-signed certificate for 127.0.0.1/localhost made with the openssl CLI. */
export function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return { cert, key };
}

/** Counting pass-through between one replica and the simulator. */
export interface PassThrough {
  readonly url: string;
  /** Requests in flight whose path contains `part`. */
  inFlight(part?: string): number;
  /** Requests whose answer was fully handed back to the replica, by path. */
  readonly answered: string[];
  close(): Promise<void>;
}

async function passThrough(target: URL): Promise<PassThrough> {
  const flying = new Map<number, string>();
  const answered: string[] = [];
  let seq = 0;
  const server: Server = createHttpServer((req, res) => {
    const id = ++seq;
    const path = req.url ?? '/';
    flying.set(id, path);
    const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path, headers: req.headers }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
      res.on('finish', () => {
        answered.push(path);
      });
    });
    // The replica may die meanwhile: the simulator still gets the whole request and answers it.
    up.on('error', () => {
      res.destroy();
    });
    res.on('close', () => {
      flying.delete(id);
    });
    req.pipe(up);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => {
    server.listen(0, '127.0.0.1', r);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    inFlight: (part = '') => [...flying.values()].filter((p) => p.includes(part)).length,
    answered,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** One relay replica: a `cpay-relay` process on a fixed port. */
export interface Replica {
  readonly port: number;
  readonly upstream: PassThrough;
  /** The running process (undefined while stopped). */
  readonly proc: ChildProcess | undefined;
  readonly output: string[];
  start(): Promise<void>;
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Environment every replica gets: live mode and the settings deploy.md gives for replicas behind nginx. */
export const REPLICA_ENV = {
  HOST: '127.0.0.1',
  TRUST_PROXY: '1',
  RATE_LIMIT: '20/40',
  LOG_LEVEL: 'warn',
  SHUTDOWN_GRACE_MS: '10000',
} as const;

async function replica(port: number, upstream: PassThrough, staticDir: string, fleetFile: string): Promise<Replica> {
  let proc: ChildProcess | undefined;
  const output: string[] = [];
  const r: Replica = {
    port,
    upstream,
    output,
    get proc() {
      return proc;
    },
    async start() {
      if (!existsSync(RELAY_CLI)) throw new Error(`${RELAY_CLI} is missing: run npm run build first`);
      const p = spawn(process.execPath, [RELAY_CLI], {
        env: { ...process.env, ...REPLICA_ENV, PORT: String(port), CPAY_UPSTREAM: upstream.url, STATIC_DIR: staticDir, FLEET_DEFAULTS: fleetFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc = p;
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`relay on ${port} did not start: ${output.join('')}`)), 20_000);
        const onData = (b: Buffer): void => {
          output.push(b.toString());
          if (output.join('').includes('listening on')) {
            clearTimeout(t);
            resolve();
          }
        };
        p.stdout?.on('data', onData);
        p.stderr?.on('data', (b: Buffer) => {
          output.push(b.toString());
        });
        p.once('exit', (code) => {
          clearTimeout(t);
          reject(new Error(`relay on ${port} exited (${code}): ${output.join('')}`));
        });
      });
      p.removeAllListeners('exit');
    },
    async stop(signal) {
      const p = proc;
      if (!p || p.exitCode !== null || p.signalCode !== null) {
        proc = undefined;
        return p?.exitCode ?? null;
      }
      const exited = new Promise<number | null>((resolve) => {
        p.once('exit', (code) => resolve(code));
      });
      p.kill(signal);
      const code = await exited;
      proc = undefined;
      return code;
    },
  };
  await r.start();
  return r;
}

/** The fleet defaults every replica serves (deploy/fleet.example.json has the same shape). */
export const FLEET = { subTerminalType: 40123, maxAmountFen: 500_000, language: 'zh-CN' } as const;

/** The whole topology. */
export interface Topology {
  /** https://127.0.0.1:<nginx port>/ */
  readonly baseUrl: URL;
  readonly replicas: readonly Replica[];
  /** nginx's access log lines so far (the kit's `cpay_relay` format). */
  accessLog(): string[];
  close(): Promise<void>;
}

/** Starts passes-throughs, three replicas and nginx with the kit's site. */
export async function startTopology(simUrl: URL, staticDir: string, count = 3): Promise<Topology> {
  const nginx = ensureNginx();
  const dir = mkdtempSync(join(tmpdir(), 'cpay-topology-'));
  const tls = makeCertificate(dir);
  // Live mode needs the cpay-allocated sub_terminal_type: the operator sets it for the fleet.
  const fleetFile = join(dir, 'fleet.json');
  writeFileSync(fleetFile, JSON.stringify(FLEET));
  const replicas: Replica[] = [];
  for (let i = 0; i < count; i++) replicas.push(await replica(await freePort(), await passThrough(simUrl), staticDir, fleetFile));
  const port = await freePort();
  // The two operator files the kit's site includes (deploy/nginx/cpay/*.conf are the examples).
  mkdirSync(join(dir, 'cpay'));
  writeFileSync(join(dir, 'cpay/relays.conf'), replicas.map((r) => `server 127.0.0.1:${r.port} max_fails=1 fail_timeout=5s;\n`).join(''));
  writeFileSync(
    join(dir, 'cpay/listen.conf'),
    [
      `listen 127.0.0.1:${port} ssl;`,
      'server_name localhost;',
      `ssl_certificate ${tls.cert};`,
      `ssl_certificate_key ${tls.key};`,
      `access_log ${join(dir, 'access.log')} cpay_relay;`,
      '',
    ].join('\n'),
  );
  // A minimal main configuration; the site is included from deploy/ as shipped.
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  client_body_temp_path ${join(dir, 'body')}; proxy_temp_path ${join(dir, 'proxy')};`,
      `  include ${KIT_SITE};`,
      '}',
      '',
    ].join('\n'),
  );
  const check = spawnSync(nginx, ['-t', '-q', '-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the configuration: ${check.stderr}`);
  const proc = spawn(nginx, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const baseUrl = new URL(`https://127.0.0.1:${port}/`);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await fetchInsecure(new URL('/healthz', baseUrl)).then(
      (s) => s === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${baseUrl.href}: ${readIf(join(dir, 'error.log'))}`);
    await new Promise((r) => {
      setTimeout(r, 200);
    });
  }
  return {
    baseUrl,
    replicas,
    accessLog: () => readIf(join(dir, 'access.log')).split('\n').filter(Boolean),
    async close() {
      proc.kill('SIGQUIT');
      await new Promise((r) => {
        if (proc.exitCode !== null) r(undefined);
        else proc.once('exit', r);
      });
      for (const r of replicas) await r.stop('SIGTERM');
      for (const r of replicas) await r.upstream.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const readIf = (p: string): string => (existsSync(p) ? readFileSync(p, 'utf8') : '');

/** A request through nginx without trusting its certificate (the test's own CA-less check); resolves to the status. */
export async function fetchInsecure(url: URL, method = 'GET', headers: Record<string, string> = {}): Promise<number> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
