/**
 * Relay options (docs/contracts.md) and their defaults. Everything has a default so
 * `createRelay({})` starts a sandbox relay on 127.0.0.1:8080.
 */
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import type { RelayLogger } from './log.js';
import { jsonLogger } from './log.js';
import type { RateLimitOptions } from './rate-limit.js';

/** The four cpay domains in the documented fail-over order (spec §2.1). */
export const CPAY_DOMAINS = ['pay.qcloud.com', 'sz.pay.qcloud.com', 'sh.pay.qcloud.com', 'tj.pay.qcloud.com'] as const;

/** An already-running simulator the relay should use as its sandbox upstream (the e2e harness). */
export interface SandboxUpstream {
  /** Base URL of the simulator's node server, e.g. `http://127.0.0.1:41234/`. */
  readonly url: URL;
}

/** Options of {@link createRelay}. */
export interface RelayOptions {
  /** Listen port (0 = any free port). Default 8080. */
  readonly port?: number;
  /** Listen address. Default 127.0.0.1 (use 0.0.0.0 to reach the relay from the shop LAN). */
  readonly host?: string;
  /** Live mode: cpay origins or bare domains in fail-over order. Absent or empty → sandbox mode. */
  readonly upstreams?: readonly string[];
  /** Sandbox mode: use this running simulator instead of starting one in-process. */
  readonly sandbox?: SandboxUpstream;
  /** Directory with the built PWA (`index.html`, `assets/`). Absent → no static app. */
  readonly staticDir?: string;
  /** Extra origins allowed to call the relay cross-origin (`*` allows any). Same-origin always works. */
  readonly corsOrigins?: readonly string[];
  /** HTTPS listener: PEM certificate chain and private key (contents, not paths). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Time for cpay to answer a forwarded request before the relay answers 504 / unknown. Default 10 000. */
  readonly timeoutMs?: number;
  /** TCP+TLS connect timeout per domain; past it the next domain is tried. Default 3 000. */
  readonly connectTimeoutMs?: number;
  /** Request body cap (413 above it). Default 64 KiB. */
  readonly bodyLimitBytes?: number;
  /** Per-client token bucket for API routes; `false` disables it. Default 20/s, burst 40. */
  readonly rateLimit?: RateLimitOptions | false;
  /**
   * Proxies whose `X-Forwarded-For` is believed (proxy-addr rules: the client is the rightmost
   * address not in this list). A number trusts that many hops; `true` = 1 hop; strings are addresses,
   * CIDRs or `loopback` / `uniquelocal` / `linklocal`. Default: none (the socket address is the client).
   */
  readonly trustProxy?: TrustProxy;
  /** Structured logger. Default JSON lines on stdout. */
  readonly logger?: RelayLogger;
  /** `/cpay/ping` probe interval per domain. Default 30 000. */
  readonly healthIntervalMs?: number;
  /** Keep-alive exchange interval (spec §2.2: 2 minutes). Default 120 000. */
  readonly keepAliveIntervalMs?: number;
  /** How long `close()` waits for in-flight requests before cutting connections. Default 10 000. */
  readonly shutdownGraceMs?: number;
  /** Max pooled connections per upstream domain. Default 256. */
  readonly upstreamConnections?: number;
  /** Extra CA for upstream TLS (a self-signed test upstream). */
  readonly upstreamCa?: string | Buffer;
  /** Test seam: DNS lookup used for upstream connections. */
  readonly lookup?: LookupFunction;
  /** Connection limits, client timeouts, Host allow-list, metrics (see {@link EdgeOptions}). */
  readonly edge?: EdgeOptions;
  /** Operator's fleet defaults file (JSON, non-secret settings), served at `GET /relay/fleet` (src/fleet.ts). */
  readonly fleetDefaultsFile?: string;
}

/** Trusted-proxy setting (see `RelayOptions.trustProxy`). */
export type TrustProxy = boolean | number | readonly string[];

/**
 * The relay's edge towards clients: what one client may hold and how long it may take, which Host
 * names are served, and what operators can see. Numbers and reasons: docs/decisions/0020-relay-edge-limits.md.
 */
export interface EdgeOptions {
  /** Open client connections in total. Default: min(1024, open-file limit − 128), at least 32. */
  readonly maxConnections?: number;
  /** Open connections per client address (trusted proxies exempt). Default 32. */
  readonly maxConnectionsPerClient?: number;
  /** A new connection must complete its first request's headers within this. Default 10 000. */
  readonly headersTimeoutMs?: number;
  /** A request body must be complete within this after its headers (408 otherwise). Default 10 000. */
  readonly bodyTimeoutMs?: number;
  /** Idle keep-alive connections are closed after this. Default 65 000 (above a balancer's 60 s). */
  readonly keepAliveTimeoutMs?: number;
  /** Host names (or IPs) served besides the listen address(es) and localhost. */
  readonly allowedHosts?: readonly string[];
  /** Sandbox mode on a non-loopback address (the simulator hands out keys): refused unless true. */
  readonly sandboxOnNetwork?: boolean;
  /** Largest upstream answer accepted; a bigger one is cut and reported unknown. Default 1 MiB. */
  readonly upstreamAnswerLimitBytes?: number;
  /** Serve `*.map` files from the static root. Default false. */
  readonly serveSourceMaps?: boolean;
  /** `/metrics`: `local` (loopback, private and trusted-proxy addresses; default), `on` (anyone allowed), `off`. */
  readonly metrics?: 'on' | 'local' | 'off';
  /** Minimum interval between repeated log lines of one flood (429s, refused connections) per client. Default 10 000. */
  readonly floodLogIntervalMs?: number;
}

/** Edge options with defaults applied. */
export type ResolvedEdge = Required<EdgeOptions>;

/** The soft open-file limit of this process (Linux /proc), or undefined where unknown. */
export function openFileLimit(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (!m || m[1] === 'unlimited') return undefined;
    return Number(m[1]);
  } catch {
    return undefined;
  }
}

/** Applies the edge defaults. */
export function resolveEdge(e: EdgeOptions = {}): ResolvedEdge {
  const fds = openFileLimit();
  const maxConnections = e.maxConnections ?? Math.max(32, Math.min(1024, fds === undefined ? 1024 : fds - 128));
  return {
    maxConnections,
    maxConnectionsPerClient: e.maxConnectionsPerClient ?? Math.min(32, maxConnections),
    headersTimeoutMs: e.headersTimeoutMs ?? 10_000,
    bodyTimeoutMs: e.bodyTimeoutMs ?? 10_000,
    keepAliveTimeoutMs: e.keepAliveTimeoutMs ?? 65_000,
    allowedHosts: e.allowedHosts ?? [],
    sandboxOnNetwork: e.sandboxOnNetwork ?? false,
    upstreamAnswerLimitBytes: e.upstreamAnswerLimitBytes ?? 1024 * 1024,
    serveSourceMaps: e.serveSourceMaps ?? false,
    metrics: e.metrics ?? 'local',
    floodLogIntervalMs: e.floodLogIntervalMs ?? 10_000,
  };
}

/** Options with every default applied. */
export type ResolvedOptions = Required<
  Omit<RelayOptions, 'upstreams' | 'sandbox' | 'staticDir' | 'tls' | 'upstreamCa' | 'lookup' | 'edge' | 'fleetDefaultsFile'>
> &
  Pick<RelayOptions, 'sandbox' | 'staticDir' | 'tls' | 'upstreamCa' | 'lookup' | 'fleetDefaultsFile'> & {
    readonly upstreams: readonly string[];
    readonly edge: ResolvedEdge;
  };

/** Applies defaults. */
export function resolveOptions(o: RelayOptions): ResolvedOptions {
  const r = resolveAll(o);
  const positive: Array<[string, number]> = [
    ['timeoutMs', r.timeoutMs],
    ['connectTimeoutMs', r.connectTimeoutMs],
    ['bodyLimitBytes', r.bodyLimitBytes],
    ['healthIntervalMs', r.healthIntervalMs],
    ['keepAliveIntervalMs', r.keepAliveIntervalMs],
    ['upstreamConnections', r.upstreamConnections],
    ['edge.maxConnections', r.edge.maxConnections],
    ['edge.maxConnectionsPerClient', r.edge.maxConnectionsPerClient],
    ['edge.headersTimeoutMs', r.edge.headersTimeoutMs],
    ['edge.bodyTimeoutMs', r.edge.bodyTimeoutMs],
    ['edge.keepAliveTimeoutMs', r.edge.keepAliveTimeoutMs],
    ['edge.upstreamAnswerLimitBytes', r.edge.upstreamAnswerLimitBytes],
    ['edge.floodLogIntervalMs', r.edge.floodLogIntervalMs],
  ];
  for (const [name, v] of positive) if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`relay option ${name} must be a positive number, got ${v}`);
  if (!(r.shutdownGraceMs >= 0)) throw new RangeError(`relay option shutdownGraceMs must be ≥ 0, got ${r.shutdownGraceMs}`);
  return r;
}

function resolveAll(o: RelayOptions): ResolvedOptions {
  return {
    ...o,
    port: o.port ?? 8080,
    host: o.host ?? '127.0.0.1',
    upstreams: o.upstreams ?? [],
    corsOrigins: o.corsOrigins ?? [],
    timeoutMs: o.timeoutMs ?? 10_000,
    connectTimeoutMs: o.connectTimeoutMs ?? 3_000,
    bodyLimitBytes: o.bodyLimitBytes ?? 64 * 1024,
    rateLimit: o.rateLimit ?? { perSecond: 20, burst: 40 },
    trustProxy: o.trustProxy ?? false,
    logger: o.logger ?? jsonLogger('info'),
    healthIntervalMs: o.healthIntervalMs ?? 30_000,
    keepAliveIntervalMs: o.keepAliveIntervalMs ?? 120_000,
    shutdownGraceMs: o.shutdownGraceMs ?? 10_000,
    upstreamConnections: o.upstreamConnections ?? 256,
    edge: resolveEdge(o.edge),
  };
}
