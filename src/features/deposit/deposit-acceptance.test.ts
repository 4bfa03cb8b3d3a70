/**
 * Deposits end to end over real loopback HTTP: the app's cpay client (prepareRequest/readResponse,
 * payment key) → the simulator's node server, real time. Take 100.00 (WeChat and Alipay), settle
 * 37.50 with the rest released, refuse a second settlement and over-consumption, unfreeze another
 * deposit in full; the simulator's truth (`/sandbox/deposits/{no}`) is checked at every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncScheduler, lastValueFrom, toArray } from 'rxjs';
import { fen, type Fen } from '@cpay/protocol';
import { createSimulatorServer, type SimulatorServer } from '@cpay/simulator/node';
import type { DepositRecord } from './deposit.js';
import { nextOrderNo } from '../../kernel/order-no.js';
import { createCpayClient } from '../../platform/net/cpay-client.js';
import { createTracer } from '../../platform/net/trace.js';
import type { DepositDeps } from './deposit-deps.js';
import { settleDeposit } from './deposit-settle.js';
import { takeDeposit } from './deposit-take.js';

let srv: SimulatorServer;
let base: URL;
let b: Record<string, string>;
const records = new Map<string, DepositRecord>();
let lastForward: number | undefined;
const truth = async (no: string) => (await fetch(new URL(`/sandbox/deposits/${no}`, base))).json() as Promise<Record<string, unknown>>;
const s = (k: string) => String(b[k]);

beforeAll(async () => {
  srv = createSimulatorServer({ seed: 11, options: { refundSettleMs: 500 } });
  base = await srv.listen(0, '127.0.0.1');
  b = (await (await fetch(new URL('/sandbox/bind/direct', base), { method: 'POST', body: '{}' })).json()) as Record<string, string>;
});
afterAll(() => srv.close());

function deps(): DepositDeps {
  const cpay = createCpayClient({
    keys: { key: async () => s('payment_key') },
    fetch: globalThis.fetch.bind(globalThis),
    tracer: createTracer(() => undefined),
    baseUrl: base.origin,
    scheduler: asyncScheduler,
  });
  return {
    cpay,
    scheduler: asyncScheduler,
    clock: { serverNow: () => srv.sim.now() },
    random: Math.random,
    warn: () => undefined,
    nonce: () => Math.random().toString(36).slice(2).padEnd(32, '0').slice(0, 32),
    terminal: () => ({
      snCode: s('sn'),
      outShopId: s('out_shop_id'),
      deviceId: s('device_id'),
      cloudCashierId: s('cloud_cashier_id'),
      subTerminalType: 2451,
      body: '押金',
      outMchId: s('out_mch_id'),
      outSubMchId: s('out_sub_mch_id'),
      client: { deviceId: s('device_id'), terminalType: 4, subTerminalType: 2451, sdkVersion: '1.0.0', spbillCreateIp: '127.0.0.1', snCode: s('sn') },
    }),
    orderNumbers: {
      next: async (prefix) => {
        const r = nextOrderNo({ prefix, deviceKey: s('device_id'), lastForward, nowMs: srv.sim.now() });
        if (!r.ok) throw new Error(r.error.kind);
        lastForward = r.forward;
        return r.orderNo;
      },
    },
    journal: { put: async () => undefined, get: async () => undefined, listOpen: async () => [] },
    announcer: { say: () => undefined },
    depositVoice: { say: () => undefined },
    deposits: {
      put: async (r) => {
        records.set(r.outFreezeNo, r);
      },
      get: async (no) => records.get(no),
      listOpen: async () => [...records.values()],
    },
  };
}
const take = (amount: number, code: string) => lastValueFrom(takeDeposit(fen(amount), code, deps()).pipe(toArray()));
const settle = (no: string, used: number) => lastValueFrom(settleDeposit(no, used as Fen, deps()).pipe(toArray()));

describe.each([
  ['wechat', '135005875955000000'],
  ['alipay', '281234567890120000'],
] as const)('deposits over loopback HTTP (%s)', (platform, code) => {
  it('takes 100.00, settles 37.50 with 62.50 released, refuses a second settlement; the server agrees at each step', async () => {
    const taken = (await take(10000, code)).at(-1);
    expect(taken).toMatchObject({ type: 'taken', result: { outcome: 'frozen', amount: 10000, platform } });
    const no = taken?.type === 'taken' ? (taken.result.outFreezeNo ?? '') : '';
    expect(await truth(no)).toMatchObject({ state: 'frozen', freeze_fee: 10000, remaining_fee: 10000, platform });
    expect((await settle(no, 10001)).at(-1)).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'over_consumption' } } });
    expect(await truth(no)).toMatchObject({ consumes: [], remaining_fee: 10000 });
    const done = await settle(no, 3750);
    expect(done.at(-1)).toMatchObject({ type: 'done', result: { outcome: 'settled', kind: 'consume', consumed: 3750, released: 6250 } });
    expect(await truth(no)).toMatchObject({
      state: 'ended',
      consumed_fee: 3750,
      released_fee: 6250,
      remaining_fee: 0,
      consumes: [{ total_fee: 3750, manual_unfreeze_fee: 6250 }],
    });
    expect(records.get(no)).toMatchObject({ status: 'settled', settlement: { status: 'success', consumed: 3750, released: 6250 } });
    expect((await settle(no, 100)).at(-1)).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'already_settled' } } });
    expect((await truth(no))['consumes']).toHaveLength(1);
  }, 30_000);
});

describe('deposit unfreeze over loopback HTTP', () => {
  it('unfreezes 20.00 in full and waits until query_unfreeze_order says success', async () => {
    const taken = (await take(2000, '135005875955000000')).at(-1);
    const no = taken?.type === 'taken' ? (taken.result.outFreezeNo ?? '') : '';
    expect((await settle(no, 0)).at(-1)).toMatchObject({ result: { outcome: 'settled', kind: 'unfreeze', consumed: 0, released: 2000 } });
    expect(await truth(no)).toMatchObject({ state: 'ended', released_fee: 2000, unfreezes: [{ state: 'success', unfreeze_fee: 2000 }] });
  }, 30_000);

  it('a declined code (…9103) ends failed and the server holds nothing', async () => {
    const taken = (await take(500, '135005875955009103')).at(-1);
    expect(taken).toMatchObject({ result: { outcome: 'failed', reason: 'declined' } });
    const no = taken?.type === 'taken' ? (taken.result.outFreezeNo ?? '') : '';
    expect(await truth(no)).toMatchObject({ state: 'error', cts: 6 });
  }, 30_000);
});
