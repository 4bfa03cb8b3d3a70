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
import type { OwnedSandbox } from './sandbox.js';
import { DomainSet } from './upstream/domains.js';
import { Upkeep } from './upstream/upkeep.js';

/** Owns the server's lifecycle and the relay-wide dependencies. */
export class Lifecycle {
  deps: RelayDeps | undefined;
  private inFlight = 0;
  private owned: OwnedSandbox | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly server: Server | HttpsServer, private readonly opts: ResolvedOptions, private readonly limiter: RateLimiter | undefined) {}

  /** Builds the upstream side, starts the upkeep loops and listens. */
  async start(mode: 'sandbox' | 'live', origins: readonly string[], owned: OwnedSandbox | undefined): Promise<URL> {
    const o = this.opts;
    this.owned = owned;
    const domains = new DomainSet(origins, { connectTimeoutMs: o.connectTimeoutMs, connections: o.upstreamConnections, lookup: o.lookup, ca: o.upstreamCa }, o.logger);
    const upkeep = new Upkeep(domains, { healthIntervalMs: o.healthIntervalMs, keepAliveIntervalMs: o.keepAliveIntervalMs, probeTimeoutMs: Math.min(o.timeoutMs, 5_000) }, o.logger);
    this.deps = { opts: o, mode, domains, upkeep, limiter: this.limiter, startedAt: Date.now(), closing: false };
    void upkeep.start();
    if (this.limiter) {
      const limiter = this.limiter;
      this.sweeper = setInterval(() => limiter.sweep(), 60_000);
      this.sweeper.unref();
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(o.port, o.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo;
    const host = o.host.includes(':') ? `[${o.host}]` : o.host === '0.0.0.0' ? '127.0.0.1' : o.host;
    const url = new URL(`${o.tls ? 'https' : 'http'}://${host}:${port}/`);
    o.logger.info({ msg: 'relay listening', url: url.href, mode, upstreams: origins.join(','), static: o.staticDir ?? null });
    return url;
  }

  /** Tracks one request until its response is finished or aborted, then writes the access log line. */
  begin(res: ServerResponse, ctx: RequestContext): void {
    this.inFlight++;
    res.once('close', () => {
      this.inFlight--;
      const rec = {
        msg: 'request', id: ctx.id, method: res.req.method, path: ctx.pathname, status: res.headersSent ? res.statusCode : 0,
        ms: Math.round((performance.now() - ctx.started) * 100) / 100, endpoint: ctx.endpoint, upstream: ctx.upstream,
        upstreamStatus: ctx.upstreamStatus, relayError: ctx.relayError ?? (res.writableFinished ? undefined : 'client_gone'), outcome: ctx.outcome, completed: res.writableFinished,
      };
      if (res.statusCode >= 500 || !res.writableFinished) this.opts.logger.warn(rec);
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
    this.deps?.upkeep.stop();
    await this.deps?.domains.destroy();
    await this.owned?.close();
    this.opts.logger.info({ msg: 'relay stopped' });
  }
}
