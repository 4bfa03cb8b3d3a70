/**
 * The relay's own endpoints: `GET /relay/status`, `POST /relay/warmup`, `GET /healthz`, `GET /readyz`.
 */
import type { Route } from '../context.js';
import { sendJson, sendRejection } from '../errors.js';
import { versionsOf } from '../versions.js';
import { admit } from './respond.js';

/** `GET /relay/status`: mode, active domain, every domain's health, the relay's and the served app's versions. */
export const statusRoute: Route = async (ctx, req, res, deps) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(ctx, res, 'GET');
  const active = deps.domains.active();
  sendJson(res, 200, {
    mode: deps.mode,
    active: active.origin,
    upstreamReachable: active.health.healthy,
    domains: deps.domains.health(),
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

/** `GET /healthz`: the process is up. */
export const healthzRoute: Route = async (ctx, req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(ctx, res, 'GET');
  sendJson(res, 200, { ok: true });
};

/** `GET /readyz`: 200 while not shutting down and some upstream domain is not known to be down. */
export const readyzRoute: Route = async (ctx, req, res, deps) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(ctx, res, 'GET');
  const upstream = deps.domains.domains.some((d) => d.health.healthy !== false);
  const ready = !deps.closing && upstream;
  sendJson(res, ready ? 200 : 503, { ready, closing: deps.closing, upstream });
};

function methodNotAllowed(ctx: { relayError?: string }, res: Parameters<Route>[2], allow: string): void {
  ctx.relayError = 'method_not_allowed';
  sendRejection(res, 405, 'method_not_allowed', `use ${allow}`, { allow });
}
