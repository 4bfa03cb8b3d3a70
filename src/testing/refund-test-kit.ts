/**
 * Test doubles for the refund flow tests (imported only by tests): a scripted cpay port on a
 * TestScheduler, an in-memory ledger and PIN gate, and a timeline of every call and ledger write.
 * Promise-based ports take zero virtual time (`drive` from pay-test-kit.ts).
 */
import { Subject, defer, map, timer, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { EndpointName, Fen, ListedRefund, OrderStateOnWire, RequestOf, ResponseOf } from '@cpay/protocol';
import type { RefundEvent } from '../features/refund/refund-events.js';
import type { RefundRecord } from '../features/refund/refund.js';
import type { CallOutcome, CpayPort } from '../platform/net/ports.js';
import { drive, reply, unknownOutcome, type Answer } from './pay-test-kit.js';
import type { RefundDeps, RefundSentence, RefundTerminal } from '../features/refund/refund-deps.js';
import { refundFlow, type RefundIntent } from '../features/refund/refund-flow.js';
import { memoryLocalRefundBooks } from './local-refund-books.js';

/** Script: answers the n-th call (1-based) to an endpoint. */
export type RefundScript = (endpoint: EndpointName, n: number, req: unknown) => Answer;

/** One thing that happened, at a virtual time. */
export type RefundMark =
  | { readonly at: number; readonly what: 'call'; readonly endpoint: EndpointName; readonly req: unknown }
  | { readonly at: number; readonly what: 'ledger'; readonly record: RefundRecord };

export const OTN = '010000521234561763776800000';
export const REFUND_TERMINAL: RefundTerminal = {
  snCode: 'CPAYSIM_WEB1_SIM0000001',
  outMchId: 'mch1',
  outSubMchId: 'sub1',
  outShopId: 'shop1',
  deviceId: 'dev1',
  cloudCashierId: '01000052',
  terminalType: 100,
  sdkVersion: '1.0.0',
  spbillCreateIp: '127.0.0.1',
};

/** A paid order answer (brief_query_order). */
export const paidOrder = (total: number, state: OrderStateOnWire = { platform: 'wechat', cts: 2 }) =>
  reply({ platform: state.platform, outTradeNo: OTN, totalFee: total as Fen, state });
/** A brief_query_order_list answer holding refunds of OTN. */
export const refundList = (...refunds: [orn: string, fee: number, state: number][]) =>
  reply({
    totalCount: refunds.length,
    items: refunds.map(([orn, fee, state]): ListedRefund => ({
      kind: 'refund',
      outTradeNo: OTN,
      totalFee: 2 as Fen,
      outRefundNo: orn,
      refundFee: fee as Fen,
      createTime: 1,
      refundState: { platform: 'wechat', state },
    })),
  });
/**
 * A query_order_list (merchant level) answer: the order OTN (with `refundedFee` when given) and
 * refunds of it, from any device or the merchant console.
 */
export const merchantList = (refunds: readonly [orn: string, fee: number, state: number][] = [], refundedFee?: number) =>
  reply({
    totalCount: refunds.length + 1,
    items: [
      {
        kind: 'order' as const,
        outTradeNo: OTN,
        totalFee: 2 as Fen,
        ...(refundedFee === undefined ? {} : { refundedFee: refundedFee as Fen }),
        state: { platform: 'wechat' as const, cts: 2 },
      },
      ...refunds.map(([orn, fee, state]) => ({
        kind: 'refund' as const,
        outTradeNo: OTN,
        outRefundNo: orn,
        totalFee: 2 as Fen,
        refundFee: fee as Fen,
        createTime: 1,
        refundState: { platform: 'wechat' as const, state },
      })),
    ],
  });
/** A refund / query_refund_order answer with a WeChat refund state. */
export const refundReply = (orn: string, state: number) =>
  reply({ refund: { outRefundNo: orn, outTradeNo: OTN, totalFee: 2 as Fen, refundFee: 1 as Fen, refundState: { platform: 'wechat' as const, state } } });
export const queryRefundReply = (orn: string, state: number) =>
  reply({ refunds: [{ outRefundNo: orn, outTradeNo: OTN, totalFee: 2 as Fen, refundFee: 1 as Fen, refundState: { platform: 'wechat' as const, state } }] });

/** A full environment; `pin` set means a manager PIN is configured. */
export function refundEnv(
  script: RefundScript,
  opts: { pin?: string; ledger?: RefundRecord[]; failLedger?: boolean; journal?: boolean; staff?: { staffId?: string; authorizationStaffId?: string } } = {},
) {
  const ts = new TestScheduler(() => undefined);
  const timeline: RefundMark[] = [];
  const ledger = new Map<string, RefundRecord>((opts.ledger ?? []).map((r) => [r.outRefundNo, r]));
  const said: RefundSentence[] = [];
  const counts = new Map<EndpointName, number>();
  let inFlight = 0;
  let seq = 0;
  const io = async <T>(op: () => Promise<T> | T): Promise<T> => {
    inFlight += 1;
    try {
      await new Promise<void>((resolve) => {
        setImmediate(resolve);
      });
      return await op();
    } finally {
      inFlight -= 1;
    }
  };
  const cpay: CpayPort = {
    warmup: () => undefined,
    call<E extends EndpointName>(endpoint: E, req: RequestOf<E>): Observable<CallOutcome<ResponseOf<E>>> {
      return defer(() => {
        timeline.push({ at: ts.now(), what: 'call', endpoint, req });
        const n = (counts.get(endpoint) ?? 0) + 1;
        counts.set(endpoint, n);
        const a = script(endpoint, n, req);
        return timer(a.hang ? 10 ** 9 : (a.delayMs ?? 100), ts).pipe(map(() => (a.outcome ?? unknownOutcome()) as CallOutcome<ResponseOf<E>>));
      });
    },
  };
  const deps: RefundDeps & { ledger: RefundDeps['ledger'] & { listOpen(): Promise<RefundRecord[]> } } = {
    cpay,
    scheduler: ts,
    terminal: () => ({ ...REFUND_TERMINAL, ...opts.staff }),
    nonce: () => 'n'.repeat(32),
    random: () => 0.5,
    clock: { serverNow: () => 1_763_776_800_000 + ts.now() },
    orderNumbers: { next: (prefix) => io(() => `${prefix}999999${String(1_763_776_900_000 + (seq += 1))}`) },
    // `journal`: every order is one of this terminal's payments (its journal knows it).
    journal: {
      get: (no) =>
        io(() =>
          opts.journal
            ? {
                outTradeNo: no,
                kind: 'micropay',
                amount: 2 as Fen,
                body: 'b',
                status: 'success',
                platform: 'wechat',
                createdAt: 1_763_776_800_000,
                updatedAt: 1_763_776_800_000,
                history: [],
              }
            : undefined,
        ),
    },
    ledger: {
      put: (record) =>
        io(() => {
          if (opts.failLedger) throw new Error('QuotaExceededError');
          timeline.push({ at: ts.now(), what: 'ledger', record });
          ledger.set(record.outRefundNo, record);
        }),
      forOrder: (no) => io(() => [...ledger.values()].filter((r) => r.outTradeNo === no)),
      listOpen: () => io(() => [...ledger.values()].filter((r) => r.status === 'created' || r.status === 'unknown' || r.status === 'processing')),
    },
    // Bookkeeping sales are not in this kit (its journal knows only cpay payments).
    localBooks: memoryLocalRefundBooks({ journal: new Map(), ledger }),
    pin: { required: () => io(() => opts.pin !== undefined), verify: (p) => io(() => p === opts.pin) },
    announce: (s) => {
      said.push(s);
    },
    warn: () => undefined,
  };
  const calls = (endpoint?: EndpointName) =>
    timeline.filter((m): m is Extract<RefundMark, { what: 'call' }> => m.what === 'call' && (endpoint === undefined || m.endpoint === endpoint));
  return { ts, deps, timeline, ledger, said, calls, run: (untilMs?: number) => drive(ts, untilMs, () => inFlight > 0) };
}

/** Feeds intents at virtual times, runs to `untilMs`; returns [time, event] pairs and the env. */
export async function runRefund(
  script: RefundScript,
  intents: readonly [number, RefundIntent][],
  opts: Parameters<typeof refundEnv>[1] = {},
  untilMs = 400_000,
  more: Parameters<typeof refundEnv>[1] = {},
) {
  const env = refundEnv(script, { ...opts, ...more });
  const events: [number, RefundEvent][] = [];
  const intent$ = new Subject<RefundIntent>();
  for (const [at, intent] of intents) env.ts.schedule(() => intent$.next(intent), at);
  refundFlow(intent$, env.deps).subscribe({ next: (e) => events.push([env.ts.now(), e]) });
  await env.run(untilMs);
  return { ...env, events, types: events.map(([, e]) => e.type), last: events.at(-1)?.[1] };
}
