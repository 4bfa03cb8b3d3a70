/**
 * The relay's edge towards clients (docs/decisions/0020-relay-edge-limits.md):
 * - connection caps (total and per client address) and a deadline for a new connection's first
 *   request, so silent or slow sockets cannot take every file descriptor;
 * - the client's address behind trusted proxies (proxy-addr: the rightmost untrusted address);
 * - the Host allow-list that defeats DNS rebinding;
 * - a throttle that turns a flood of identical log lines into one line plus a count.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import proxyaddr from 'proxy-addr';
import type { LogRecord, RelayLogger } from './log.js';
import type { ResolvedEdge, TrustProxy } from './options.js';

/** Address tester: is this address (at hop `i`, 0 = the socket peer) a trusted proxy? */
export type TrustFn = (addr: string, i: number) => boolean;

/** Compiles the trusted-proxy setting. `false`/empty trusts nobody; a number trusts that many hops. */
export function compileTrust(t: TrustProxy): TrustFn | undefined {
  if (t === false) return undefined;
  if (t === true) return (_a, i) => i < 1;
  if (typeof t === 'number') {
    if (!Number.isInteger(t) || t < 1) throw new RangeError(`trustProxy hop count must be a whole number ≥ 1, got ${t}`);
    return (_a, i) => i < t;
  }
  if (t.length === 0) return undefined;
  return proxyaddr.compile([...t]);
}

/** The client address of a request: the socket peer, or the rightmost untrusted X-Forwarded-For entry. */
export function clientAddress(req: IncomingMessage, trust: TrustFn | undefined): string {
  if (!trust) return req.socket.remoteAddress ?? 'unknown';
  return proxyaddr(req, trust);
}

/** Loopback listen addresses (where sandbox mode is allowed without the explicit flag). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/** True for a wildcard listen address (every interface). */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';
}

/** The addresses a listen host is reachable on: itself, or every interface address for a wildcard. */
export function listenAddresses(host: string): string[] {
  if (!isWildcardHost(host)) return [host];
  const v6 = host.includes(':');
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' || (v6 && !a.address.startsWith('fe80'))) out.push(a.address);
    }
  }
  // loopback first, then the LAN addresses tablets use
  return out.sort((a, b) => Number(!isLoopbackHost(a)) - Number(!isLoopbackHost(b)));
}

/** The host name of a Host header (`a.example:8080` → `a.example`, `[::1]:80` → `::1`), lower case. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end === -1 ? h : h.slice(1, end);
  }
  const colon = h.indexOf(':');
  return (colon === -1 ? h : h.slice(0, colon)).replace(/\.$/, '');
}

/**
 * The Host names this relay answers to: the listen address (every interface address for
 * 0.0.0.0 / ::), `localhost`, the loopback addresses and the configured names. A page served from
 * any other name (a rebinding attacker's domain resolving to this relay) is refused before routing.
 */
export class HostAllowList {
  private readonly names = new Set<string>(['localhost', '127.0.0.1', '::1']);

  constructor(listenHost: string, extra: readonly string[]) {
    for (const a of listenAddresses(listenHost)) this.names.add(hostName(a.includes(':') && !a.startsWith('[') ? `[${a}]` : a));
    for (const n of extra) this.names.add(hostName(n));
  }

  /** True when the Host header names this relay. */
  allows(hostHeader: string | undefined): boolean {
    return hostHeader !== undefined && this.names.has(hostName(hostHeader));
  }

  /** For messages and `/relay/status`. */
  list(): string[] {
    return [...this.names];
  }
}

/** Counters the connection guard reports (read by `/metrics`). */
export interface ConnectionStats {
  open: number;
  refused: { total: number; per_client: number; first_request_timeout: number };
}

const firstRequestTimers = new WeakMap<Socket, NodeJS.Timeout>();

/**
 * Applies the connection limits to a server: Node's own total cap and header/body/keep-alive
 * timeouts, a per-client-address cap (connections from trusted proxies count only towards the
 * total), and a deadline for a connection's first request (a socket that connects and never sends
 * a byte is otherwise never closed). For HTTPS the caps apply to the TCP socket and the deadline
 * starts after the handshake (which has its own timeout, `handshakeTimeout`).
 */
export function guardConnections(
  server: Server | HttpsServer,
  edge: ResolvedEdge,
  trust: TrustFn | undefined,
  onRefused: (reason: 'total' | 'per_client' | 'first_request_timeout', addr: string) => void,
): ConnectionStats {
  const stats: ConnectionStats = { open: 0, refused: { total: 0, per_client: 0, first_request_timeout: 0 } };
  const perClient = new Map<string, number>();
  const tls = 'setSecureContext' in server;
  server.maxConnections = edge.maxConnections;
  server.headersTimeout = edge.headersTimeoutMs;
  // Node's own deadline for receiving a whole request (checked every connectionsCheckingInterval)
  // backs up the body timer of readBody.
  server.requestTimeout = edge.headersTimeoutMs + edge.bodyTimeoutMs;
  server.keepAliveTimeout = edge.keepAliveTimeoutMs;
  server.on('drop', (data?: { remoteAddress?: string }) => {
    stats.refused.total++;
    onRefused('total', data?.remoteAddress ?? 'unknown');
  });
  const startDeadline = (socket: Socket, addr: string): void => {
    const t = setTimeout(() => {
      stats.refused.first_request_timeout++;
      onRefused('first_request_timeout', addr);
      socket.destroy();
    }, edge.headersTimeoutMs);
    firstRequestTimers.set(socket, t);
    socket.once('close', () => clearTimeout(t));
  };
  server.on('connection', (socket: Socket) => {
    const addr = socket.remoteAddress ?? 'unknown';
    const exempt = trust !== undefined && trust(addr, 0);
    if (!exempt) {
      const n = (perClient.get(addr) ?? 0) + 1;
      if (n > edge.maxConnectionsPerClient) {
        stats.refused.per_client++;
        onRefused('per_client', addr);
        socket.destroy();
        return;
      }
      perClient.set(addr, n);
    }
    stats.open++;
    if (!tls) startDeadline(socket, addr);
    socket.once('close', () => {
      stats.open--;
      if (exempt) return;
      const left = (perClient.get(addr) ?? 1) - 1;
      if (left <= 0) perClient.delete(addr);
      else perClient.set(addr, left);
    });
  });
  if (tls) server.on('secureConnection', (socket: Socket) => startDeadline(socket, socket.remoteAddress ?? 'unknown'));
  return stats;
}

/** Clears a connection's first-request deadline (called when a request's headers have arrived). */
export function firstRequestArrived(req: IncomingMessage): void {
  const t = firstRequestTimers.get(req.socket);
  if (t !== undefined) {
    clearTimeout(t);
    firstRequestTimers.delete(req.socket);
  }
}

/**
 * One log line per flood: the first event of a kind from a client is logged, repeats within
 * `intervalMs` are only counted, and the next event after the interval logs the count suppressed.
 */
export class FloodLog {
  private readonly seen = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: RelayLogger,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Logs `record` at `level` unless the same `kind` from `client` was logged within the interval. */
  log(level: 'info' | 'warn', kind: string, client: string, record: LogRecord): void {
    const key = `${kind}\u0000${client}`;
    const t = this.now();
    const prev = this.seen.get(key);
    if (prev && t - prev.at < this.intervalMs) {
      prev.suppressed++;
      return;
    }
    if (this.seen.size > 10_000) this.sweep(t);
    this.seen.set(key, { at: t, suppressed: 0 });
    this.logger[level](prev && prev.suppressed > 0 ? { ...record, suppressed: prev.suppressed, suppressedSinceMs: t - prev.at } : record);
  }

  /**
   * Forgets entries older than the interval (bounded memory under a spread-out flood) and logs the
   * count of a flood that has stopped, so no suppressed event goes unreported. Run on a timer.
   */
  sweep(t = this.now()): void {
    for (const [k, v] of this.seen) {
      if (t - v.at < this.intervalMs) continue;
      this.seen.delete(k);
      if (v.suppressed > 0) {
        const [kind, client] = k.split('\u0000');
        this.logger.warn({ msg: 'flood summary', kind, client, suppressed: v.suppressed, sinceMs: t - v.at });
      }
    }
  }
}
