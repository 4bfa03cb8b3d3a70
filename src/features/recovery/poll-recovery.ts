/**
 * Recovery and background reconciliation (issue #5 "Journal and recovery"):
 * `resume` (start-up) reads every open journal entry and queries each until cpay gives a final
 * state; `watch` does the same for one order (a payment that just settled unknown); `query_now`
 * (the cashier's "query again") cuts the current wait short. Queries back off while nothing
 * final comes (offline, unknown, still pending: 2 s … 1 min) but never stop: an order that may
 * have been charged is never given up. A scan-code order still open after the 2-minute window
 * is closed unless paid. Each final state is journaled, announced and emitted.
 *
 * Flattening: `mergeMap` (orders reconcile independently), deduplicated by order number.
 */
import {
  EMPTY,
  catchError,
  concat,
  concatMap,
  connect,
  defer,
  dematerialize,
  expand,
  filter,
  from,
  ignoreElements,
  map,
  materialize,
  merge,
  mergeMap,
  of,
  race,
  switchMap,
  take,
  takeUntil,
  takeWhile,
  tap,
  timer,
  type Observable,
} from 'rxjs';
import { PayPlatform, type OrderStateOnWire, type PayPlatformName } from '@cpay/protocol';
import type { PayEvent, PaymentResult } from '../../kernel/payment.js';
import { CALL_CODE, sendsIn, settledApiCallingInfos } from '../pay/payment-report.js';
import type { ScanPayDeps } from '../scan-pay/scan-pay-flow.js';
import { OrderRecorder, type EntryPatch } from '../../kernel/flow/pay-journal.js';
import { withFailState } from '../pay/pay-run.js';
import { briefProbe, type Probe } from '../../kernel/flow/poll-order.js';
import { saysNotFound } from '../../kernel/flow/pay-classify.js';
import { PAY_TIMING, reconcileDelay } from '../../kernel/flow/policy.js';
import type { JournalEntry, JournalStatus } from '../../kernel/flow/ports.js';
import { closeUnlessPaid, scanProbe, type ScanPayTerminal } from '../scan-pay/scan-pay-close.js';

/** What the app asks of recovery. */
export type RecoveryIntent =
  | { readonly type: 'resume' }
  | { readonly type: 'watch'; readonly outTradeNo: string }
  | { readonly type: 'query_now'; readonly outTradeNo: string }
  /**
   * The cashier checked an order cpay gives no documented answer for in the merchant console
   * (通过订单查询确认支付结果或手机端商户管理系统确认支付结果, 003 L10663) and marks it paid or not.
   * Journaled with who decided it, then reported like any final order; never done silently.
   */
  | { readonly type: 'resolve'; readonly outTradeNo: string; readonly paid: boolean; readonly note?: string };

/** What recovery reports: the open orders it took up (for the screen), and each final state. */
export type RecoveryEvent =
  | { readonly type: 'resumed'; readonly entries: readonly JournalEntry[] }
  | { readonly type: 'settled'; readonly kind: JournalEntry['kind']; readonly result: PaymentResult; readonly closed: boolean };

/** The recovery flow (ports as for scan-code pay: it may query and close either kind of order). */
export function recoveryFlow(intent$: Observable<RecoveryIntent>, deps: ScanPayDeps): Observable<RecoveryEvent> {
  return intent$.pipe(
    connect((shared) =>
      defer(() => {
        const active = new Set<string>();
        const nudge = (no: string) => shared.pipe(filter((i) => i.type === 'query_now' && i.outTradeNo === no));
        const adopt$ = (entries: readonly JournalEntry[]) =>
          from(entries.filter((e) => !active.has(e.outTradeNo))).pipe(
            mergeMap((entry) => {
              active.add(entry.outTradeNo);
              const resolved$ = shared.pipe(filter((i) => i.type === 'resolve' && i.outTradeNo === entry.outTradeNo));
              const work$ = defer(() => reconcile(entry, nudge(entry.outTradeNo), deps)).pipe(
                takeUntil(resolved$),
                catchError((err: unknown) => {
                  deps.warn(`could not reconcile ${entry.outTradeNo}; it stays open for the next start-up`, err);
                  return EMPTY;
                }),
              );
              return concat(
                work$,
                defer(() => {
                  active.delete(entry.outTradeNo);
                  return EMPTY;
                }),
              );
            }),
          );
        const unreadable = (err: unknown) => {
          deps.warn('recovery could not read the journal; open orders resume at the next start-up', err);
          return EMPTY;
        };
        return shared.pipe(
          mergeMap((intent): Observable<RecoveryEvent> => {
            if (intent.type === 'resume') {
              return defer(() => deps.journal.listOpen()).pipe(
                catchError(unreadable),
                switchMap((entries) => concat(of<RecoveryEvent>({ type: 'resumed', entries }), adopt$(entries))),
              );
            }
            if (intent.type === 'watch') {
              return defer(() => deps.journal.get(intent.outTradeNo)).pipe(
                catchError(unreadable),
                switchMap((e) => (e && isOpen(e.status) ? adopt$([e]) : EMPTY)),
              );
            }
            if (intent.type === 'resolve') {
              return defer(() => deps.journal.get(intent.outTradeNo)).pipe(
                catchError(unreadable),
                concatMap((e) => (e && isOpen(e.status) ? resolveByCashier(e, intent, deps) : EMPTY)),
              );
            }
            return EMPTY;
          }),
        );
      }),
    ),
  );
}

/** Journals the cashier's verdict on an open order (history says who decided and why), announces it. */
function resolveByCashier(entry: JournalEntry, intent: Extract<RecoveryIntent, { type: 'resolve' }>, deps: ScanPayDeps): Observable<RecoveryEvent> {
  const recorder = new OrderRecorder(deps.journal, deps.clock, entry, deps.warn);
  const description = intent.note?.trim() || (intent.paid ? 'merchant console: paid' : 'merchant console: not paid');
  const result: PaymentResult = intent.paid
    ? { outcome: 'success', outTradeNo: entry.outTradeNo, amount: entry.amount, platform: entry.platform }
    : { outcome: 'failed', outTradeNo: entry.outTradeNo, amount: entry.amount, reason: 'resolved_not_paid', description };
  const cause = `resolved by the cashier after checking the merchant console: ${intent.paid ? 'paid' : 'not paid'}`;
  return recorder
    .record(
      { ...(intent.paid ? { status: 'success' } : { status: 'failed', description }), ...callsToReport(entry, entry.lastState, entry.platform) },
      { phase: intent.paid ? 'success' : 'failed', cause, description },
    )
    .pipe(
      map((): RecoveryEvent => {
        deps.announcer.say(
          intent.paid
            ? { kind: 'payment_success', platform: entry.platform ?? 'unknown', amount: entry.amount }
            : { kind: 'payment_failed', amount: entry.amount },
        );
        return { type: 'settled', kind: entry.kind, result, closed: false };
      }),
    );
}

const isOpen = (status: JournalStatus) => status === 'pending' || status === 'unknown';

type Step = { readonly probe: Probe; readonly misses: number };

/**
 * Queries one order until final (closing a stale scan-code order unless paid), then settles it.
 * A "query again" (nudge) cuts the current wait; one that arrives while a query is in flight is
 * remembered, so the next query follows that answer at once.
 */
function reconcile(entry: JournalEntry, nudge$: Observable<unknown>, deps: ScanPayDeps): Observable<RecoveryEvent> {
  const t = deps.terminal();
  const platform = entry.platform ?? 'wechat';
  const probe =
    entry.kind === 'scan_code'
      ? scanProbe(deps, t, entry.outTradeNo, platform)
      : briefProbe(deps.cpay, () => ({ outShopId: t.outShopId, nonce: deps.nonce(), outTradeNo: entry.outTradeNo, deviceId: t.deviceId, snCode: t.snCode }));
  const age = () => deps.clock.serverNow() - entry.createdAt;
  const stale = () => entry.kind === 'scan_code' && age() >= PAY_TIMING.giveUpAfterMs;
  const done = (st: Step) => st.probe.decision.kind === 'final' || (stale() && st.probe.outcome.kind === 'reply') || neverArrived(entry, st.probe, age());
  let nudged = false;
  const remember$ = nudge$.pipe(
    tap(() => {
      nudged = true;
    }),
    ignoreElements(),
  );
  const next = (misses: number): Observable<Step> =>
    defer(() => {
      const wait = nudged ? 0 : reconcileDelay(misses, deps.random());
      return race(timer(wait, deps.scheduler).pipe(map(() => (nudged ? 0 : misses))), nudge$.pipe(map(() => 0))).pipe(
        take(1),
        tap(() => {
          nudged = false;
        }),
        switchMap((m) => probe().pipe(map((p) => ({ probe: p, misses: m })))),
      );
    });
  const main$ = next(0).pipe(
    expand((st) => (done(st) ? EMPTY : next(st.misses + 1))),
    filter(done),
    take(1),
    concatMap((st) => finish(entry, deps, t, st.probe)),
  );
  // The nudge listener lives exactly as long as the work: stop at the work's completion.
  return merge(main$.pipe(materialize()), remember$).pipe(
    takeWhile((n) => n.kind !== 'C'),
    dematerialize(),
  );
}

/**
 * A micropay order that cpay answers "no such order" for (a documented state only: WeChat 11,
 * Alipay 7, 003 L500 / L522), well past the sale window: the request never arrived. A 104 or any
 * other refusal is not that signal: the order stays unknown until cpay gives a state or the
 * cashier resolves it after checking the merchant console. (Within the sale the pay flow resends the identical
 * request instead; after a restart the customer code is gone, so only time can tell.)
 */
function neverArrived(entry: JournalEntry, p: Probe, ageMs: number): boolean {
  if (entry.kind !== 'micropay' || ageMs < PAY_TIMING.neverArrivedAfterMs) return false;
  return saysNotFound(p.outcome, p.state);
}

/** Settles a final probe; for a stale open scan-code order, closes it unless paid. */
function finish(entry: JournalEntry, deps: ScanPayDeps, t: ScanPayTerminal, p: Probe): Observable<RecoveryEvent> {
  const recorder = new OrderRecorder(deps.journal, deps.clock, entry, deps.warn);
  if (p.decision.kind === 'final') return settle(entry, recorder, deps, p);
  if (entry.kind === 'micropay') return notArrived(entry, recorder, deps, p);
  return closeUnlessPaid(deps, t, entry.outTradeNo, entry.platform ?? 'wechat').pipe(
    concatMap((v) => {
      if (v.kind === 'final') return settle(entry, recorder, deps, v.probe);
      if (v.kind === 'closed') return closed(entry, recorder);
      return EMPTY; // close not confirmed: the order stays open; the next start-up resumes it
    }),
  );
}

function settle(entry: JournalEntry, recorder: OrderRecorder, deps: ScanPayDeps, p: Probe): Observable<RecoveryEvent> {
  if (p.decision.kind !== 'final') return EMPTY;
  const d = p.decision.decision;
  const result: PaymentResult =
    d.kind === 'success'
      ? { outcome: 'success', outTradeNo: entry.outTradeNo, amount: entry.amount, platform: p.state?.platform ?? entry.platform }
      : withFailState({ outcome: 'failed', outTradeNo: entry.outTradeNo, amount: entry.amount, reason: d.reason, description: d.description }, p.state);
  const description = result.outcome === 'failed' ? result.description : undefined;
  return recorder
    .record(
      {
        status: result.outcome === 'success' ? 'success' : 'failed',
        lastState: p.state,
        platform: p.state?.platform ?? entry.platform,
        description,
        ...callsToReport(entry, p.state, p.state?.platform ?? entry.platform),
      },
      { phase: result.outcome, cause: 'reconciled', cts: p.state?.cts, description },
    )
    .pipe(
      map((): RecoveryEvent => {
        deps.announcer.say(
          result.outcome === 'success'
            ? { kind: 'payment_success', platform: result.platform ?? 'unknown', amount: result.amount }
            : { kind: 'payment_failed', amount: result.amount },
        );
        return { type: 'settled', kind: entry.kind, result, closed: false };
      }),
    );
}

function notArrived(entry: JournalEntry, recorder: OrderRecorder, deps: ScanPayDeps, p: Probe): Observable<RecoveryEvent> {
  // A sale that never recorded its code (the page went away while waiting for it) was never sent:
  // it ends cancelled, like a sale the cashier cancelled (not reported, not in history).
  if (!entry.history.some((h) => h.phase === 'submitting')) return abandoned(entry, recorder);
  const description = p.outcome.kind === 'reply' ? p.outcome.reply.description : 'no such order';
  const result: PaymentResult = { outcome: 'failed', outTradeNo: entry.outTradeNo, amount: entry.amount, reason: 'never_arrived', description };
  const patch: EntryPatch = { status: 'failed', description, ...callsToReport(entry, entry.lastState, entry.platform) };
  return recorder.record(patch, { phase: 'failed', cause: 'reconciled: cpay has no such order', description }).pipe(
    map((): RecoveryEvent => {
      deps.announcer.say({ kind: 'payment_failed', amount: entry.amount });
      return { type: 'settled', kind: entry.kind, result, closed: false };
    }),
  );
}

function abandoned(entry: JournalEntry, recorder: OrderRecorder): Observable<RecoveryEvent> {
  return recorder
    .record({ status: 'cancelled' }, { phase: 'cancelled', cause: 'reconciled: no code was scanned and cpay has no such order' })
    .pipe(ignoreElements());
}

function closed(entry: JournalEntry, recorder: OrderRecorder): Observable<RecoveryEvent> {
  const result: PaymentResult = { outcome: 'failed', outTradeNo: entry.outTradeNo, amount: entry.amount, reason: 'closed', description: 'close_order' };
  return recorder
    .record({ status: 'closed', description: 'close_order' }, { phase: 'failed', cause: 'close_order' })
    .pipe(map((): RecoveryEvent => ({ type: 'settled', kind: entry.kind, result, closed: true })));
}

/**
 * device_report's entries for a micropay order settled here: one per brief_micro_pay send. The
 * answered calls come from the journal (the sale wrote each answer as it came); a send whose answer
 * the page never saw (it reloaded meanwhile) is an "unknown problem" call (spec §8: code -4), timed
 * from the scan to the page's last journal write. Scan-code orders make no brief_micro_pay call.
 */
function callsToReport(entry: JournalEntry, state: OrderStateOnWire | undefined, platform: PayPlatformName | undefined): EntryPatch {
  if (entry.kind !== 'micropay') return {};
  const answered = entry.apiCallingInfos ?? [];
  const sends = sendsIn(entry.history);
  const payPlatform = platform ? PayPlatform[platform] : (answered[0]?.payPlatform ?? PayPlatform.card);
  const lost = {
    code: CALL_CODE.unknownProblem,
    description: 'no answer seen: the terminal restarted while the call was open',
    delayMs: entry.updatedAt - (sends.firstAt ?? entry.updatedAt),
  };
  return { apiCallingInfos: settledApiCallingInfos(entry.outTradeNo, answered, sends.count, lost, payPlatform, state) };
}

/** A recovery result as a pay event, so a screen showing that order can fold it in. */
export function asPayEvent(event: Extract<RecoveryEvent, { type: 'settled' }>): PayEvent {
  return { type: 'settled', result: event.result };
}
