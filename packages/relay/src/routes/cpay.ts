/**
 * `POST /cpay/<allow-listed endpoint>` and `GET /cpay/use_device_setting`: checks method, content
 * type, size, envelope shape and rate, then forwards the exact bytes to the active cpay domain.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTimeoutError, BodyTooLargeError, isJsonContentType, readBody } from '../body.js';
import type { Route } from '../context.js';
import { matchEndpoint, type AllowedEndpoint } from '../endpoints.js';
import { checkEnvelope } from '../envelope.js';
import { sendRejection } from '../errors.js';
import { forward } from '../upstream/forward.js';
import { admit, sendAnswer } from './respond.js';

/** Handles every path under `/cpay/`. */
export const cpayRoute: Route = async (ctx, req, res, deps) => {
  const name = ctx.pathname.slice('/cpay/'.length);
  const m = matchEndpoint(name);
  if (!m) {
    ctx.relayError = 'unknown_endpoint';
    return sendRejection(res, 404, 'unknown_endpoint', 'this relay does not forward that path; see the endpoint allow-list');
  }
  ctx.endpoint = m.name;
  const want = m.method;
  if (req.method !== want) {
    ctx.relayError = 'method_not_allowed';
    return sendRejection(res, 405, 'method_not_allowed', `${m.name} takes ${want}`, { allow: want });
  }
  if (!admit(ctx, res, deps)) return;
  if (m.method === 'GET') {
    req.resume();
    const r = await forward(deps.domains, { method: 'GET', path: req.url ?? ctx.pathname, body: null, contentType: undefined }, deps.opts.timeoutMs);
    return sendAnswer(ctx, res, r);
  }
  const body = await readChecked(m, req, res, deps.opts.bodyLimitBytes, deps.opts.edge.bodyTimeoutMs, (e) => (ctx.relayError = e));
  if (body === undefined) return;
  // cpay requires application/json on every POST (spec §2); only an empty ping can arrive without it.
  const ct = req.headers['content-type'];
  const contentType = ct !== undefined && isJsonContentType(ct) ? ct : 'application/json';
  const r = await forward(deps.domains, { method: 'POST', path: ctx.pathname, body, contentType }, deps.opts.timeoutMs);
  sendAnswer(ctx, res, r);
};

/** Reads and validates a POST body; answers 415/413/400 and returns undefined when it is refused. */
async function readChecked(
  m: AllowedEndpoint,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  timeoutMs: number,
  note: (e: string) => void,
): Promise<Buffer | undefined> {
  const unenveloped = m.envelope === 'none';
  const ct = req.headers['content-type'];
  const declaredEmpty =
    req.headers['content-length'] === '0' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined);
  if (!isJsonContentType(ct) && !(unenveloped && (ct === undefined || declaredEmpty))) {
    note('unsupported_media_type');
    req.resume();
    sendRejection(
      res,
      415,
      'unsupported_media_type',
      `cpay requests must be sent as application/json (got ${ct === undefined ? 'no content type' : JSON.stringify(ct.slice(0, 60))})`,
    );
    return undefined;
  }
  let body: Buffer;
  try {
    body = await readBody(req, limit, timeoutMs);
  } catch (err) {
    if (err instanceof BodyTimeoutError) {
      note('body_timeout');
      sendRejection(res, 408, 'body_timeout', `the request body did not arrive within ${timeoutMs} ms`, { connection: 'close' });
      return undefined;
    }
    if (!(err instanceof BodyTooLargeError)) {
      note('client_gone');
      res.destroy();
      return undefined;
    }
    note('body_too_large');
    sendRejection(res, 413, 'body_too_large', `request body is larger than ${limit} bytes`, { connection: 'close' });
    return undefined;
  }
  const check = checkEnvelope(body, m.envelope);
  if (!check.ok) {
    note('bad_envelope');
    sendRejection(res, 400, 'bad_envelope', check.message);
    return undefined;
  }
  return body;
}
