/**
 * node:http adapter: serves POST /cpay/* (GET /cpay/use_device_setting) from the simulator core
 * and the control API under /sandbox/. `handler` works standalone, so the relay can mount it
 * in-process. "No answer" holds the request until the client disconnects or `maxHangMs` passes
 * (then the socket is destroyed without a reply); "slow" answers after the scenario's delay.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sandboxRequest } from '../sandbox.js';
import { createSimulator, type Simulator, type SimulatorOptions } from '../simulator.js';

/** Options of createSimulatorServer. */
export interface SimulatorServerOptions extends SimulatorOptions {
  /** Use this simulator instead of creating one. */
  readonly sim?: Simulator;
  /** Longest time a "no answer" request is held before its socket is destroyed (default 5 min). */
  readonly maxHangMs?: number;
  /** Largest accepted request body (default 1 MiB). */
  readonly bodyLimitBytes?: number;
  /** Base URL used in generated links when the handler is mounted elsewhere (default: from Host). */
  readonly publicUrl?: string;
  /** `/sandbox/` control calls per second (sustained) and burst, all clients together (default 200 / 1000: far above any test's polling). */
  readonly sandboxRate?: { readonly perSecond: number; readonly burst: number };
}

/** What createSimulatorServer returns. */
export interface SimulatorServer {
  readonly handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  readonly server: http.Server;
  readonly sim: Simulator;
  listen(port?: number, host?: string): Promise<URL>;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

/**
 * Reads the body as text; null once it passes `limit` (declared or streamed). The rest is drained,
 * not reset, so the client reads the 413 that follows.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        resolve(null);
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** A JSON error answer of the adapter itself (bad path, body too large, control API too busy). */
function sendError(res: http.ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void {
  const text = JSON.stringify({ error });
  res.writeHead(status, { ...CORS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

/** True when every %-escape of `path` decodes (a malformed one would otherwise throw deep inside a route: 500). */
function wellFormedPath(path: string): boolean {
  try {
    decodeURIComponent(path.split('?')[0] ?? '');
    return true;
  } catch {
    return false;
  }
}

/** Creates the server (not yet listening). */
export function createSimulatorServer(opts: SimulatorServerOptions = {}): SimulatorServer {
  const sim = opts.sim ?? createSimulator(opts);
  const maxHangMs = opts.maxHangMs ?? 300_000;
  const held = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      held.delete(t);
      fn();
    }, ms);
    held.add(t);
    return t;
  };

  const limit = opts.bodyLimitBytes ?? 1_048_576;
  const rate = opts.sandboxRate ?? { perSecond: 200, burst: 1000 };
  let tokens = rate.burst;
  let refilledAt = performance.now();
  /** One token of the control API's bucket (the sandbox is shared, so the bucket is too). */
  const takeSandboxToken = (): boolean => {
    const t = performance.now();
    tokens = Math.min(rate.burst, tokens + ((t - refilledAt) / 1000) * rate.perSecond);
    refilledAt = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    if (!wellFormedPath(path)) {
      req.resume();
      sendError(res, 400, '路径中有无效的 % 转义');
      return;
    }
    const body = await readBody(req, limit);
    if (body === null) {
      sendError(res, 413, `请求体超过 ${limit} 字节`, { connection: 'close' });
      return;
    }
    if (path === '/sandbox' || path.startsWith('/sandbox/')) {
      if (!takeSandboxToken()) {
        sendError(res, 429, '控制接口调用过于频繁，请稍后再试', { 'retry-after': '1' });
        return;
      }
      const base = opts.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
      const out = await sandboxRequest(sim, method, path, body, base);
      res.writeHead(out.status, { ...CORS, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(out.json));
      return;
    }
    const out = await sim.handle({ method, path, body });
    const send = () => {
      if (!res.destroyed) res.writeHead(out.status, { ...CORS, ...out.headers }).end(out.body);
    };
    if (out.hang) {
      const t = later(maxHangMs, () => {
        res.destroy();
      });
      res.on('close', () => {
        clearTimeout(t);
        held.delete(t);
      });
      return;
    }
    if (out.delayMs) {
      const t = later(out.delayMs, send);
      res.on('close', () => {
        clearTimeout(t);
        held.delete(t);
      });
      return;
    }
    send();
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    serve(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'simulator failure', detail: e instanceof Error ? e.message : String(e) }));
    });
  };
  const server = http.createServer(handler);

  return {
    handler,
    server,
    sim,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise<URL>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const a = server.address() as AddressInfo;
          resolve(new URL(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`));
        });
      });
    },
    close() {
      for (const t of held) clearTimeout(t);
      held.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type { Simulator } from '../simulator.js';
export { createSimulator } from '../simulator.js';
