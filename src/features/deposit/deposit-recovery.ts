/**
 * Deposits after a reload (the journal rule of pay recovery, for deposits): every deposit whose
 * freeze is not known final is queried (query_freeze_order, 2 s after each answer) until cpay
 * says frozen or failed; every settlement not known final is sent again IDENTICALLY (same
 * number, same amounts: cpay answers a repeat with the same order, spec §9.1) and verified.
 * Nothing new is ever created here.
 */
import { EMPTY, catchError, concat, concatMap, filter, from, map, mergeMap, of, switchMap, take, type Observable } from 'rxjs';
import type { DepositResult, SettleEvent } from './deposit-events.js';
import { RECONCILE_DEPOSIT_STATUSES, type DepositRecord } from './deposit.js';
import { freezeProbe, type DepositDeps } from './deposit-deps.js';
import { DepositRecorder } from './deposit-recorder.js';
import { consume, unfreeze, type SettleTarget } from './deposit-settle-calls.js';
import { finish } from './deposit-settle.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { pollUntilFinal } from '../../kernel/flow/poll-order.js';

/** What recovery reports. */
export type DepositRecoveryEvent =
  | { readonly type: 'resumed'; readonly records: readonly DepositRecord[] }
  | { readonly type: 'taken'; readonly result: DepositResult }
  | Extract<SettleEvent, { type: 'done' }>;

/** Resumes every open deposit once (at start-up). */
export function depositRecovery(deps: DepositDeps): Observable<DepositRecoveryEvent> {
  return from(deps.deposits.listOpen()).pipe(
    catchError((err: unknown) => {
      deps.warn('deposit recovery could not read the journal', err);
      return EMPTY;
    }),
    switchMap((all) => {
      const records = all.filter((r) => RECONCILE_DEPOSIT_STATUSES.includes(r.status));
      return concat(
        of<DepositRecoveryEvent>({ type: 'resumed', records: all }),
        from(records).pipe(
          mergeMap((r) =>
            reconcile(r, deps).pipe(
              catchError((err: unknown) => {
                deps.warn(`could not reconcile deposit ${r.outFreezeNo}`, err);
                return EMPTY;
              }),
            ),
          ),
        ),
      );
    }),
  );
}

function reconcile(record: DepositRecord, deps: DepositDeps): Observable<DepositRecoveryEvent> {
  const recorder = new DepositRecorder(deps.deposits, deps.clock, record, deps.warn);
  const platform = record.platform ?? 'wechat';
  const s = record.settlement;
  if (record.status === 'settling' && s) {
    const target: SettleTarget = {
      outFreezeNo: record.outFreezeNo,
      platform,
      outNo: s.outNo,
      consumed: s.consumed,
      released: s.released,
      consumedBefore: s.consumedBefore,
    };
    const verdict$ = s.kind === 'consume' ? consume(deps, target, UNKNOWN_RESULT_TEXT) : unfreeze(deps, target, UNKNOWN_RESULT_TEXT);
    return verdict$.pipe(
      switchMap((v) => finish(recorder, v, deps)),
      filter((e): e is Extract<SettleEvent, { type: 'done' }> => e.type === 'done'),
    );
  }
  return pollUntilFinal(freezeProbe(deps, record.outFreezeNo, platform), 0, deps.scheduler).pipe(
    // Only a final state (frozen, or a documented failure) ends it: a 104, a 407 or no answer keeps asking.
    concatMap((p) => (p.decision.kind === 'final' ? [{ d: p.decision.decision, cts: p.state?.cts }] : [])),
    take(1),
    switchMap(({ d, cts }) => {
      const result: DepositResult =
        d.kind === 'success'
          ? { outcome: 'frozen', outFreezeNo: record.outFreezeNo, amount: record.amount, platform }
          : { outcome: 'failed', outFreezeNo: record.outFreezeNo, amount: record.amount, reason: 'declined', description: d.description };
      const status = result.outcome === 'frozen' ? ('frozen' as const) : ('failed' as const);
      return recorder
        .record$(
          { status, lastCts: cts, ...(result.outcome === 'failed' ? { description: result.description } : {}) },
          { phase: status, cause: 'reconciled', cts },
        )
        .pipe(
          map((): DepositRecoveryEvent => {
            deps.depositVoice.say(
              result.outcome === 'frozen' ? { kind: 'deposit_frozen', platform, amount: result.amount } : { kind: 'deposit_failed', amount: result.amount },
            );
            return { type: 'taken', result };
          }),
        );
    }),
  );
}
