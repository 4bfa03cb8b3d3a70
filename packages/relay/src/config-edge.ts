/**
 * Settings of the relay's client-facing edge (connection limits, client timeouts, Host allow-list,
 * sandbox exposure, upstream answer cap, source maps, metrics) and the trusted-proxy setting.
 * Kept apart from config.ts so the core settings and these evolve without touching each other.
 */
import type { EdgeOptions, TrustProxy } from './options.js';

/** Flag, environment variable, help text. */
export const EDGE_SETTINGS = {
  maxConnections: ['--max-connections', 'MAX_CONNECTIONS', 'open client connections in total (default: min(1024, open-file limit - 128))'],
  maxConnectionsPerClient: [
    '--max-connections-per-client',
    'MAX_CONNECTIONS_PER_CLIENT',
    'open connections per client address; trusted proxies exempt (default 32)',
  ],
  headersTimeout: ['--headers-timeout-ms', 'HEADERS_TIMEOUT_MS', "a connection must send a request's headers within this (default 10000)"],
  bodyTimeout: ['--body-timeout-ms', 'BODY_TIMEOUT_MS', 'a request body must be complete within this, else 408 (default 10000)'],
  keepAliveTimeout: ['--keepalive-timeout-ms', 'KEEPALIVE_TIMEOUT_MS', 'idle client keep-alive connections closed after this (default 65000)'],
  allowedHosts: ['--allowed-hosts', 'ALLOWED_HOSTS', 'Host names served besides the listen address(es) and localhost, comma-separated'],
  sandboxOnNetwork: ['--sandbox-on-network', 'SANDBOX_ON_NETWORK', '"1": allow sandbox mode on a non-loopback address (anyone there can read its demo keys)'],
  answerLimit: ['--upstream-answer-limit', 'UPSTREAM_ANSWER_LIMIT', 'largest upstream answer in bytes; bigger = unknown (default 1048576)'],
  serveSourceMaps: ['--serve-source-maps', 'SERVE_SOURCE_MAPS', '"1": serve *.map files (full sources) from the static root'],
  metrics: ['--metrics', 'METRICS', '/metrics: local (loopback/private clients, default) | on | off'],
} as const;

type EdgeName = keyof typeof EDGE_SETTINGS;

/** Parses the edge settings; `get` and `int` read a setting (int refuses 0 and names the flag). */
export function parseEdge(
  get: (name: EdgeName) => string | undefined,
  int: (name: EdgeName) => number | undefined,
  label: (name: EdgeName) => string,
): EdgeOptions {
  const bool = (name: EdgeName): boolean | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    throw new Error(`${label(name)} must be 1 or 0, got "${v}"`);
  };
  const metrics = get('metrics');
  if (metrics !== undefined && !['on', 'local', 'off'].includes(metrics)) throw new Error(`${label('metrics')} must be local, on or off, got "${metrics}"`);
  const hosts = get('allowedHosts');
  const e: EdgeOptions = {
    maxConnections: int('maxConnections'),
    maxConnectionsPerClient: int('maxConnectionsPerClient'),
    headersTimeoutMs: int('headersTimeout'),
    bodyTimeoutMs: int('bodyTimeout'),
    keepAliveTimeoutMs: int('keepAliveTimeout'),
    allowedHosts:
      hosts === undefined
        ? undefined
        : hosts
            .split(',')
            .map((h) => h.trim())
            .filter((h) => h !== ''),
    sandboxOnNetwork: bool('sandboxOnNetwork'),
    upstreamAnswerLimitBytes: int('answerLimit'),
    serveSourceMaps: bool('serveSourceMaps'),
    metrics: metrics as EdgeOptions['metrics'],
  };
  if (e.maxConnections !== undefined && e.maxConnectionsPerClient !== undefined && e.maxConnectionsPerClient > e.maxConnections) {
    throw new Error(`${label('maxConnectionsPerClient')} (${e.maxConnectionsPerClient}) cannot exceed ${label('maxConnections')} (${e.maxConnections})`);
  }
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
}

/**
 * TRUST_PROXY: unset/0/false = trust nobody; a whole number = that many proxy hops (`1` = the peer
 * is a proxy: the client is the rightmost X-Forwarded-For address); otherwise a comma-separated list
 * of addresses, CIDRs or proxy-addr names (loopback, uniquelocal, linklocal).
 */
export function trustProxySetting(v: string | undefined, label: string): TrustProxy | undefined {
  if (v === undefined) return undefined;
  if (/^(0|false|off)$/i.test(v)) return false;
  if (/^true$/i.test(v)) return 1;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of list) {
    if (!/^(loopback|uniquelocal|linklocal|[0-9a-f.:]+(\/\d{1,3})?)$/i.test(item))
      throw new Error(`${label}: "${item}" is not a hop count, an address, a CIDR or loopback/uniquelocal/linklocal`);
  }
  return list;
}
