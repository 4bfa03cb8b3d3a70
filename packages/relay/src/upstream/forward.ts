/**
 * One forwarded exchange with fail-over. The request body goes out as the exact Buffer received and
 * the response body comes back as the exact Buffer sent: nothing is decoded or re-encoded (spec §3.5).
 * Only failures that prove the request never left (refused, DNS, connect timeout, TLS) move on to
 * the next domain; once bytes may have reached cpay the request is never resent.
 */
import { UPSTREAM_ERRORS, classifyUpstreamError, type UpstreamErrorKind } from '../errors.js';
import type { Domain, DomainSet } from './domains.js';

/** What to send upstream. `path` includes the query string (use_device_setting). */
export interface UpstreamRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Buffer | null;
  readonly contentType: string | undefined;
  /** Host header to send instead of the upstream's own (sandbox control links name the relay). */
  readonly host?: string;
}

/** The upstream's answer, byte for byte. */
export interface UpstreamAnswer {
  readonly ok: true;
  readonly origin: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** A failed exchange: the kind of the last error and the domains tried. */
export interface UpstreamFailure {
  readonly ok: false;
  readonly kind: UpstreamErrorKind;
  readonly origin: string;
  readonly attempts: number;
}

/** Sends `req` to the first reachable domain; never resends after the request may have been delivered. */
export async function forward(set: DomainSet, req: UpstreamRequest, timeoutMs: number): Promise<UpstreamAnswer | UpstreamFailure> {
  const order = set.attemptOrder();
  let failure: UpstreamFailure | undefined;
  for (const [i, domain] of order.entries()) {
    const started = performance.now();
    try {
      const answer = await exchange(domain, req, timeoutMs);
      set.markUp(domain, performance.now() - started);
      return answer;
    } catch (err) {
      const kind = classifyUpstreamError(err);
      failure = { ok: false, kind, origin: domain.origin, attempts: i + 1 };
      if (!UPSTREAM_ERRORS[kind].failover) return failure;
      set.markDown(domain, kind);
    }
  }
  return failure as UpstreamFailure;
}

/**
 * One attempt on one domain. The deadline is a precise timer of our own (undici's header/body
 * timeouts are coarse, about 1 s); when it fires the error becomes UND_ERR_HEADERS_TIMEOUT, i.e.
 * an unknown outcome. Connect failures arrive earlier (the connect timeout is shorter).
 */
async function exchange(domain: Domain, req: UpstreamRequest, timeoutMs: number): Promise<UpstreamAnswer> {
  const headers: Record<string, string> = {};
  if (req.contentType !== undefined) headers['content-type'] = req.contentType;
  if (req.host !== undefined) headers.host = req.host;
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  try {
    const res = await domain.pool.request({
      method: req.method, path: req.path, headers, body: req.body, signal: abort.signal,
      headersTimeout: timeoutMs + 1_000, bodyTimeout: timeoutMs + 1_000,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
    }
    return {
      ok: true,
      origin: domain.origin,
      status: res.statusCode,
      contentType: headerValue(res.headers, 'content-type'),
      body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
    };
  } catch (err) {
    throw timedOut ? Object.assign(new Error(`no answer within ${timeoutMs} ms`, { cause: err }), { code: 'UND_ERR_HEADERS_TIMEOUT' }) : err;
  } finally {
    clearTimeout(timer);
  }
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
