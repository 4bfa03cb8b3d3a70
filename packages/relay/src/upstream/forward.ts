/**
 * One forwarded exchange with fail-over. The request body goes out as the exact Buffer received and
 * the response body comes back as the exact Buffer sent: nothing is decoded or re-encoded (spec §3.5).
 * Only failures that prove the request never left (refused, DNS, connect timeout, TLS) move on to
 * the next domain; once bytes may have reached cpay the request is never resent.
 */
import type { Dispatcher } from 'undici';
import { UPSTREAM_ERRORS, classifyUpstreamError, type UpstreamErrorKind } from '../errors.js';
import type { Domain, DomainSet } from './domains.js';

/** Idle time of a domain's pool after which a request first lets pending socket events through. */
export const STALE_AFTER_MS = 100;

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
  // After a lull, one event-loop turn before writing: a pooled connection the upstream has closed or
  // reset meanwhile (an idle keep-alive socket dropped without a Keep-Alive hint) has its FIN/RST
  // waiting in the kernel; the poll phase hands it to undici, which drops the socket, so the request
  // goes out on a fresh connection instead of into a dead one and coming back as an unknown. Under
  // steady traffic (the last exchange less than STALE_AFTER_MS ago) no turn is spent.
  const first = order[0];
  if (first && performance.now() - first.lastExchangeAt > STALE_AFTER_MS) await new Promise<void>((resolve) => setImmediate(resolve));
  let failure: UpstreamFailure | undefined;
  for (const [i, domain] of order.entries()) {
    const started = performance.now();
    if (failure && started >= deadline) return failure;
    try {
      const answer = await exchange(domain, req, Math.max(1, deadline - started), set.answerLimitBytes);
      const ms = performance.now() - started;
      domain.lastExchangeAt = performance.now();
      set.markUp(domain, ms);
      set.onAnswer?.(domain.origin, ms);
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
function exchange(domain: Domain, req: UpstreamRequest, timeoutMs: number, answerLimit: number): Promise<UpstreamAnswer> {
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
    const deadline = performance.now() + timeoutMs;
    // The least time left at which a request is still written upstream (a quarter of the budget, at most 1 s).
    const minWriteMs = Math.min(1_000, timeoutMs / 4);
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
          if (timedOut) return c.abort(timeout()); // too late: the caller was told "not sent", so never send
          // Waited in the pool's queue until (nearly) the deadline: writing it now would all but
          // guarantee an unknown outcome. Not written: the caller learns "not sent, busy".
          if (deadline - performance.now() < minWriteMs) {
            timedOut = true;
            clearTimeout(timer);
            reject(
              Object.assign(new Error(`waited for a free upstream connection until ${Math.round(minWriteMs)} ms before the deadline`), {
                code: 'RELAY_QUEUE_TIMEOUT',
              }),
            );
            c.abort(timeout());
          }
        },
        onResponseStart(c, statusCode, h) {
          status = statusCode;
          contentType = headerValue(h, 'content-type');
          const declared = Number(headerValue(h, 'content-length'));
          if (declared > answerLimit) c.abort(tooLarge(answerLimit));
        },
        onResponseData(c, chunk) {
          size += chunk.length;
          // Never partial: an answer over the cap is dropped whole and reported unknown.
          if (size > answerLimit) return c.abort(tooLarge(answerLimit));
          chunks.push(chunk);
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

function tooLarge(limit: number): Error {
  return Object.assign(new Error(`the upstream answer exceeds ${limit} bytes`), { code: 'RELAY_ANSWER_TOO_LARGE' });
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
