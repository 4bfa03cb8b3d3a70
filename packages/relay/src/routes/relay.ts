/**
 * The relay's own endpoints: `GET /relay/status`, `POST /relay/warmup`, `GET /healthz`, `GET /readyz`.
 */
import type { Route } from '../context.js';
import { sendJson, sendRejection } from '../errors.js';
import proxyaddr from 'proxy-addr';
import { versionsOf } from '../versions.js';
import { admit } from './respond.js';

/** `GET /relay/status`: mode, active domain, every domain's health (the upstream's state lives here, not in /readyz), the last domain switch (or null), the relay's and the served app's versions. */
export const statusRoute: Route = async (ctx, req, res, deps) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(ctx, res, 'GET');
  const active = deps.domains.active();
  sendJson(res, 200, {
    mode: deps.mode,
    active: active.origin,
    upstreamReachable: active.health.healthy,
    upstreamAnyUp: deps.domains.domains.some((d) => d.health.healthy === true),
    domains: deps.domains.health(),
    lastSwitch: deps.domains.lastSwitch,
    timeoutMs: deps.opts.timeoutMs,
    uptimeSec: Math.round((Date.now() - deps.startedAt) / 1000),
    versions: versionsOf(deps.opts.staticDir),
  });
};

/**
 * `POST /relay/warmup`: the app calls it when the cashier confirms an amount so the connection to
 * cpay is open before the code is scanned (spec §2.3). Answers when the exchange completes.
 */
export const warmupRoute: Route = async (ctx, req, res, deps) => {
  if (req.method !== 'POST') return methodNotAllowed(ctx, res, 'POST');
  req.resume();
  if (!admit(ctx, res, deps)) return;
  const result = await deps.upkeep.warmup();
  ctx.upstream = result.origin;
  sendJson(res, 200, result);
};

/** `GET /healthz` (liveness): the process answers; restart it when this fails. */
export const healthzRoute: Route = async (ctx, req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(ctx, res, 'GET');
  sendJson(res, 200, { ok: true });
};

/**
 * `GET /readyz` (readiness, what a load balancer probes): 200 while this replica can serve, i.e. it
 * is started and not shutting down. Not "cpay is up": when every cpay domain is down every replica
 * is equally affected, and only a replica still in the pool can tell the tablet `not_sent` /
 * `unknown` honestly (a balancer with no replica answers its own 502). The upstream's state is
 * reported (`upstream`) but does not change the status; see /relay/status and /metrics.
 */
export const readyzRoute: Route = async (ctx, req, res, deps) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(ctx, res, 'GET');
  const ready = !deps.closing;
  sendJson(res, ready ? 200 : 503, { ready, closing: deps.closing, upstream: deps.domains.domains.some((d) => d.health.healthy !== false) });
};

/**
 * `GET /metrics`: Prometheus text format; by default only to clients on loopback, private or
 * link-local addresses (the client address behind trusted proxies; the nginx snippet also denies it).
 */
export const metricsRoute: Route = async (ctx, req, res, deps) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(ctx, res, 'GET');
  const mode = deps.opts.edge.metrics;
  if (mode === 'off' || (mode === 'local' && !LOCAL(ctx.clientKey, 0))) {
    ctx.relayError = 'not_found';
    return sendRejection(
      res,
      404,
      'not_found',
      mode === 'off' ? 'metrics are off (--metrics)' : 'metrics are served to local addresses only (--metrics on to change)',
    );
  }
  const text = await deps.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': deps.metrics.registry.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : text);
};

/** Loopback, private (RFC 1918 / ULA) and link-local addresses. */
const LOCAL = proxyaddr.compile(['loopback', 'uniquelocal', 'linklocal']);

function methodNotAllowed(ctx: { relayError?: string }, res: Parameters<Route>[2], allow: string): void {
  ctx.relayError = 'method_not_allowed';
  sendRejection(res, 405, 'method_not_allowed', `use ${allow}`, { allow });
}
