/**
 * The configured cpay domains in fail-over order (spec §2.1), each with its own keep-alive
 * connection pool and health. The active domain is the first one not known to be down; traffic
 * failures and `/cpay/ping` probes update health, so the relay switches away from a dead domain
 * at once and back to the preferred one when a probe finds it healthy again.
 */
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { Pool } from 'undici';
import type { RelayLogger } from '../log.js';

/** Health of one domain as shown by `/relay/status`. */
export interface DomainHealth {
  readonly origin: string;
  /** null until the first probe or request. */
  readonly healthy: boolean | null;
  readonly lastCheckAt: string | null;
  readonly lastError: string | null;
  readonly latencyMs: number | null;
}

/** The last change of active domain, as `/relay/status` shows it (the app tells the cashier). */
export interface DomainSwitch {
  readonly from: string;
  readonly to: string;
  /** Why: the error that took `from` down (`connect_refused`, `ping answered HTTP 502` …), or `recovered`. */
  readonly reason: string;
  readonly at: string;
}

/** One upstream domain: its pool and mutable health. */
export interface Domain {
  readonly origin: string;
  readonly pool: Pool;
  /** Up/down state and last error; times and latency live in the fields below. */
  health: DomainHealth;
  lastOkAt: number;
  lastFailAt: number;
  lastLatencyMs: number | null;
  /** performance.now() of the last completed forwarded exchange (0: none yet). */
  lastExchangeAt: number;
}

/** Connection settings shared by every domain's pool. */
export interface PoolSettings {
  readonly connectTimeoutMs: number;
  readonly connections: number;
  /** Test seam: a custom DNS lookup. */
  readonly lookup?: LookupFunction;
  /** An extra CA certificate (a self-signed test upstream), trusted in addition to the default roots. */
  readonly ca?: string | Buffer;
  /** Largest upstream answer accepted (bytes). */
  readonly answerLimitBytes: number;
}

/**
 * The default trust store plus `extra`. Node's `ca` option replaces the defaults, so they are
 * listed explicitly: the bundled roots plus NODE_EXTRA_CA_CERTS (and the system store when Node
 * runs with --use-system-ca), as `tls.getCACertificates('default')` reports them (Node ≥ 22.15).
 */
export function withDefaultRoots(extra: string | Buffer): string[] {
  const getter = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
  const defaults = getter ? getter('default') : [...tls.rootCertificates];
  return [...defaults, typeof extra === 'string' ? extra : extra.toString('utf8')];
}

/** Normalises `pay.qcloud.com` or `https://pay.qcloud.com/` to an origin (`https://pay.qcloud.com`). */
export function toOrigin(domainOrUrl: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(domainOrUrl) ? domainOrUrl : `https://${domainOrUrl}`;
  const u = new URL(withScheme);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`upstream must be http(s): ${domainOrUrl}`);
  if (u.pathname !== '/' || u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '') {
    throw new Error(`upstream must be an origin without path, query or credentials: ${domainOrUrl}`);
  }
  return u.origin;
}

/** The ordered domain list with pools and health. */
export class DomainSet {
  readonly domains: readonly Domain[];
  readonly answerLimitBytes: number;
  /** Called with the latency of every forwarded answer (metrics). */
  onAnswer: ((origin: string, ms: number) => void) | undefined;
  private lastActive: string | undefined;
  /** The last change of active domain since start, or null. */
  lastSwitch: DomainSwitch | null = null;

  constructor(
    origins: readonly string[],
    settings: PoolSettings,
    private readonly logger: RelayLogger,
  ) {
    if (origins.length === 0) throw new Error('at least one upstream domain is required');
    this.answerLimitBytes = settings.answerLimitBytes;
    const ca = settings.ca !== undefined ? withDefaultRoots(settings.ca) : undefined;
    this.domains = origins.map((origin) => ({
      origin,
      pool: new Pool(origin, {
        connections: settings.connections,
        pipelining: 1,
        keepAliveTimeout: 150_000,
        keepAliveMaxTimeout: 600_000,
        connect: { timeout: settings.connectTimeoutMs, ...(settings.lookup ? { lookup: settings.lookup } : {}), ...(ca ? { ca } : {}) },
      }),
      health: { origin, healthy: null, lastCheckAt: null, lastError: null, latencyMs: null },
      lastOkAt: 0,
      lastFailAt: 0,
      lastLatencyMs: null,
      lastExchangeAt: 0,
    }));
    // The preferred domain is active until something is known: finding it down at start is a switch too.
    this.lastActive = this.domains[0]?.origin;
  }

  /** The domain new requests go to: the first not known to be down (the first one if all are down). */
  active(): Domain {
    return (this.domains.find((d) => d.health.healthy !== false) ?? this.domains[0]) as Domain;
  }

  /** Try order for one request: domains not known to be down first, then the rest, each in configured order. */
  attemptOrder(): Domain[] {
    const up = this.domains.filter((d) => d.health.healthy !== false);
    const down = this.domains.filter((d) => d.health.healthy === false);
    return [...up, ...down];
  }

  /**
   * Records a success (probe or forwarded request). On the hot path (already healthy) this only
   * stores the latency and the time as a number; the health object is rebuilt when it changes.
   */
  markUp(d: Domain, latencyMs: number | null): void {
    d.lastOkAt = Date.now();
    if (latencyMs !== null) d.lastLatencyMs = latencyMs;
    if (d.health.healthy === true) return;
    d.health = { ...d.health, healthy: true, lastError: null };
    this.noteActive();
  }

  /** Records a failure that shows the domain cannot be reached. */
  markDown(d: Domain, reason: string): void {
    d.lastFailAt = Date.now();
    d.health = { ...d.health, healthy: false, lastError: reason };
    this.noteActive();
  }

  /** Health of every domain, in configured order. */
  health(): DomainHealth[] {
    return this.domains.map((d) => {
      const last = Math.max(d.lastOkAt, d.lastFailAt);
      return {
        ...d.health,
        lastCheckAt: last > 0 ? new Date(last).toISOString() : null,
        latencyMs: d.lastLatencyMs === null ? null : Math.round(d.lastLatencyMs * 100) / 100,
      };
    });
  }

  /** Destroys every pool, failing whatever is still running (background probes; cut requests). */
  async destroy(): Promise<void> {
    await Promise.all(this.domains.map((d) => d.pool.destroy()));
  }

  private noteActive(): void {
    const now = this.active().origin;
    if (now !== this.lastActive) {
      if (this.lastActive !== undefined) {
        const from = this.domains.find((d) => d.origin === this.lastActive);
        const reason = from?.health.healthy === false ? (from.health.lastError ?? 'down') : 'recovered';
        this.lastSwitch = { from: this.lastActive, to: now, reason, at: new Date().toISOString() };
        this.logger.warn({ msg: 'active upstream changed', from: this.lastActive, to: now, reason });
      }
      this.lastActive = now;
    }
  }
}
