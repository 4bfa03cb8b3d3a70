/**
 * Spec §13 through the app's own refund flow, over real loopback HTTP against the simulator's
 * node server, with the app's cpay client (prepareRequest/readResponse, payment key) and real
 * time: pay 0.02 → shows paid → refund 0.03 refused on the terminal → refund 0.01 → partially
 * refunded → refund 0.02 refused → refund 0.01 → fully refunded. What the flow shows is checked
 * against the simulator's truth (`/sandbox/orders/{otn}`) at every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Subject, asyncScheduler, filter, firstValueFrom, lastValueFrom, take, takeWhile, toArray, type Observable } from 'rxjs';
import { fen, type PayPlatformName } from '@cpay/protocol';
import { SCENARIOS } from '@cpay/simulator';
import { createSimulatorServer, type SimulatorServer } from '@cpay/simulator/node';
import { nextOrderNo } from '../../kernel/order-no.js';
import type { RefundEvent, RefundResult } from './refund-events.js';
import type { RefundRecord } from './refund.js';
import { createCpayClient } from '../../platform/net/cpay-client.js';
import type { CpayPort } from '../../platform/net/ports.js';
import { createTracer } from '../../platform/net/trace.js';
import type { RefundDeps } from './refund-deps.js';
import { refundFlow, type RefundIntent } from './refund-flow.js';
import { memoryLocalRefundBooks } from '../../testing/local-refund-books.js';

let srv: SimulatorServer;
let base: URL;
let cpay: CpayPort;
let binding: Record<string, string>;
const ledger = new Map<string, RefundRecord>();
let lastForward: number | undefined;

const post = async (path: string, body: unknown = {}) =>
  (await fetch(new URL(path, base), { method: 'POST', body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
const truth = async (otn: string) => (await fetch(new URL(`/sandbox/orders/${otn}`, base))).json() as Promise<Record<string, unknown>>;
const str = (k: string) => String(binding[k]);

beforeAll(async () => {
  srv = createSimulatorServer({ seed: 7, options: { refundSettleMs: 1_000 } });
  base = await srv.listen(0, '127.0.0.1');
  binding = (await post('/sandbox/bind/direct')) as Record<string, string>;
  cpay = createCpayClient({
    keys: { key: async () => str('payment_key') },
    fetch: globalThis.fetch.bind(globalThis),
    tracer: createTracer(() => undefined),
    baseUrl: base.origin,
    scheduler: asyncScheduler,
  });
});
afterAll(() => srv.close());

function deps(): RefundDeps {
  return {
    cpay,
    localBooks: memoryLocalRefundBooks({ journal: new Map(), ledger: new Map() }), // cpay refunds only
    scheduler: asyncScheduler,
    clock: { serverNow: () => srv.sim.now() },
    random: Math.random,
    nonce: () => Math.random().toString(36).slice(2).padEnd(32, '0').slice(0, 32),
    terminal: () => ({
      snCode: str('sn'),
      outMchId: str('out_mch_id'),
      outSubMchId: str('out_sub_mch_id'),
      outShopId: str('out_shop_id'),
      deviceId: str('device_id'),
      cloudCashierId: str('cloud_cashier_id'),
      terminalType: 100,
      sdkVersion: '1.0.0',
      spbillCreateIp: '127.0.0.1',
    }),
    orderNumbers: {
      next: async (prefix) => {
        const r = nextOrderNo({ prefix, deviceKey: str('device_id'), lastForward, nowMs: srv.sim.now() });
        if (!r.ok) throw new Error(r.error.kind);
        lastForward = r.forward;
        return r.orderNo;
      },
    },
    ledger: {
      put: async (r) => {
        ledger.set(r.outRefundNo, r);
      },
      forOrder: async (no) => [...ledger.values()].filter((r) => r.outTradeNo === no),
    },
    journal: { get: async () => undefined },
    pin: { required: async () => false, verify: async () => false },
    announce: () => undefined,
    warn: () => undefined,
  };
}

/** Sends one intent and collects events until the flow shows the order again (or refuses). */
async function step(intents: Subject<RefundIntent>, events$: Observable<RefundEvent>, intent: RefundIntent): Promise<RefundEvent[]> {
  const done = firstValueFrom(
    events$.pipe(
      takeWhile((e) => !(e.type === 'refused' || e.type === 'lookup_failed' || (e.type === 'order' && (intent.type === 'lookup' || seenSettled))), true),
      toArray(),
    ),
  );
  let seenSettled = false;
  const sub = events$
    .pipe(
      filter((e) => e.type === 'settled'),
      take(1),
    )
    .subscribe(() => {
      seenSettled = true;
    });
  intents.next(intent);
  const out = await done;
  sub.unsubscribe();
  return out;
}
const shown = (events: RefundEvent[]) => events.filter((e): e is Extract<RefundEvent, { type: 'order' }> => e.type === 'order').at(-1)?.order;
const settled = (events: RefundEvent[]): RefundResult | undefined => events.flatMap((e) => (e.type === 'settled' ? [e.result] : [])).at(-1);

describe.each(['wechat', 'alipay'] as const)('§13 acceptance script through refundFlow (%s)', (platform: PayPlatformName) => {
  it('pays 0.02, refuses over-refunds on the terminal, refunds twice, shows each state as the server has it', async () => {
    const otn = `${str('cloud_cashier_id')}77${Date.now()}${platform.length}`;
    const pay = await lastValueFrom(
      cpay.call('brief_micro_pay', {
        snCode: str('sn'),
        outShopId: str('out_shop_id'),
        deviceId: str('device_id'),
        nonce: 'p'.repeat(32),
        outTradeNo: otn,
        authCode: SCENARIOS[0]?.codes[platform as 'wechat' | 'alipay'] ?? '',
        totalFee: fen(2),
        body: 'acceptance',
        subTerminalType: 2451,
      }),
    );
    expect(pay.kind === 'reply' && pay.reply.body?.state?.cts).toBe(2);

    const intents = new Subject<RefundIntent>();
    const events$ = new Subject<RefundEvent>();
    const sub = refundFlow(intents, deps()).subscribe(events$);
    const refund = (amountText: string) => step(intents, events$, { type: 'refund', outTradeNo: otn, amountText });

    expect(shown(await step(intents, events$, { type: 'lookup', outTradeNo: otn }))).toMatchObject({
      display: 'paid',
      total: 2,
      platform,
      totals: { refundable: 2 },
    });

    const over = await refund('0.03');
    expect(over.at(-1)).toMatchObject({ type: 'refused', refusal: { kind: 'amount', error: { kind: 'over_refundable', requested: 3, refundable: 2 } } });
    expect((await truth(otn))['refunds']).toEqual([]);

    const first = await refund('0.01');
    expect(settled(first)).toMatchObject({ outcome: 'refunded', amount: 1, platform });
    expect(first.map((e) => e.type)).toContain('accepted');
    expect(shown(first)).toMatchObject({ display: 'partially_refunded', totals: { refunded: 1, refundable: 1 } });
    expect(await truth(otn)).toMatchObject({ refunded_fee: 1, refundable_fee: 1 });

    expect((await refund('0.02')).at(-1)).toMatchObject({
      type: 'refused',
      refusal: { kind: 'amount', error: { kind: 'over_refundable', requested: 2, refundable: 1 } },
    });

    const second = await refund('0.01');
    expect(settled(second)).toMatchObject({ outcome: 'refunded', amount: 1 });
    expect(shown(second)).toMatchObject({ display: 'fully_refunded', totals: { refunded: 2, refundable: 0 }, refundable: false });
    expect(await truth(otn)).toMatchObject({ refunded_fee: 2, refundable_fee: 0, state: 'refunded' });
    expect(shown(await step(intents, events$, { type: 'lookup', outTradeNo: otn }))).toMatchObject({ display: 'fully_refunded', serverChecked: true });
    sub.unsubscribe();
  }, 60_000);
});
