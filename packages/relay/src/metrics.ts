/**
 * `/metrics` in the Prometheus text format (prom-client, one registry per relay so several relays
 * can share a process). Names and labels are listed in ../README.md; label values are bounded
 * (endpoint names from the allow-list, outcome and reason names from the code), never client input.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ConnectionStats } from './edge.js';
import type { DomainSet } from './upstream/domains.js';

/** The outcome class of a finished request, for `relay_requests_total{outcome}`. */
export type RequestClass = 'forwarded' | 'not_sent' | 'unknown' | 'refused' | 'local';

/** The relay's metrics. */
export class RelayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'outcome' | 'reason'>;
  private readonly latency: Histogram<'domain'>;
  private readonly rateLimited: Counter;
  private readonly refused: Counter<'reason'>;
  private readonly requestChildren = new Map<string, { inc(): void }>();
  private readonly latencyChildren = new Map<string, { observe(v: number): void }>();

  constructor(state: {
    domains: () => DomainSet | undefined;
    connections: () => ConnectionStats;
    inFlight: () => number;
    /** The rate limiter's clients (undefined when the limit is off). */
    clients?: () => { tracked: number; seen: number } | undefined;
  }) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'relay_requests_total',
      registers,
      labelNames: ['route', 'outcome', 'reason'],
      help: 'Finished requests by route (cpay endpoint, relay, sandbox, static), outcome (forwarded, not_sent, unknown, refused, local) and reason (relay_error, or "" when none)',
    });
    this.latency = new Histogram({
      name: 'relay_upstream_latency_seconds',
      registers,
      labelNames: ['domain'],
      help: 'Time from forwarding a request to the complete upstream answer, per domain (answers only)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    this.rateLimited = new Counter({ name: 'relay_rate_limited_total', registers, help: 'Requests refused with 429 by the per-client rate limit' });
    const { domains, connections, inFlight, clients } = state;
    new Gauge({
      name: 'relay_upstream_up',
      registers,
      labelNames: ['domain'],
      help: 'Upstream domain health from traffic and /cpay/ping probes: 1 up, 0 down, -1 not yet known',
      collect() {
        for (const d of domains()?.domains ?? []) this.set({ domain: d.origin }, d.health.healthy === null ? -1 : d.health.healthy ? 1 : 0);
      },
    });
    new Gauge({
      name: 'relay_upstream_active',
      registers,
      labelNames: ['domain'],
      help: '1 for the domain new requests go to, 0 for the others',
      collect() {
        const set = domains();
        if (!set) return;
        const active = set.active().origin;
        for (const d of set.domains) this.set({ domain: d.origin }, d.origin === active ? 1 : 0);
      },
    });
    new Gauge({
      name: 'relay_connections_open',
      registers,
      help: 'Open client connections',
      collect() {
        this.set(connections().open);
      },
    });
    new Gauge({
      name: 'relay_requests_in_flight',
      registers,
      help: 'Requests being handled',
      collect() {
        this.set(inFlight());
      },
    });
    // Per-client rate limit buckets: how many clients are tracked now, and how many were ever opened.
    // The second is how an operator (and the nginx topology test) sees whether a forged
    // X-Forwarded-For gets every request a bucket of its own: behind a proxy it should stay near the
    // number of real clients, whatever addresses the requests claim.
    new Gauge({
      name: 'relay_rate_limit_clients',
      registers,
      help: 'Clients the per-client rate limit tracks now (idle ones are dropped every minute)',
      collect() {
        const c = clients?.();
        if (c) this.set(c.tracked);
      },
    });
    new Counter({
      name: 'relay_rate_limit_clients_total',
      registers,
      help: 'Rate limit buckets ever opened: a client seen for the first time, or again after it went idle',
      collect() {
        const c = clients?.();
        if (!c) return;
        this.reset();
        this.inc(c.seen);
      },
    });
    this.refused = new Counter({
      name: 'relay_connections_refused_total',
      registers,
      labelNames: ['reason'],
      help: 'Client connections closed by the limits: total (maxConnections), per_client, first_request_timeout',
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'relay_' });
  }

  /** Counts one finished request (the labelled counter is looked up once per label set: hot path). */
  request(route: string, outcome: RequestClass, reason: string | undefined): void {
    const key = `${route}\u0000${outcome}\u0000${reason ?? ''}`;
    let child = this.requestChildren.get(key);
    if (!child) {
      child = this.requests.labels(route, outcome, reason ?? '');
      this.requestChildren.set(key, child);
    }
    child.inc();
    if (reason === 'rate_limited') this.rateLimited.inc();
  }

  /** Records one upstream answer's latency. */
  upstreamLatency(domain: string, ms: number): void {
    let child = this.latencyChildren.get(domain);
    if (!child) {
      child = this.latency.labels(domain);
      this.latencyChildren.set(domain, child);
    }
    child.observe(ms / 1000);
  }

  /** Counts one connection closed by the limits. */
  connectionRefused(reason: string): void {
    this.refused.inc({ reason });
  }
}
