/**
 * `GET /relay/status` → reachability facts for the status bar. The relay answers
 * `{mode, active, upstreamReachable, domains, …}`; anything missing stays unknown.
 */
import { map, switchMap, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { RelayState } from '../app/signals.js';
import { httpText, type FetchFn } from './http.js';

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
  let domain: string | undefined;
  if (typeof o.active === 'string') {
    try { domain = new URL(o.active).host; } catch { domain = o.active; }
  }
  const mode = o.mode === 'sandbox' || o.mode === 'live' ? o.mode : undefined;
  const versions = decodeVersions(o.versions);
  return { relay: 'ok', cpay, ...(domain === undefined ? {} : { domain }), ...(mode === undefined ? {} : { mode }), ...(versions ? { versions } : {}) };
}

/** `versions: {relay, app: {version, commit}}` → `{relay, app: "version (commit)"}`; undefined when absent or malformed. */
function decodeVersions(v: unknown): RelayState['versions'] {
  if (typeof v !== 'object' || v === null) return undefined;
  const { relay, app } = v as { relay?: unknown; app?: unknown };
  if (typeof relay !== 'string') return undefined;
  const a = typeof app === 'object' && app !== null ? (app as { version?: unknown; commit?: unknown }) : undefined;
  return { relay, ...(a && typeof a.version === 'string' && typeof a.commit === 'string' ? { app: `${a.version} (${a.commit})` } : {}) };
}

/** Polls the relay status every `everyMs` (first at once); emits a RelayState per poll. */
export function relayStatus$(fetchFn: FetchFn, scheduler: SchedulerLike, everyMs = 15_000): Observable<RelayState> {
  return timer(0, everyMs, scheduler).pipe(
    switchMap(() => httpText(fetchFn, { method: 'GET', url: '/relay/status', timeoutMs: 5_000 }, scheduler)),
    map((r): RelayState => (r.kind === 'response' && r.status === 200 ? decodeRelayStatus(r.text) : { relay: 'down', cpay: 'unknown' })),
  );
}
