/**
 * One forwarded exchange with fail-over. The request body goes out as the exact Buffer received and
 * the response body comes back as the exact Buffer sent: nothing is decoded or re-encoded (spec §3.5).
 * Only failures that prove the request never left (refused, DNS, connect timeout, TLS) move on to
 * the next domain; once bytes may have reached cpay the request is never resent.
 */
import type { Dispatcher } from 'undici';
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

/**
 * Sends `req` to the first reachable domain; never resends after the request may have been
 * delivered. `timeoutMs` bounds the whole call, fail-over attempts included.
 */
export async function forward(set: DomainSet, req: UpstreamRequest, timeoutMs: number): Promise<UpstreamAnswer | UpstreamFailure> {
  const order = set.attemptOrder();
  const deadline = performance.now() + timeoutMs;
  let failure: UpstreamFailure | undefined;
  for (const [i, domain] of order.entries()) {
    const started = performance.now();
    if (failure && started >= deadline) return failure;
    try {
      const answer = await exchange(domain, req, Math.max(1, deadline - started));
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
 * One attempt on one domain, on undici's `dispatch` API (half the CPU of `request()` + a body
 * stream: this is the hot path). The deadline is a precise timer of our own (undici's header/body
 * timeouts are about 1 s coarse). When it fires, `onRequestStart` tells the two cases apart: it runs
 * just before undici writes the request to a socket, so without it the request is still waiting for
 * a connection (UND_ERR_CONNECT_TIMEOUT, not sent; aborted before writing should a socket come), and
 * with it the request may be on the wire (UND_ERR_HEADERS_TIMEOUT, outcome unknown).
 */
function exchange(domain: Domain, req: UpstreamRequest, timeoutMs: number): Promise<UpstreamAnswer> {
  const headers: Record<string, string> = {};
  if (req.contentType !== undefined) headers['content-type'] = req.contentType;
  if (req.host !== undefined) headers.host = req.host;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let status = 0;
    let contentType: string | undefined;
    let controller: Dispatcher.DispatchController | undefined;
    let timedOut = false;
    const timeout = (): Error => Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    const timer = setTimeout(() => {
      timedOut = true;
      if (controller) controller.abort(timeout());
      else reject(Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: 'UND_ERR_CONNECT_TIMEOUT' }));
    }, timeoutMs);
    domain.pool.dispatch(
      { method: req.method, path: req.path, headers, body: req.body, headersTimeout: timeoutMs + 1_000, bodyTimeout: timeoutMs + 1_000 },
      {
        onRequestStart(c) {
          controller = c;
          if (timedOut) c.abort(timeout()); // too late: the caller was told "not sent", so never send
        },
        onResponseStart(_c, statusCode, h) {
          status = statusCode;
          contentType = headerValue(h, 'content-type');
        },
        onResponseData(_c, chunk) {
          chunks.push(chunk);
          size += chunk.length;
        },
        onResponseEnd() {
          clearTimeout(timer);
          const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
          resolve({ ok: true, origin: domain.origin, status, contentType, body });
        },
        onResponseError(_c, err) {
          clearTimeout(timer);
          reject(timedOut ? Object.assign(timeout(), { cause: err }) : err);
        },
      },
    );
  });
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
