/**
 * fetch → Observable: cold, one request per subscription, unsubscribing aborts it. Transport
 * failures are values (`network`, `timeout`), not errors, so callers decide what they mean.
 */
import { Observable, type SchedulerLike, asyncScheduler } from 'rxjs';

/** A request to the relay (same origin). */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: string;
  readonly timeoutMs: number;
  /** Sent as `x-request-id`: the relay logs it, so a terminal's trace line matches the relay's. */
  readonly requestId?: string;
}

/** A fresh request id (`t-` + 16 base-36 characters from the CSPRNG): unique per relay call. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `t-${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
}

/** What came back, or why nothing did. */
export type HttpResult =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly kind: 'network'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly detail: string };

/** The fetch function used (injected so tests and the composition root choose). */
export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** Sends one request; emits exactly one HttpResult, then completes. */
export function httpText(fetchFn: FetchFn, req: HttpRequest, scheduler: SchedulerLike = asyncScheduler): Observable<HttpResult> {
  return new Observable<HttpResult>((subscriber) => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = scheduler.schedule(() => {
      timedOut = true;
      controller.abort();
    }, req.timeoutMs);
    const init: RequestInit = { method: req.method, signal: controller.signal, cache: 'no-store', credentials: 'same-origin' };
    const headers: Record<string, string> = req.requestId === undefined ? {} : { 'x-request-id': req.requestId };
    if (req.method === 'POST') {
      init.body = req.body ?? '';
      headers['content-type'] = 'application/json';
    }
    if (Object.keys(headers).length > 0) init.headers = headers;
    fetchFn(req.url, init)
      .then(async (res) => ({ kind: 'response' as const, status: res.status, headers: res.headers, text: await res.text() }))
      .then((result) => {
        subscriber.next(result);
        subscriber.complete();
      })
      .catch((err: unknown) => {
        if (subscriber.closed) return; // unsubscribed: the abort is ours and nobody is listening
        const detail = err instanceof Error ? err.message : String(err);
        subscriber.next(timedOut ? { kind: 'timeout', detail: `no answer within ${req.timeoutMs} ms` } : { kind: 'network', detail });
        subscriber.complete();
      })
      .finally(() => timer.unsubscribe());
    return () => {
      timer.unsubscribe();
      controller.abort();
    };
  });
}
