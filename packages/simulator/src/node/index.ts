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

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) { resolve(null); req.destroy(); } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Creates the server (not yet listening). */
export function createSimulatorServer(opts: SimulatorServerOptions = {}): SimulatorServer {
  const sim = opts.sim ?? createSimulator(opts);
  const maxHangMs = opts.maxHangMs ?? 300_000;
  const held = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => { held.delete(t); fn(); }, ms);
    held.add(t);
    return t;
  };

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') { res.writeHead(204, CORS).end(); return; }
    const body = await readBody(req, opts.bodyLimitBytes ?? 1_048_576);
    if (body === null) { res.writeHead(413, { ...CORS, 'content-type': 'application/json' }).end('{"error":"body too large"}'); return; }
    if (path === '/sandbox' || path.startsWith('/sandbox/')) {
      const base = opts.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
      const out = await sandboxRequest(sim, method, path, body, base);
      res.writeHead(out.status, { ...CORS, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(out.json));
      return;
    }
    const out = await sim.handle({ method, path, body });
    const send = () => { if (!res.destroyed) res.writeHead(out.status, { ...CORS, ...out.headers }).end(out.body); };
    if (out.hang) {
      const t = later(maxHangMs, () => { res.destroy(); });
      res.on('close', () => { clearTimeout(t); held.delete(t); });
      return;
    }
    if (out.delayMs) {
      const t = later(out.delayMs, send);
      res.on('close', () => { clearTimeout(t); held.delete(t); });
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
    handler, server, sim,
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
