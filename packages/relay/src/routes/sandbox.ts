/**
 * `/sandbox/*`: the simulator's control API (confirm a binding, approve a payment, read the truth),
 * forwarded to the in-process simulator with the client's Host header (so links it generates
 * point at the relay). Only in sandbox mode; a 404 in live mode.
 */
import { BodyTimeoutError, BodyTooLargeError, readBody } from '../body.js';
import type { Route } from '../context.js';
import { sendRejection } from '../errors.js';
import { forward } from '../upstream/forward.js';
import { sendAnswer } from './respond.js';

/** Handles every path under `/sandbox/` (and `/sandbox` itself). */
export const sandboxRoute: Route = async (ctx, req, res, deps) => {
  if (deps.mode !== 'sandbox') {
    ctx.relayError = 'not_found';
    req.resume();
    return sendRejection(res, 404, 'not_found', 'the /sandbox control API exists only in sandbox mode');
  }
  const method = req.method ?? 'GET';
  let body: Buffer | null = null;
  if (method !== 'GET' && method !== 'HEAD') {
    try {
      body = await readBody(req, deps.opts.bodyLimitBytes, deps.opts.edge.bodyTimeoutMs);
    } catch (err) {
      if (err instanceof BodyTimeoutError) {
        ctx.relayError = 'body_timeout';
        return sendRejection(res, 408, 'body_timeout', `the request body did not arrive within ${err.timeoutMs} ms`, { connection: 'close' });
      }
      if (!(err instanceof BodyTooLargeError)) {
        ctx.relayError = 'client_gone';
        return void res.destroy();
      }
      ctx.relayError = 'body_too_large';
      return sendRejection(res, 413, 'body_too_large', `request body is larger than ${deps.opts.bodyLimitBytes} bytes`, { connection: 'close' });
    }
  } else {
    req.resume();
  }
  const r = await forward(
    deps.domains,
    { method, path: req.url ?? ctx.pathname, body, contentType: req.headers['content-type'], host: req.headers.host },
    deps.opts.timeoutMs,
  );
  sendAnswer(ctx, res, r);
};
