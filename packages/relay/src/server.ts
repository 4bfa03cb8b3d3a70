/**
 * `createRelay`: the HTTP(S) server, the router and the lifecycle (listen, graceful close).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { RelayDeps, RequestContext, Route } from './context.js';
import { HostAllowList, clientAddress, compileTrust, firstRequestArrived, guardConnections } from './edge.js';
import { sendJson, sendRejection } from './errors.js';
import { applyCors, applySecurityHeaders, decideOrigin, sendPreflight } from './headers.js';
import { pathOnly } from './log.js';
import { resolveOptions, type RelayOptions } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { cpayRoute } from './routes/cpay.js';
import { fleetRoute } from './routes/fleet.js';
import { healthzRoute, metricsRoute, readyzRoute, statusRoute, warmupRoute } from './routes/relay.js';
import { sandboxRoute } from './routes/sandbox.js';
import { startSandbox, type OwnedSandbox } from './sandbox.js';
import { serveStatic } from './static.js';
import { toOrigin } from './upstream/domains.js';
import { Lifecycle } from './lifecycle.js';

/** A relay instance (docs/contracts.md). */
export interface Relay {
  readonly server: Server | HttpsServer;
  /** Starts the sandbox simulator if needed, probes upstreams, listens; resolves to the base URL. */
  listen(): Promise<URL>;
  /** Stops accepting, lets in-flight requests finish (up to `shutdownGraceMs`), releases everything. */
  close(): Promise<void>;
  /** After `listen()`: every URL the relay is reachable at (each interface address for 0.0.0.0), loopback first. */
  readonly urls: readonly URL[];
}

const EXACT: ReadonlyMap<string, Route> = new Map([
  ['/relay/status', statusRoute],
  ['/relay/warmup', warmupRoute],
  ['/healthz', healthzRoute],
  ['/readyz', readyzRoute],
  ['/metrics', metricsRoute],
  ['/relay/fleet', fleetRoute],
]);

/** Creates a relay; nothing listens until `listen()`. */
export function createRelay(options: RelayOptions = {}): Relay {
  const opts = resolveOptions(options);
  const handler = (req: IncomingMessage, res: ServerResponse): void => void dispatch(req, res);
  // connectionsCheckingInterval: how often Node enforces headersTimeout/requestTimeout (default 30 s: too coarse).
  const serverOptions = { connectionsCheckingInterval: 1_000 };
  const server = opts.tls
    ? createHttpsServer({ ...serverOptions, cert: opts.tls.cert, key: opts.tls.key, handshakeTimeout: opts.edge.headersTimeoutMs }, handler)
    : createHttpServer(serverOptions, handler);
  const limiter = opts.rateLimit ? new RateLimiter(opts.rateLimit) : undefined;
  const cors = new Set(opts.corsOrigins);
  const trust = compileTrust(opts.trustProxy);
  const hosts = new HostAllowList(opts.host, opts.edge.allowedHosts);
  const life = new Lifecycle(server, opts, limiter);
  const connections = guardConnections(server, opts.edge, trust, (reason, addr) => life.connectionRefused(reason, addr));
  life.attach(connections, hosts);
  let seq = 0;
  const boot = Date.now().toString(36);

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    firstRequestArrived(req);
    const deps = life.deps as RelayDeps;
    const ctx: RequestContext = {
      id: requestId(req, () => `${boot}-${(++seq).toString(36)}`),
      started: performance.now(),
      pathname: pathOnly(req.url ?? '/'),
      clientKey: clientAddress(req, trust),
    };
    life.begin(res, ctx);
    res.setHeader('x-request-id', ctx.id);
    applySecurityHeaders(res, opts.tls !== undefined);
    try {
      if (!(req.url ?? '').startsWith('/')) {
        ctx.relayError = 'bad_target';
        req.resume();
        return sendRejection(res, 400, 'bad_target', 'absolute-form request targets are refused: this relay is not a proxy', { connection: 'close' });
      }
      if (!hosts.allows(req.headers.host)) {
        // DNS rebinding: a page on another name that resolves to this relay. Refused before routing.
        ctx.relayError = 'host_not_allowed';
        req.resume();
        return sendRejection(res, 421, 'host_not_allowed', 'this relay does not answer to that host name (add it with --allowed-hosts / ALLOWED_HOSTS)', {
          connection: 'close',
        });
      }
      const origin = decideOrigin(req, cors);
      if (origin === 'denied') {
        ctx.relayError = 'origin_denied';
        req.resume();
        return sendRejection(res, 403, 'origin_denied', 'this origin may not call the relay (add it to CORS_ORIGINS)');
      }
      if (origin === 'allowed') applyCors(req, res);
      if (req.method === 'OPTIONS') return sendPreflight(res);
      await route(ctx.pathname)(ctx, req, res, deps);
    } catch (err) {
      ctx.relayError = 'internal';
      deps.opts.logger.error({ msg: 'unhandled relay error', id: ctx.id, error: err instanceof Error ? err.name : 'unknown' });
      if (!res.headersSent)
        sendJson(res, 500, { relay_error: 'internal', outcome: 'unknown', message: 'relay internal error' }, { 'x-relay-outcome': 'unknown' });
      else res.destroy();
    }
  }

  function route(pathname: string): Route {
    const exact = EXACT.get(pathname);
    if (exact) return exact;
    if (pathname.startsWith('/cpay/')) return cpayRoute;
    if (pathname === '/sandbox' || pathname.startsWith('/sandbox/')) return sandboxRoute;
    return async (_ctx, req, res) => serveStatic(req, res, opts.staticDir, pathname, opts.edge.serveSourceMaps);
  }

  return {
    server,
    async listen() {
      let owned: OwnedSandbox | undefined;
      const live = opts.upstreams.length > 0;
      if (!live && !opts.sandbox) owned = await startSandbox();
      const origins = live ? opts.upstreams.map(toOrigin) : [toOrigin((opts.sandbox?.url ?? (owned as OwnedSandbox).url).href)];
      return life.start(live ? 'live' : 'sandbox', origins, owned);
    },
    close: () => life.close(),
    get urls() {
      return life.urls;
    },
  };
}

function requestId(req: IncomingMessage, next: () => string): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : next();
}
