/**
 * Shared pieces of the forwarding routes: rate limiting and writing an upstream answer or failure.
 */
import type { ServerResponse } from 'node:http';
import type { RequestContext, RelayDeps } from '../context.js';
import { UPSTREAM_ERRORS, sendRejection, sendUpstreamError } from '../errors.js';
import type { UpstreamAnswer, UpstreamFailure } from '../upstream/forward.js';

/** Takes a rate-limit token; answers 429 and returns false when the client is over its budget. */
export function admit(ctx: RequestContext, res: ServerResponse, deps: RelayDeps): boolean {
  if (!deps.limiter) return true;
  const d = deps.limiter.take(ctx.clientKey);
  if (d.allowed) return true;
  ctx.relayError = 'rate_limited';
  sendRejection(res, 429, 'rate_limited', `too many requests from this client; retry in ${d.retryAfterSec} s`, { 'retry-after': String(d.retryAfterSec) });
  return false;
}

/**
 * Writes the upstream's status and body unchanged. Every forwarded answer carries
 * `x-relay-upstream-status` and `x-relay-domain` (the host that answered, so the app notices a
 * fail-over at once); an upstream 5xx additionally carries `x-relay-error: upstream_5xx` and
 * `x-relay-outcome: unknown` (cpay may have processed the request before failing).
 */
export function sendAnswer(ctx: RequestContext, res: ServerResponse, r: UpstreamAnswer | UpstreamFailure): void {
  ctx.upstream = r.origin;
  if (!r.ok) {
    ctx.relayError = r.kind;
    ctx.outcome = UPSTREAM_ERRORS[r.kind].outcome;
    sendUpstreamError(res, r.kind, r.attempts > 1 ? `${r.attempts} domains tried` : undefined);
    return;
  }
  ctx.upstreamStatus = r.status;
  const headers: Record<string, string | number> = {
    'content-length': r.body.length,
    'cache-control': 'no-store',
    'x-relay-upstream-status': r.status,
    'x-relay-domain': new URL(r.origin).host,
  };
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.status >= 500) {
    ctx.relayError = 'upstream_5xx';
    ctx.outcome = 'unknown';
    headers['x-relay-error'] = 'upstream_5xx';
    headers['x-relay-outcome'] = 'unknown';
  }
  res.writeHead(r.status, headers);
  res.end(r.body);
}
