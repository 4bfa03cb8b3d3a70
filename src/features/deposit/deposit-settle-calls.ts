/**
 * The two settlement calls with the §9 status rules (identical resend on 3 / 103 / unsent,
 * bounded; a refusal counts only if no earlier send may have reached cpay): deposit_consume
 * (the rest released with `is_confirm_unfreeze`) and unfreeze (then query_unfreeze_order until
 * final). They answer what happened; journaling is the caller's.
 */
import { concatMap, defer, of, switchMap, takeUntil, timer, defaultIfEmpty, filter, map, take, type Observable } from 'rxjs';
import { classifyConsumeState, classifyStatus, type DepositPlatformName, type EndpointName, type Fen, type RequestOf, type ResponseOf } from '@cpay/protocol';
import type { CallOutcome } from '../../platform/net/ports.js';
import { consumedProbe, depositClient, depositMchKey, unfreezeProbe, type DepositDeps } from './deposit-deps.js';
import { guardedCall, pollUntilFinal, type Probe } from '../../kernel/flow/poll-order.js';
import { PAY_TIMING, mayResend, resendDelay, type ResendReason } from '../../kernel/flow/policy.js';

/** What a settlement call came to. */
export type CallVerdict =
  | { readonly kind: 'success'; readonly released?: number }
  | { readonly kind: 'refused'; readonly description: string }
  | { readonly kind: 'unknown'; readonly description: string };

/** What the caller knows of the deposit being settled. */
export interface SettleTarget {
  readonly outFreezeNo: string;
  readonly platform: DepositPlatformName;
  readonly outNo: string;
  readonly consumed: Fen;
  readonly released: Fen;
  /** cpay's total_consume_fee before this consumption (several consumptions per Alipay deposit). */
  readonly consumedBefore?: Fen | undefined;
}

type Answer<E extends EndpointName> = { readonly outcome: CallOutcome<ResponseOf<E>>; readonly reached: boolean };
const RESEND_OF: Readonly<Record<string, ResendReason>> = { unknown: 'unknown', retry_later: 'retry_later' };

/** Sends `req` until an answer that is not "ask again" (or the resends run out → undefined). */
function sendWithRules<E extends EndpointName>(deps: DepositDeps, endpoint: E, req: RequestOf<E>): Observable<Answer<E> | undefined> {
  let reached = false;
  const attempt = (resends: Readonly<Record<ResendReason, number>>): Observable<Answer<E> | undefined> =>
    guardedCall(() => deps.cpay.call(endpoint, req)).pipe(
      switchMap((outcome) => {
        const before = reached;
        if (outcome.kind !== 'not_sent') reached = true;
        // No answer (timeout, connection lost, a signature that does not verify) is status 3's
        // "unknown": the original request may be retried (spec §9.1), identically — cpay answers a
        // repeat of the same settlement number with the same settlement — before asking for the result.
        const reason: ResendReason | undefined =
          outcome.kind === 'not_sent'
            ? 'not_sent'
            : outcome.kind === 'reply'
              ? RESEND_OF[classifyStatus(outcome.reply.status, outcome.reply.internalStatus)]
              : 'unknown';
        if (reason === undefined) return of({ outcome, reached: before });
        if (!mayResend(reason, resends[reason])) return of(reached ? undefined : { outcome, reached: false });
        return timer(resendDelay(reason, resends[reason], deps.random()), deps.scheduler).pipe(
          switchMap(() => attempt({ ...resends, [reason]: resends[reason] + 1 })),
        );
      }),
    );
  return attempt({ unknown: 0, retry_later: 0, not_sent: 0 });
}

/** Polls `probe` until final or the 2-minute window closes. */
function verify(probe: () => Observable<Probe>, deps: DepositDeps, unknownText: string): Observable<CallVerdict> {
  return pollUntilFinal(probe, 0, deps.scheduler).pipe(
    filter((p) => p.decision.kind === 'final'),
    take(1),
    takeUntil(timer(PAY_TIMING.giveUpAfterMs, deps.scheduler)),
    map((p): CallVerdict =>
      p.decision.kind === 'final' && p.decision.decision.kind === 'fail'
        ? { kind: 'refused', description: p.decision.decision.description }
        : { kind: 'success' },
    ),
    defaultIfEmpty<CallVerdict, CallVerdict>({ kind: 'unknown', description: unknownText }),
  );
}

/** A 101/102/104 refusal of a call no earlier send may have reached, or a call that certainly never left. */
function refusal(a: Answer<EndpointName> | undefined): CallVerdict | undefined {
  if (a && !a.reached && a.outcome.kind === 'not_sent') return { kind: 'refused', description: `not sent: ${a.outcome.detail}` };
  if (!a || a.reached || a.outcome.kind !== 'reply' || a.outcome.reply.status === 0) return undefined;
  return classifyStatus(a.outcome.reply.status, a.outcome.reply.internalStatus) === 'never_cancel'
    ? undefined
    : { kind: 'refused', description: a.outcome.reply.description };
}

/** deposit_consume of `consumed`, releasing the rest; verified through query_freeze_order when unclear. */
export function consume(deps: DepositDeps, t: SettleTarget, unknownText: string): Observable<CallVerdict> {
  return defer(() => {
    const term = deps.terminal();
    const req: RequestOf<'deposit_consume'> = {
      outTradeNo: t.outNo,
      totalFee: t.consumed,
      body: term.body,
      outFreezeNo: t.outFreezeNo,
      isConfirmUnfreeze: true,
      mchKey: depositMchKey(term, t.platform),
      client: depositClient(term),
      nonce: deps.nonce(),
    };
    return sendWithRules(deps, 'deposit_consume', req).pipe(
      concatMap((a): Observable<CallVerdict> => {
        const refused = refusal(a);
        if (refused) return of(refused);
        const body = a?.outcome.kind === 'reply' ? a.outcome.reply.body : undefined;
        if (body?.order.state && classifyConsumeState(body.order.state) === 'success') return of({ kind: 'success', released: body.consume.manualUnfreezeFee });
        return verify(consumedProbe(deps, t.outFreezeNo, t.platform, t.consumed, t.consumedBefore), deps, unknownText);
      }),
    );
  });
}

/** unfreeze of `released`, then query_unfreeze_order until success or failure. */
export function unfreeze(deps: DepositDeps, t: SettleTarget, unknownText: string): Observable<CallVerdict> {
  return defer(() => {
    const term = deps.terminal();
    const req: RequestOf<'unfreeze'> = {
      outFreezeNo: t.outFreezeNo,
      outUnfreezeNo: t.outNo,
      unfreezeFee: t.released,
      mchKey: {
        payPlatform: t.platform === 'alipay' ? 2 : 1,
        outMchId: term.outMchId,
        outSubMchId: term.outSubMchId,
        outShopId: term.outShopId,
        // The signed-in staff member authorises (003 L3959-3971: a terminal passes its staff_id); without one, the merchant admin.
        isSubMchAdmin: term.client.staffId === undefined,
        ...(term.client.staffId === undefined ? {} : { authorizationStaffId: term.client.staffId }),
      },
      client: depositClient(term),
      nonce: deps.nonce(),
    };
    return sendWithRules(deps, 'unfreeze', req).pipe(
      concatMap((a): Observable<CallVerdict> => {
        const refused = refusal(a);
        return refused ? of(refused) : verify(unfreezeProbe(deps, t.outFreezeNo, t.outNo, t.platform), deps, unknownText);
      }),
    );
  });
}
