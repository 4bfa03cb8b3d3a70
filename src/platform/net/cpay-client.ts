/**
 * The CpayPort implementation: keys from the key source, `prepareRequestWith` (the endpoint's codec loaded on demand) to sign, POST (or GET)
 * to the same-origin relay, `readResponseWith` to verify and decode. Flows never see a key.
 */
import { ENDPOINTS, loadCodec, prepareRequestWith, readResponseWith, type EndpointName, type RequestOf, type ResponseOf } from '@cpay/protocol';
import { asyncScheduler, defer, from, map, switchMap, type Observable, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import type { CallOutcome, CpayPort } from './ports.js';
import { httpText, newRequestId, type FetchFn } from './http.js';
import { relayFailure, transportFailure, unreadable } from './outcome.js';
import type { Tracer } from './trace.js';

/** Where signing keys come from (the vault-backed secret store). */
export interface KeySource {
  /** The key for `kind`; rejects when the terminal has none (not provisioned / not bound). */
  key(kind: 'initial' | 'payment'): Promise<string>;
}

/** Construction options. */
export interface CpayClientOptions {
  readonly keys: KeySource;
  readonly fetch: FetchFn;
  readonly tracer: Tracer;
  /** Relay origin; '' = same origin. */
  readonly baseUrl?: string;
  /** Client-side timeout; longer than the relay's own so the relay's 504 normally wins. */
  readonly timeoutMs?: number;
  readonly isOnline?: () => boolean;
  readonly scheduler?: SchedulerLike;
}

/**
 * Keep-warm (003 L11054-11082: from amount confirmation until the scan, keep-warm traffic every
 * 0.5 s): after `warmup()` the client pings `POST /relay/warmup` every 500 ms until its next cpay
 * call (the scanned code's request) or for at most a minute. The pings keep the tablet's link
 * to the relay awake (Wi-Fi power save, idle sockets); the relay keeps its upstream connection
 * fresh (decision 0019-voice-failover-warmup). While the customer's code is typed (`hold()` at
 * each of its keys) no ping goes out: one in the code's Enter → request window cost that window
 * its CPU on a cheap tablet (issue 21, seventh round).
 */
export const KEEP_WARM_INTERVAL_MS = 500;
export const KEEP_WARM_MAX_MS = 60_000;
/** After a key of a customer code, keep-warm pings pause this long (`hold()`; the code's request stops them). */
export const KEEP_WARM_HOLD_MS = 1_000;

/** Creates the cpay client. */
export function createCpayClient(opts: CpayClientOptions): CpayPort {
  const base = opts.baseUrl ?? '';
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const scheduler = opts.scheduler ?? asyncScheduler;
  const isOnline = opts.isOnline ?? (() => true);

  const keyFor = async (endpoint: EndpointName): Promise<string | null> => {
    const kind = ENDPOINTS[endpoint].key;
    return kind === 'none' ? null : opts.keys.key(kind);
  };

  let keepWarm: Subscription | undefined;
  let heldUntil = -Infinity;
  const stopWarm = () => {
    keepWarm?.unsubscribe();
    keepWarm = undefined;
  };
  const ping = () => {
    const requestId = newRequestId();
    opts
      .fetch(`${base}/relay/warmup`, { method: 'POST', cache: 'no-store', headers: { 'x-request-id': requestId } })
      .then((res) => opts.tracer.note('warmup', `HTTP ${res.status}`, requestId))
      .catch((err: unknown) => opts.tracer.note('warmup', `failed: ${err instanceof Error ? err.message : String(err)}`, requestId));
  };

  function call<E extends EndpointName>(endpoint: E, req: RequestOf<E>): Observable<CallOutcome<ResponseOf<E>>> {
    return defer(() => {
      stopWarm(); // the code is here: the payment request itself goes out now
      const started = scheduler.now();
      const elapsed = () => scheduler.now() - started;
      const requestId = newRequestId(); // fresh per call: a retry is a new call with a new id
      // Each endpoint's codec module loads with its first call (the sale's own are in the first screen: loadCodec).
      return from(
        Promise.all([keyFor(endpoint), loadCodec(endpoint)]).then(async ([key, codec]) => ({
          key,
          codec,
          prepared: await prepareRequestWith(codec, endpoint, req, key),
        })),
      ).pipe(
        switchMap(({ key, codec, prepared }) =>
          httpText(opts.fetch, { method: prepared.method, url: base + prepared.path, body: prepared.body, timeoutMs, requestId }, scheduler).pipe(
            switchMap(async (res): Promise<CallOutcome<ResponseOf<E>>> => {
              if (res.kind !== 'response') return transportFailure(res, isOnline(), elapsed());
              const failed = relayFailure(res, elapsed());
              if (failed) return failed;
              try {
                const reply = await readResponseWith(codec, endpoint, res.text, key);
                return { kind: 'reply', reply, httpStatus: res.status, durationMs: elapsed() };
              } catch (err) {
                return unreadable(err, res.status, elapsed());
              }
            }),
          ),
        ),
        map((outcome) => opts.tracer.call(endpoint, outcome, requestId)),
      );
    });
  }

  return {
    call,
    hold() {
      heldUntil = scheduler.now() + KEEP_WARM_HOLD_MS;
    },
    warmup(options) {
      stopWarm();
      heldUntil = -Infinity;
      ping();
      if (options?.keepWarm === false) return;
      const until = scheduler.now() + KEEP_WARM_MAX_MS;
      keepWarm = scheduler.schedule(function (this: SchedulerAction<void>) {
        if (scheduler.now() > until) return;
        if (scheduler.now() >= heldUntil) ping(); // not while a code is being typed
        this.schedule(undefined, KEEP_WARM_INTERVAL_MS);
      }, KEEP_WARM_INTERVAL_MS);
    },
  };
}
