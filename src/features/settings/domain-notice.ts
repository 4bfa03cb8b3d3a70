/**
 * Domain fail-over notice (acceptance item 8, 003 L10607-10619: the terminal switches among the
 * cpay domains and "给出相应的提示语"). The relay does the switching; the app learns of it from
 * the `x-relay-domain` header of every forwarded answer (at once, during a payment) and from
 * `/relay/status` `lastSwitch` (which domain, from which, and why). The cashier sees a short
 * notice in the status bar; the domain field keeps the last switch and its reason.
 */
import { concat, distinctUntilChanged, map, of, scan, switchMap, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { FetchFn } from '../../platform/net/http.js';
import type { DomainSwitch, RelayState } from '../../app/context/signals.js';
import { domainReasonKey, type DomainNotice } from './domain-switch.js';

export { domainReasonKey, type DomainNotice };

/** How long the notice stays on screen. */
export const DOMAIN_NOTICE_MS = 60_000;
/** A switch the relay made longer ago than this (before the app started) is not announced. */
export const DOMAIN_SWITCH_FRESH_MS = 120_000;

/** Wraps fetch: every relay answer naming its cpay host (`x-relay-domain`) is reported to `onHost`. */
export function watchRelayDomain(fetchFn: FetchFn, onHost: (host: string) => void): FetchFn {
  return async (input, init) => {
    const res = await fetchFn(input, init);
    const host = res.headers.get('x-relay-domain');
    if (host) onHost(host);
    return res;
  };
}

interface NoticeState {
  readonly domain: string | undefined;
  readonly switchAt: string | undefined;
  readonly notice: DomainNotice | undefined;
}

/** The notice to show (undefined: none) from the relay states; hidden `showMs` after it appears. */
export function domainNotice$(
  relay$: Observable<RelayState>,
  now: () => number,
  scheduler: SchedulerLike,
  showMs = DOMAIN_NOTICE_MS,
): Observable<DomainNotice | undefined> {
  const initial: NoticeState = { domain: undefined, switchAt: undefined, notice: undefined };
  return relay$.pipe(
    scan((s: NoticeState, r: RelayState): NoticeState => {
      let notice = s.notice;
      const sw: DomainSwitch | undefined = r.switched;
      if (sw && sw.at !== s.switchAt) {
        // A switch we have not shown: if the header already told us (same target), add the reason.
        if (notice?.to === sw.to || now() - Date.parse(sw.at) < DOMAIN_SWITCH_FRESH_MS) notice = { from: sw.from, to: sw.to, reason: sw.reason };
      } else if (r.domain && s.domain && r.domain !== s.domain && notice?.to !== r.domain) {
        notice = { from: s.domain, to: r.domain, reason: '' };
      }
      return { domain: r.domain ?? s.domain, switchAt: sw?.at ?? s.switchAt, notice };
    }, initial),
    map((s) => s.notice),
    distinctUntilChanged((a, b) => a?.from === b?.from && a?.to === b?.to && a?.reason === b?.reason),
    switchMap((n) => (n ? concat(of<DomainNotice | undefined>(n), timer(showMs, scheduler).pipe(map(() => undefined))) : of(undefined))),
  );
}
