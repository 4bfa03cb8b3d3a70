/**
 * `GET /relay/status` → reachability facts for the status bar. The relay answers
 * `{mode, active, upstreamReachable, domains, …}`; anything missing stays unknown.
 */
import { EMPTY, map, merge, switchMap, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { DomainSwitch, RelayState } from '../../app/context/signals.js';
import { httpText, newRequestId, type FetchFn } from './http.js';

/** Decodes the relay's status JSON into a RelayState (tolerant: unknown fields are ignored). */
export function decodeRelayStatus(text: string): RelayState {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { relay: 'down', cpay: 'unknown' }; // something answered, but not our relay
  }
  const o = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const cpay = o.upstreamReachable === true ? 'ok' : o.upstreamReachable === false ? 'down' : 'unknown';
  const domain = typeof o.active === 'string' ? hostOf(o.active) : undefined;
  const mode = o.mode === 'sandbox' || o.mode === 'live' ? o.mode : undefined;
  const switched = decodeSwitch(o.lastSwitch);
  const versions = decodeVersions(o.versions);
  return {
    relay: 'ok',
    cpay,
    ...(domain === undefined ? {} : { domain }),
    ...(mode === undefined ? {} : { mode }),
    ...(switched ? { switched } : {}),
    ...(versions ? { versions } : {}),
  };
}

/** `versions: {relay, app: {version, commit}}` → `{relay, app: "version (commit)"}`; undefined when absent or malformed. */
function decodeVersions(v: unknown): RelayState['versions'] {
  if (typeof v !== 'object' || v === null) return undefined;
  const { relay, app } = v as { relay?: unknown; app?: unknown };
  if (typeof relay !== 'string') return undefined;
  const a = typeof app === 'object' && app !== null ? (app as { version?: unknown; commit?: unknown }) : undefined;
  return { relay, ...(a && typeof a.version === 'string' && typeof a.commit === 'string' ? { app: `${a.version} (${a.commit})` } : {}) };
}

/** `https://sz.pay.qcloud.com` → `sz.pay.qcloud.com` (anything unparsable as is). */
function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** The relay's `lastSwitch` ({from, to, reason, at}), or undefined when absent or malformed. */
function decodeSwitch(v: unknown): DomainSwitch | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  if (typeof s.from !== 'string' || typeof s.to !== 'string' || typeof s.reason !== 'string' || typeof s.at !== 'string') return undefined;
  return { from: hostOf(s.from), to: hostOf(s.to), reason: s.reason, at: s.at };
}

/** Polls the relay status every `everyMs` (first at once, and whenever `refresh$` emits); emits a RelayState per poll. */
export function relayStatus$(fetchFn: FetchFn, scheduler: SchedulerLike, everyMs = 15_000, refresh$: Observable<unknown> = EMPTY): Observable<RelayState> {
  return merge(timer(0, everyMs, scheduler), refresh$).pipe(
    switchMap(() => httpText(fetchFn, { method: 'GET', url: '/relay/status', timeoutMs: 5_000, requestId: newRequestId() }, scheduler)),
    map((r): RelayState => (r.kind === 'response' && r.status === 200 ? decodeRelayStatus(r.text) : { relay: 'down', cpay: 'unknown' })),
  );
}
