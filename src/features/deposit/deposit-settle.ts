/**
 * "Settle deposit": the scanned deposit number → the local record and cpay's FreezeOrderContent
 * (`looked_up`) → checks on the terminal (over-consumption, double settlement, not frozen) →
 * a settlement number journaled with the deposit BEFORE anything is sent → deposit_consume for
 * the amount used with the rest released, or unfreeze in full → `done`. A settlement whose
 * outcome is unknown stays `settling`; recovery re-checks it and never sends a second one.
 */
import { EMPTY, catchError, concat, concatMap, defer, from, map, of, switchMap, type Observable } from 'rxjs';
import { classifyFreezeState, fen, type Fen, type FreezeOrder } from '@cpay/protocol';
import { remainingOf, type SettleEvent, type SettleResult } from './deposit-events.js';
import { planSettlement, type DepositRecord, type DepositStatus } from './deposit.js';
import { describeError } from '../../kernel/errors.js';
import { type DepositDeps, depositClient, depositMchKey } from './deposit-deps.js';
import { DepositRecorder } from './deposit-recorder.js';
import { consume, unfreeze, type CallVerdict, type SettleTarget } from './deposit-settle-calls.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { guardedCall } from '../../kernel/flow/poll-order.js';

const FROM_SERVER: Readonly<Record<string, DepositStatus>> = {
  frozen: 'frozen',
  ended: 'settled',
  failed: 'failed',
  pending: 'pending',
  user_paying: 'pending',
};

/** Reads the local record and asks cpay; a deposit only cpay knows is journaled from its answer. */
export function lookup(outFreezeNo: string, deps: DepositDeps): Observable<{ record: DepositRecord; server: FreezeOrder | undefined } | undefined> {
  return from(deps.deposits.get(outFreezeNo)).pipe(
    switchMap((local) => {
      const t = deps.terminal();
      const req = { mchKey: depositMchKey(t, local?.platform ?? 'wechat'), client: depositClient(t), outFreezeNo, nonce: deps.nonce() };
      return guardedCall(() => deps.cpay.call('query_freeze_order', req)).pipe(
        switchMap((o) => {
          const server = o.kind === 'reply' && o.reply.status === 0 ? o.reply.body?.freeze : undefined;
          if (!server) return of(local ? { record: local, server } : undefined);
          const status = server.state ? (FROM_SERVER[classifyFreezeState(server.state)] ?? 'pending') : 'pending';
          const at = deps.clock.serverNow();
          const base: DepositRecord = local ?? {
            outFreezeNo,
            amount: server.freezeFee,
            body: server.body,
            status,
            platform: server.state?.platform,
            createdAt: at,
            updatedAt: at,
            history: [{ at, phase: status, cause: 'query_freeze_order (not in this journal)' }],
          };
          // cpay's "ended" wins over a local "frozen": the deposit was settled elsewhere.
          const record = base.status === 'frozen' && status === 'settled' ? { ...base, status, updatedAt: at } : base;
          return record === local ? of({ record, server }) : from(deps.deposits.put(record)).pipe(map(() => ({ record, server })));
        }),
      );
    }),
  );
}

/** Looks a deposit up for the screen. */
export function lookupDeposit(outFreezeNo: string, deps: DepositDeps): Observable<SettleEvent> {
  return lookup(outFreezeNo, deps).pipe(
    map((found): SettleEvent =>
      found
        ? { type: 'looked_up', record: found.record, server: found.server }
        : { type: 'done', result: { outcome: 'refused', outFreezeNo, refusal: { kind: 'not_found', outFreezeNo } } },
    ),
  );
}

/** Settles a deposit: `used` fen consumed (the rest released), or 0 = unfreeze in full. Never errors. */
export function settleDeposit(outFreezeNo: string, used: Fen, deps: DepositDeps): Observable<SettleEvent> {
  const done = (result: SettleResult): SettleEvent => ({ type: 'done', result });
  return lookup(outFreezeNo, deps).pipe(
    switchMap((found): Observable<SettleEvent> => {
      if (!found) return of(done({ outcome: 'refused', outFreezeNo, refusal: { kind: 'not_found', outFreezeNo } }));
      const plan = planSettlement(found.record, used, found.server ? fen(remainingOf(found.record, found.server)) : found.record.amount);
      if (!plan.ok) return of(done({ outcome: 'refused', outFreezeNo, refusal: plan.refusal }));
      return run(found.record, plan.kind, plan.consumed, plan.released, deps, found.server?.totalConsumeFee);
    }),
    catchError((err: unknown) =>
      of(done({ outcome: 'refused', outFreezeNo, refusal: { kind: 'server', description: `nothing was sent: ${describeError(err)}` } })),
    ),
  );
}

function run(
  record: DepositRecord,
  kind: 'consume' | 'unfreeze',
  consumed: Fen,
  released: Fen,
  deps: DepositDeps,
  consumedBefore?: Fen,
): Observable<SettleEvent> {
  const recorder = new DepositRecorder(deps.deposits, deps.clock, record, deps.warn);
  const staffId = deps.terminal().client.staffId;
  return from(deps.orderNumbers.next(deps.terminal().cloudCashierId)).pipe(
    concatMap((outNo) =>
      recorder
        .commit(
          {
            status: 'settling',
            settlement: {
              kind,
              outNo,
              consumed,
              released,
              status: 'pending',
              ...(consumedBefore !== undefined ? { consumedBefore } : {}),
              ...(staffId === undefined ? {} : { staffId }),
            },
          },
          { phase: 'settling', cause: kind },
        )
        .pipe(map(() => outNo)),
    ),
    concatMap((outNo) => {
      const target: SettleTarget = { outFreezeNo: record.outFreezeNo, platform: record.platform ?? 'wechat', outNo, consumed, released, consumedBefore };
      const verdict$ = kind === 'consume' ? consume(deps, target, UNKNOWN_RESULT_TEXT) : unfreeze(deps, target, UNKNOWN_RESULT_TEXT);
      return concat(
        of<SettleEvent>({ type: 'settling', outFreezeNo: record.outFreezeNo, kind, outNo }),
        verdict$.pipe(concatMap((v) => finish(recorder, v, deps))),
      );
    }),
  );
}

/** Journals the verdict, speaks, and reports it. Also used by recovery. */
export function finish(recorder: DepositRecorder, v: CallVerdict, deps: DepositDeps): Observable<SettleEvent> {
  return defer(() => {
    const r = recorder.current;
    const s = r.settlement;
    if (!s) return EMPTY;
    const released = v.kind === 'success' && v.released !== undefined ? fen(v.released) : s.released;
    const status: DepositStatus = v.kind === 'success' ? 'settled' : v.kind === 'refused' ? 'frozen' : 'settling';
    const settlement = {
      ...s,
      released,
      status: v.kind === 'success' ? ('success' as const) : v.kind === 'refused' ? ('failed' as const) : ('unknown' as const),
      ...(v.kind === 'success' ? {} : { description: v.description }),
    };
    const result: SettleResult =
      v.kind === 'success'
        ? { outcome: 'settled', outFreezeNo: r.outFreezeNo, kind: s.kind, consumed: s.consumed, released }
        : v.kind === 'refused'
          ? { outcome: 'refused', outFreezeNo: r.outFreezeNo, refusal: { kind: 'server', description: v.description } }
          : { outcome: 'unknown', outFreezeNo: r.outFreezeNo, description: v.description };
    return recorder
      .record$({ status, settlement }, { phase: result.outcome, cause: s.kind, ...(v.kind === 'success' ? {} : { description: v.description }) })
      .pipe(
        map((): SettleEvent => {
          if (result.outcome === 'settled') deps.depositVoice.say({ kind: 'deposit_settled', consumed: result.consumed, released: result.released });
          return { type: 'done', result };
        }),
      );
  });
}
