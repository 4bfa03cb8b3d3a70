/**
 * Relay options (docs/contracts.md) and their defaults. Everything has a default so
 * `createRelay({})` starts a sandbox relay on 127.0.0.1:8080.
 */
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
  /** Use the first `X-Forwarded-For` address as the client key (only behind a trusted proxy). */
  readonly trustProxy?: boolean;
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
  /** Operator's fleet defaults file (JSON, non-secret settings), served at `GET /relay/fleet` (src/fleet.ts). */
  readonly fleetDefaultsFile?: string;
}

/** Options with every default applied. */
export type ResolvedOptions = Required<Omit<RelayOptions, 'upstreams' | 'sandbox' | 'staticDir' | 'tls' | 'upstreamCa' | 'lookup' | 'fleetDefaultsFile'>> &
  Pick<RelayOptions, 'sandbox' | 'staticDir' | 'tls' | 'upstreamCa' | 'lookup' | 'fleetDefaultsFile'> & { readonly upstreams: readonly string[] };

/** Applies defaults. */
export function resolveOptions(o: RelayOptions): ResolvedOptions {
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
  };
}
