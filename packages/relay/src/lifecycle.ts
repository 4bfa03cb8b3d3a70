/**
 * Start and graceful stop of a relay, in-flight tracking and the access log line.
 * Shutdown order: refuse new connections and fail readiness, close idle keep-alive connections,
 * let in-flight requests finish (each finished one closes its now-idle connection), and after
 * `shutdownGraceMs` cut whatever is left; then stop the timers and close the upstream pools.
 */
import type { Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RelayDeps, RequestContext } from './context.js';
import type { ResolvedOptions } from './options.js';
import type { RateLimiter } from './rate-limit.js';
import { FloodLog, isLoopbackHost, isWildcardHost, listenAddresses, type ConnectionStats, type HostAllowList } from './edge.js';
import { RelayMetrics, type RequestClass } from './metrics.js';
import type { OwnedSandbox } from './sandbox.js';
import { bodyHandedOver } from './static.js';
import { DomainSet } from './upstream/domains.js';
import { Upkeep } from './upstream/upkeep.js';

/** Owns the server's lifecycle and the relay-wide dependencies. */
export class Lifecycle {
  deps: RelayDeps | undefined;
  private inFlight = 0;
  private owned: OwnedSandbox | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private connections: ConnectionStats = { open: 0, refused: { total: 0, per_client: 0, first_request_timeout: 0 } };
  private hosts: HostAllowList | undefined;
  private floodTimer: NodeJS.Timeout | undefined;
  readonly flood: FloodLog;
  readonly metrics: RelayMetrics;
  /** Every URL the relay listens on, loopback first (after `start`). */
  urls: URL[] = [];

  constructor(
    private readonly server: Server | HttpsServer,
    private readonly opts: ResolvedOptions,
    private readonly limiter: RateLimiter | undefined,
  ) {
    this.flood = new FloodLog(opts.logger, opts.edge.floodLogIntervalMs);
    this.metrics = new RelayMetrics({
      domains: () => this.deps?.domains,
      connections: () => this.connections,
      inFlight: () => this.inFlight,
      clients: () => (limiter ? { tracked: limiter.size, seen: limiter.clientsSeen } : undefined),
    });
  }

  /** Hands over the connection guard's counters and the Host allow-list. */
  attach(connections: ConnectionStats, hosts: HostAllowList): void {
    this.connections = connections;
    this.hosts = hosts;
  }

  /** A connection closed by the limits: counted, and logged once per flood. */
  connectionRefused(reason: string, addr: string): void {
    this.metrics.connectionRefused(reason);
    this.flood.log('warn', `connection_${reason}`, addr, { msg: 'connection refused', reason, client: addr });
  }

  /** Builds the upstream side, starts the upkeep loops and listens. */
  async start(mode: 'sandbox' | 'live', origins: readonly string[], owned: OwnedSandbox | undefined): Promise<URL> {
    const o = this.opts;
    if (mode === 'sandbox' && !isLoopbackHost(o.host) && !o.edge.sandboxOnNetwork) {
      await owned?.close();
      throw new Error(
        `sandbox mode on ${o.host} would let anyone on that network read the demo device's keys and approve orders; ` +
          'listen on 127.0.0.1, set CPAY_UPSTREAM for live mode, or pass --sandbox-on-network (SANDBOX_ON_NETWORK=1) to accept that',
      );
    }
    this.owned = owned;
    const domains = new DomainSet(
      origins,
      {
        connectTimeoutMs: o.connectTimeoutMs,
        connections: o.upstreamConnections,
        lookup: o.lookup,
        ca: o.upstreamCa,
        answerLimitBytes: o.edge.upstreamAnswerLimitBytes,
      },
      o.logger,
    );
    domains.onAnswer = (origin, ms) => this.metrics.upstreamLatency(origin, ms);
    const upkeep = new Upkeep(
      domains,
      { healthIntervalMs: o.healthIntervalMs, keepAliveIntervalMs: o.keepAliveIntervalMs, probeTimeoutMs: Math.min(o.timeoutMs, 5_000) },
      o.logger,
    );
    this.deps = {
      opts: o,
      mode,
      domains,
      upkeep,
      limiter: this.limiter,
      startedAt: Date.now(),
      closing: false,
      metrics: this.metrics,
      hosts: this.hosts?.list() ?? [],
    };
    void upkeep.start();
    if (this.limiter) {
      const limiter = this.limiter;
      this.sweeper = setInterval(() => limiter.sweep(), 60_000);
      this.sweeper.unref();
    }
    this.floodTimer = setInterval(() => this.flood.sweep(), o.edge.floodLogIntervalMs);
    this.floodTimer.unref();
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(o.port, o.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo;
    const scheme = o.tls ? 'https' : 'http';
    this.urls = listenAddresses(o.host).map((a) => new URL(`${scheme}://${a.includes(':') ? `[${a}]` : a}:${port}/`));
    if (this.urls.length === 0) this.urls = [new URL(`${scheme}://127.0.0.1:${port}/`)];
    const url = this.urls[0] as URL;
    o.logger.info({
      msg: 'relay listening',
      url: url.href,
      urls: this.urls.map((u) => u.href).join(' '),
      mode,
      upstreams: origins.join(','),
      static: o.staticDir ?? null,
    });
    if (mode === 'sandbox' && !isLoopbackHost(o.host)) {
      o.logger.warn({
        msg: `SANDBOX ON THE NETWORK: anyone who can reach ${isWildcardHost(o.host) ? 'any address of this machine' : o.host} can read the demo device's keys and approve orders through /sandbox/`,
        urls: this.urls.map((u) => u.href).join(' '),
      });
    }
    return url;
  }

  /** Tracks one request until its response is finished or aborted, then writes the access log line. */
  begin(res: ServerResponse, ctx: RequestContext): void {
    this.inFlight++;
    const socket = res.socket;
    res.once('close', () => {
      this.inFlight--;
      // Complete: Node saw the last write flushed, or the whole response was handed to the socket and
      // the client then closed cleanly (FIN). A client that leaves with bytes unread resets (RST).
      const completed = res.writableFinished || ((res.writableEnded || bodyHandedOver.has(res)) && !socket?.errored);
      const rec = {
        msg: 'request',
        id: ctx.id,
        method: res.req.method,
        path: ctx.pathname,
        status: res.headersSent ? res.statusCode : 0,
        ms: Math.round((performance.now() - ctx.started) * 100) / 100,
        endpoint: ctx.endpoint,
        upstream: ctx.upstream,
        upstreamStatus: ctx.upstreamStatus,
        relayError: ctx.relayError ?? (completed ? undefined : 'client_gone'),
        outcome: ctx.outcome,
        completed,
      };
      this.metrics.request(routeName(ctx), classify(ctx), ctx.relayError ?? (rec.relayError === 'client_gone' ? 'client_gone' : undefined));
      if (ctx.relayError !== undefined && FLOODS.has(ctx.relayError)) this.flood.log('info', ctx.relayError, ctx.clientKey, { ...rec, client: ctx.clientKey });
      else if (res.statusCode >= 500 || !rec.completed) this.opts.logger.warn(rec);
      else this.opts.logger.info(rec);
      if (this.deps?.closing) this.server.closeIdleConnections();
    });
  }

  /** Graceful close; idempotent. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    if (this.deps) this.deps.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.opts.shutdownGraceMs)));
    const how = await Promise.race([closed, grace]);
    clearTimeout(timer);
    if (how === 'timeout') {
      this.opts.logger.warn({ msg: 'shutdown grace expired; closing remaining connections', inFlight: this.inFlight });
      this.server.closeAllConnections();
      await closed;
    }
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.floodTimer) clearInterval(this.floodTimer);
    this.flood.sweep(Number.POSITIVE_INFINITY);
    this.deps?.upkeep.stop();
    await this.deps?.domains.destroy();
    await this.owned?.close();
    this.opts.logger.info({ msg: 'relay stopped' });
  }
}

/** Refusals a single client can repeat at will: logged once per flood (FloodLog), counted always. */
const FLOODS: ReadonlySet<string> = new Set(['rate_limited', 'host_not_allowed', 'origin_denied']);

/** The bounded route label of a request for metrics. */
function routeName(ctx: RequestContext): string {
  if (ctx.endpoint !== undefined) return ctx.endpoint;
  const p = ctx.pathname;
  if (p.startsWith('/cpay/')) return 'cpay_unknown';
  if (p === '/sandbox' || p.startsWith('/sandbox/')) return 'sandbox';
  if (p === '/relay/status' || p === '/relay/warmup' || p === '/healthz' || p === '/readyz' || p === '/metrics') return p.slice(1);
  return 'static';
}

/** forwarded (an upstream answer), not_sent / unknown (an upstream failure), refused (a relay rejection), local. */
function classify(ctx: RequestContext): RequestClass {
  if (ctx.outcome === 'unknown' || ctx.outcome === 'not_sent') return ctx.outcome;
  if (ctx.upstreamStatus !== undefined) return 'forwarded';
  if (ctx.relayError !== undefined) return 'refused';
  return 'local';
}
