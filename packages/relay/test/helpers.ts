/**
 * Test helpers: fake cpay upstreams on real loopback sockets, a log-capturing logger, and a relay
 * started on a free port with quiet defaults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRelay, type Relay, type RelayLogger, type RelayOptions } from '../src/index.js';

/** One request a fake upstream received. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** Client port of the connection: equal ports = a reused keep-alive connection. */
  readonly remotePort: number;
}

/** A fake upstream on 127.0.0.1. */
export interface FakeUpstream {
  readonly origin: string;
  readonly received: Received[];
  readonly server: Server;
  close(): Promise<void>;
}

/** Handler of a fake upstream: gets the full body. `/cpay/ping` answers 200 unless the handler says otherwise. */
export type FakeHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

/** Starts a fake upstream. Health probes (`/cpay/ping`) get `{"status":0}` unless `ownPing`. */
export async function fakeUpstream(handler: FakeHandler, ownPing = false, port = 0): Promise<FakeUpstream> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, remotePort: req.socket.remotePort ?? 0 });
      if (req.url === '/cpay/ping' && !ownPing) res.end('{"description":"ok","status":0,"timestamp":1}');
      else handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${bound}`,
    received,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback origin nothing listens on (connections are refused). */
export async function deadOrigin(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A logger that keeps every line as the JSON text the real logger would write. */
export function captureLogger(): { logger: RelayLogger; lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (r: object) => {
    lines.push(JSON.stringify({ level, ...r }));
  };
  return { lines, logger: { info: push('info'), warn: push('warn'), error: push('error') } };
}

/** A started relay and its base URL. */
export interface Started {
  readonly relay: Relay;
  readonly url: URL;
  /** `new URL(path, url)`. */
  at(path: string): string;
}

/** Starts a relay on 127.0.0.1:0 with a silent logger, no rate limit and slow upkeep timers. */
export async function startRelay(opts: RelayOptions): Promise<Started> {
  const relay = createRelay({
    port: 0,
    host: '127.0.0.1',
    rateLimit: false,
    healthIntervalMs: 3_600_000,
    keepAliveIntervalMs: 3_600_000,
    logger: captureLogger().logger,
    ...opts,
  });
  const url = await relay.listen();
  return { relay, url, at: (path) => new URL(path, url).href };
}

/** Polls `check` every 25 ms until it returns true (or fails after `ms`). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** POSTs a JSON body (string or bytes) and returns status, headers and the raw response bytes. */
export async function post(url: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(url, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
