/**
 * `GET /relay/fleet`: the operator's fleet defaults (src/fleet.ts) for the tablets, with the
 * revision as ETag (a tablet polling with If-None-Match gets 304 until the file changes).
 */
import type { Route } from '../context.js';
import { sendJson, sendRejection } from '../errors.js';
import { FleetSource, NO_FLEET } from '../fleet.js';

const sources = new Map<string, FleetSource>();

/** The source for a relay's options (one per file path, created at the first request or by the CLI's check). */
export function fleetSourceFor(path: string | undefined, onError: (message: string) => void): FleetSource | undefined {
  if (path === undefined) return undefined;
  let s = sources.get(path);
  if (!s) {
    s = new FleetSource(path, onError);
    sources.set(path, s);
  }
  return s;
}

export const fleetRoute: Route = async (ctx, req, res, deps) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    ctx.relayError = 'method_not_allowed';
    return sendRejection(res, 405, 'method_not_allowed', 'use GET', { allow: 'GET' });
  }
  let doc;
  try {
    doc = fleetSourceFor(deps.opts.fleetDefaultsFile, (message) => deps.opts.logger.error({ msg: 'fleet defaults', error: message }))?.current() ?? NO_FLEET;
  } catch (err) {
    // The file was unusable from the start (the CLI refuses to start then; a library user may not have checked).
    ctx.relayError = 'fleet_defaults';
    deps.opts.logger.error({ msg: 'fleet defaults', error: err instanceof Error ? err.message : String(err) });
    return sendJson(res, 500, { relay_error: 'fleet_defaults', message: 'the fleet defaults file is unusable (see the relay log)' });
  }
  const etag = `"${doc.revision}"`;
  const headers = { etag, 'cache-control': 'no-cache' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  sendJson(res, 200, doc, headers);
};
