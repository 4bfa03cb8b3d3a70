/** Recovery of open journal entries and background reconciliation, in virtual time. */
import { Subject, type Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Fen, OrderStateOnWire } from '@cpay/protocol';
import type { PayEvent } from '../../kernel/payment.js';
import type { CallOutcome } from '../../platform/net/ports.js';
import { payFlow, type PayIntent } from '../pay/pay-flow.js';
import { recoveryFlow, type RecoveryEvent, type RecoveryIntent } from './poll-recovery.js';
import { ali, micropayState, notSent, payEnv, queryState, reply, status, TERMINAL, wx, type Script } from '../../testing/pay-test-kit.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { ScanPayTerminal } from '../scan-pay/scan-pay-close.js';

const T0 = 1_763_776_800_000; // the test clock's server time at virtual 0
const SCAN_TERMINAL: ScanPayTerminal = {
  ...TERMINAL,
  outMchId: 'mch',
  outSubMchId: 'sub',
  client: { terminalType: 4, sdkVersion: '1.0', spbillCreateIp: '127.0.0.1' },
};
const entry = (no: string, patch: Partial<JournalEntry> = {}): JournalEntry => ({
  outTradeNo: no,
  kind: 'micropay',
  amount: 500 as Fen,
  body: 'b',
  status: 'pending',
  createdAt: T0,
  updatedAt: T0,
  history: [{ at: T0, phase: 'submitting', cause: 'order created' }],
  ...patch,
});
const order = (state: OrderStateOnWire): CallOutcome<unknown> => reply({ order: { outTradeNo: 'x', state } });

function recoveryEnv(script: Script, entries: readonly JournalEntry[], intents: readonly [number, RecoveryIntent][] = [[0, { type: 'resume' }]]) {
  const env = payEnv(script);
  for (const e of entries) env.journal.set(e.outTradeNo, e);
  const events: [number, RecoveryEvent][] = [];
  const intent$ = new Subject<RecoveryIntent>();
  for (const [at, i] of intents) env.ts.schedule(() => intent$.next(i), at);
  const sub = recoveryFlow(intent$, { ...env.deps, terminal: () => SCAN_TERMINAL }).subscribe((e) => events.push([env.ts.now(), e]));
  const queries = (no?: string) =>
    env
      .calls()
      .filter((c) => c.endpoint !== 'close_order' && (no === undefined || (c.req as { outTradeNo: string }).outTradeNo === no))
      .map((c) => c.at);
  return { ...env, events, sub, queries, settled: () => events.filter(([, e]) => e.type === 'settled') };
}

describe('recoveryFlow', () => {
  it('resumes every open entry at start-up and settles it to the server truth', async () => {
    const r = recoveryEnv((_, n) => ({ outcome: queryState(n < 2 ? wx(1) : wx(2)) }), [entry('A'), entry('B', { status: 'success' })]);
    await r.run(60_000);
    expect(r.events[0]).toEqual([0, { type: 'resumed', entries: [entry('A')] }]);
    expect(r.queries()).toEqual([0, 1600]); // at once, then 1.5 s after the reply (2 s nominal, equal jitter at 0.5)
    expect(r.settled()).toEqual([
      [1700, { type: 'settled', kind: 'micropay', closed: false, result: { outcome: 'success', outTradeNo: 'A', amount: 500, platform: 'wechat' } }],
    ]);
    expect(r.journal.get('A')).toMatchObject({ status: 'success', platform: 'wechat', lastState: { cts: 2 } });
    expect(r.journal.get('A')?.history.at(-1)).toMatchObject({ phase: 'success', cause: 'reconciled', cts: 2 });
    expect(r.said.map(([, s]) => s)).toEqual([{ kind: 'payment_success', platform: 'wechat', amount: 500 }]);
  });

  it('backs off while offline (capped at 1 min), never gives up, settles when the network returns', async () => {
    const r = recoveryEnv((_, n) => ({ outcome: n < 9 ? notSent : queryState(wx(2)), delayMs: 0 }), [entry('A', { status: 'unknown' })]);
    await r.run(600_000);
    const gaps = r
      .queries()
      .slice(1)
      .map((t, i) => t - (r.queries()[i] ?? 0));
    expect(gaps).toEqual([1_500, 3_000, 6_000, 12_000, 24_000, 45_000, 45_000, 45_000]);
    expect(r.settled()).toHaveLength(1);
    expect(r.journal.get('A')?.status).toBe('success');
  });

  it('keeps a still-pending order open indefinitely (no failure invented)', async () => {
    const r = recoveryEnv(() => ({ outcome: queryState(wx(1)) }), [entry('A', { status: 'unknown' })]);
    await r.run(30 * 60_000);
    expect(r.settled()).toEqual([]);
    expect(r.queries().length).toBeGreaterThan(30);
    expect(r.journal.get('A')?.status).toBe('unknown');
  });

  it('"query again" cuts the wait short and restarts the backoff', async () => {
    const r = recoveryEnv(
      () => ({ outcome: status(3) }),
      [entry('A', { status: 'unknown' })],
      [
        [0, { type: 'resume' }],
        [200_000, { type: 'query_now', outTradeNo: 'A' }],
      ],
    );
    await r.run(201_000);
    expect(r.queries()).toContain(200_000);
    expect(r.queries().at(-1)).toBe(200_000);
  });

  it('"query again" while a query is in flight: the next query follows its answer at once', async () => {
    const r = recoveryEnv(
      () => ({ outcome: status(3), delayMs: 1_000 }),
      [entry('A', { status: 'unknown' })],
      [
        [0, { type: 'resume' }],
        [500, { type: 'query_now', outTradeNo: 'A' }],
      ],
    );
    await r.run(10_000);
    expect(r.queries().slice(0, 3)).toEqual([0, 1_000, 3_500]); // answer at 1 000 → now; then the backoff starts over (1.5 s)
  });

  it('watches one order that just settled unknown, once even if asked twice', async () => {
    const r = recoveryEnv(
      () => ({ outcome: queryState(wx(5, '用户取消')) }),
      [entry('A', { status: 'unknown' })],
      [
        [0, { type: 'watch', outTradeNo: 'A' }],
        [0, { type: 'watch', outTradeNo: 'A' }],
      ],
    );
    await r.run(10_000);
    expect(r.queries()).toEqual([0]);
    expect(r.settled()[0]?.[1]).toMatchObject({ result: { outcome: 'failed', reason: 'declined', description: '用户取消' } });
    expect(r.said.map(([, s]) => s.kind)).toEqual(['payment_failed']);
    // The journal (what history, receipts and device_report read) says failed too, with cpay's words.
    expect(r.journal.get('A')).toMatchObject({ status: 'failed', description: '用户取消' });
  });

  it('a micropay cpay has no record of (Alipay 7 订单不存在): kept open within 5 minutes, then settled as never arrived (nothing charged)', async () => {
    const notFound = { outcome: reply({ state: ali(7) }, { description: '订单不存在：A' }) };
    const r = recoveryEnv(() => notFound, [entry('A', { status: 'unknown', createdAt: T0 - 60_000 })]);
    await r.run(230_000);
    expect(r.settled()).toEqual([]);
    expect(r.journal.get('A')?.status).toBe('unknown');
    await r.run(400_000);
    expect(r.settled()).toHaveLength(1);
    const [at, ev] = r.settled()[0] ?? [];
    expect(at).toBeGreaterThanOrEqual(240_000);
    expect(ev).toMatchObject({ result: { outcome: 'failed', reason: 'never_arrived', description: '订单不存在：A' } });
    expect(r.journal.get('A')?.status).toBe('failed');
    expect(r.calls('brief_micro_pay')).toHaveLength(0);
  });

  it('a sale the page left while waiting for the code (no code recorded) and cpay does not have: cancelled, silently', async () => {
    const waiting = entry('W', { createdAt: T0 - 60_000, history: [{ at: T0 - 60_000, phase: 'awaiting_code', cause: 'order created' }] });
    const r = recoveryEnv(() => ({ outcome: reply({ state: wx(11) }, { description: '订单不存在：W' }) }), [waiting]);
    await r.run(400_000);
    expect(r.journal.get('W')).toMatchObject({ status: 'cancelled' });
    expect(r.settled()).toEqual([]);
    expect(r.said).toEqual([]);
  });

  it('a sale that recorded its code and was sent (awaiting_code, then submitting) that cpay never got: failed as never arrived, not cancelled', async () => {
    const sent = entry('A', {
      status: 'unknown',
      createdAt: T0 - 6 * 60_000,
      history: [
        { at: T0 - 6 * 60_000, phase: 'awaiting_code', cause: 'order created' },
        { at: T0 - 6 * 60_000 + 5_000, phase: 'submitting', cause: 'code scanned' },
      ],
    });
    const r = recoveryEnv(() => ({ outcome: reply({ state: ali(7) }, { description: '订单不存在：A' }) }), [sent]);
    await r.run(10_000);
    expect(r.settled()[0]?.[1]).toMatchObject({ result: { outcome: 'failed', reason: 'never_arrived' } });
    expect(r.journal.get('A')?.status).toBe('failed');
  });

  it('a sale left while waiting for the code that cpay does have (sent just before the page went): settles to the truth', async () => {
    const waiting = entry('W', { history: [{ at: T0, phase: 'awaiting_code', cause: 'order created' }] });
    const r = recoveryEnv(() => ({ outcome: queryState(wx(2)) }), [waiting]);
    await r.run(10_000);
    expect(r.journal.get('W')).toMatchObject({ status: 'success' });
  });

  it('a refusal that is not a documented not-found state (104/4004) never settles "not charged": the order stays unknown', async () => {
    const r = recoveryEnv(() => ({ outcome: status(104, 4004, '订单不存在：A') }), [entry('A', { status: 'unknown', createdAt: T0 - 3_600_000 })]);
    await r.run(30 * 60_000);
    expect(r.settled()).toEqual([]);
    expect(r.journal.get('A')?.status).toBe('unknown');
  });

  it('the cashier resolves such an order after checking the merchant console: journaled with that cause, queries stop', async () => {
    const r = recoveryEnv(
      () => ({ outcome: status(104, 4004, '订单不存在：A') }),
      [entry('A', { status: 'unknown', createdAt: T0 - 3_600_000 })],
      [
        [0, { type: 'resume' }],
        [600_000, { type: 'resolve', outTradeNo: 'A', paid: false, note: '后台无此订单' }],
      ],
    );
    await r.run(30 * 60_000);
    expect(r.settled()).toEqual([
      [
        600_000,
        {
          type: 'settled',
          kind: 'micropay',
          closed: false,
          result: { outcome: 'failed', outTradeNo: 'A', amount: 500, reason: 'resolved_not_paid', description: '后台无此订单' },
        },
      ],
    ]);
    expect(r.journal.get('A')).toMatchObject({ status: 'failed', description: '后台无此订单' });
    expect(r.journal.get('A')?.history.at(-1)?.cause).toMatch(/resolved by the cashier after checking the merchant console: not paid/);
    expect(r.queries().filter((t) => t > 600_000)).toEqual([]);
    expect(r.said.map(([, s]) => s.kind)).toEqual(['payment_failed']);
  });

  it('a cashier verdict "paid" settles success; a verdict on an order that is not open does nothing', async () => {
    const r = recoveryEnv(
      () => ({ outcome: status(104, 4004) }),
      [entry('A', { status: 'unknown', platform: 'alipay' }), entry('B', { status: 'success' })],
      [
        [0, { type: 'resume' }],
        [5_000, { type: 'resolve', outTradeNo: 'A', paid: true }],
        [6_000, { type: 'resolve', outTradeNo: 'B', paid: false }],
      ],
    );
    await r.run(60_000);
    expect(r.settled().map(([, e]) => e)).toEqual([
      { type: 'settled', kind: 'micropay', closed: false, result: { outcome: 'success', outTradeNo: 'A', amount: 500, platform: 'alipay' } },
    ]);
    expect(r.journal.get('B')?.status).toBe('success');
  });

  it('"query again" and the cashier\'s verdict act on their own order only; a second resume adopts no open order twice', async () => {
    const r = recoveryEnv(
      () => ({ outcome: status(3) }),
      [entry('A', { status: 'unknown' }), entry('B', { status: 'unknown' })],
      [
        [0, { type: 'resume' }],
        [100_000, { type: 'resume' }],
        [200_000, { type: 'query_now', outTradeNo: 'B' }],
        [300_000, { type: 'resolve', outTradeNo: 'A', paid: false }],
      ],
    );
    await r.run(400_000);
    // One loop per order: the second resume starts no second loop (it would query at once).
    expect(r.queries('A')).not.toContain(100_000);
    expect(r.queries('B')).not.toContain(100_000);
    // "query again" for B cuts B's wait, not A's.
    expect(r.queries('B')).toContain(200_000);
    expect(r.queries('A')).not.toContain(200_000);
    // The verdict on A stops A only; B goes on being queried and stays open.
    expect(r.settled().map(([at, e]) => [at, e.type === 'settled' ? e.result.outTradeNo : ''])).toEqual([[300_000, 'A']]);
    expect(r.queries('A').filter((t) => t > 300_000)).toEqual([]);
    expect(r.queries('B').filter((t) => t > 300_000).length).toBeGreaterThan(0);
    expect(r.journal.get('B')?.status).toBe('unknown');
  });

  it('never settles an order as never arrived while cpay answers 104/407 or a state', async () => {
    const r = recoveryEnv(() => ({ outcome: status(104, 407) }), [entry('A', { status: 'unknown', createdAt: T0 - 3_600_000 })]);
    await r.run(30 * 60_000);
    expect(r.settled()).toEqual([]);
    expect(r.journal.get('A')?.status).toBe('unknown');
  });

  it('closes a stale scan-code order unless paid', async () => {
    const stale = entry('S', { kind: 'scan_code', platform: 'wechat', createdAt: T0 - 10 * 60_000 });
    const r = recoveryEnv((e) => ({ outcome: e === 'close_order' ? reply({}) : order(wx(6)) }), [stale]);
    await r.run(10_000);
    expect(r.calls('close_order')).toHaveLength(1);
    expect(r.settled()[0]?.[1]).toMatchObject({ closed: true, result: { outcome: 'failed', reason: 'closed' } });
    expect(r.journal.get('S')?.status).toBe('closed');
  });

  it('a scan-code order younger than 2 minutes (the customer may still pay) is queried, not closed, until the give-up', async () => {
    const young = entry('S', { kind: 'scan_code', platform: 'wechat', createdAt: T0 });
    const r = recoveryEnv((e) => ({ outcome: e === 'close_order' ? reply({}) : order(wx(1)) }), [young]);
    await r.run(100_000);
    expect(r.queries().length).toBeGreaterThan(3);
    expect(r.calls('close_order')).toEqual([]);
    expect(r.settled()).toEqual([]);
    await r.run(200_000);
    const [close] = r.calls('close_order');
    expect(close?.at).toBeGreaterThanOrEqual(120_000);
    expect(r.journal.get('S')?.status).toBe('closed');
  });

  it('a stale scan-code order while cpay cannot be reached: no close is tried before cpay answers a query', async () => {
    const stale = entry('S', { kind: 'scan_code', platform: 'wechat', createdAt: T0 - 10 * 60_000 });
    const r = recoveryEnv((e, n) => ({ outcome: e === 'close_order' ? reply({}) : n <= 3 ? notSent : order(wx(1)), delayMs: 0 }), [stale]);
    await r.run(120_000);
    const [close] = r.calls('close_order');
    expect(close?.at).toBeGreaterThanOrEqual(r.queries()[3] ?? Infinity); // after the first answered query
    expect(r.journal.get('S')?.status).toBe('closed');
  });

  it('a stale Alipay scan-code order whose close is not confirmed stays open (never "not paid"); every call names Alipay', async () => {
    const stale = entry('S', { kind: 'scan_code', platform: 'alipay', createdAt: T0 - 10 * 60_000 });
    const r = recoveryEnv((e) => ({ outcome: e === 'close_order' ? status(3) : order(ali(1)) }), [stale]);
    await r.run(10_000);
    expect(r.calls('close_order')).toHaveLength(1);
    expect(r.settled()).toEqual([]);
    expect(r.journal.get('S')?.status).toBe('pending');
    expect(r.said).toEqual([]);
    expect(r.calls().map((c) => (c.req as { mchKey: { payPlatform: number } }).mchKey.payPlatform)).toEqual(r.calls().map(() => 2));
  });

  it('a stale scan-code order found paid by the query before the close: settled success, not closed', async () => {
    const stale = entry('S', { kind: 'scan_code', platform: 'wechat', createdAt: T0 - 10 * 60_000 });
    const r = recoveryEnv((e, n) => ({ outcome: e === 'close_order' ? reply({}) : order(n === 1 ? wx(1) : wx(2)) }), [stale]);
    await r.run(10_000);
    expect(r.calls('close_order')).toEqual([]);
    expect(r.settled()[0]?.[1]).toMatchObject({ closed: false, result: { outcome: 'success', platform: 'wechat' } });
    expect(r.journal.get('S')?.status).toBe('success');
  });

  it('watching an order that is already settled queries nothing', async () => {
    const r = recoveryEnv(() => ({ outcome: queryState(wx(3)) }), [entry('B', { status: 'success' })], [[0, { type: 'watch', outTradeNo: 'B' }]]);
    await r.run(60_000);
    expect(r.queries()).toEqual([]);
    expect(r.journal.get('B')?.status).toBe('success');
  });
});

describe('reload in the middle of polling', () => {
  it('the journal written by the pay flow is enough to finish the payment after a restart', async () => {
    let paid = false;
    const env = payEnv((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(1)) : queryState(paid ? wx(2) : wx(1)) }));
    const intent$ = new Subject<PayIntent>();
    const events: PayEvent[] = [];
    env.ts.schedule(() => intent$.next({ type: 'amount', amount: 2 as Fen }), 0);
    env.ts.schedule(() => intent$.next({ type: 'code', code: '135005875955002257' }), 10);
    const sub: Subscription = payFlow(intent$, env.deps).subscribe((e) => events.push(e));
    await env.run(30_000);
    sub.unsubscribe(); // the page reloads: the flow and its timers are gone, the journal stays
    const open = [...env.journal.values()];
    expect(open.map((e) => e.status)).toEqual(['pending']);
    paid = true;
    const recovered: RecoveryEvent[] = [];
    const intents = new Subject<RecoveryIntent>();
    recoveryFlow(intents, { ...env.deps, terminal: () => SCAN_TERMINAL }).subscribe((e) => recovered.push(e));
    env.ts.schedule(() => intents.next({ type: 'resume' }), 0);
    await env.run(40_000);
    expect(recovered.at(-1)).toMatchObject({ type: 'settled', result: { outcome: 'success', amount: 2 } });
    expect(events.some((e) => e.type === 'settled')).toBe(false);
  });

  /** A sale that reloads at `reloadAt`, then recovery settles it as paid; returns the settled entry. */
  async function reloadThenRecover(micropay: (n: number) => { outcome?: CallOutcome<unknown>; hang?: boolean }, reloadAt: number) {
    let paid = false;
    const env = payEnv((e, n) => (e === 'brief_micro_pay' ? micropay(n) : { outcome: queryState(paid ? wx(2, '支付成功') : wx(9)) }));
    const intent$ = new Subject<PayIntent>();
    env.ts.schedule(() => intent$.next({ type: 'amount', amount: 2 as Fen }), 0);
    env.ts.schedule(() => intent$.next({ type: 'code', code: '135005875955002257' }), 10);
    const sub: Subscription = payFlow(intent$, env.deps).subscribe();
    await env.run(reloadAt);
    sub.unsubscribe(); // the page reloads: what the sale knew in memory is gone
    const before = [...env.journal.values()][0];
    paid = true;
    const intents = new Subject<RecoveryIntent>();
    recoveryFlow(intents, { ...env.deps, terminal: () => SCAN_TERMINAL }).subscribe();
    env.ts.schedule(() => intents.next({ type: 'resume' }), 0);
    await env.run(reloadAt + 60_000);
    return { before, after: [...env.journal.values()][0] };
  }

  it('device_report still names the order settled after a reload: each answered call, with the state that settled it', async () => {
    // First send: status 3 (resent); second: the customer's password wait; the page reloads while polling.
    const { before, after } = await reloadThenRecover((n) => ({ outcome: n === 1 ? status(3, 0, 'system busy') : micropayState(wx(9)) }), 5_000);
    expect(before?.status).toBe('pending');
    expect(after?.status).toBe('success');
    expect(after?.apiCallingInfos).toEqual([
      {
        outTradeNo: after?.outTradeNo,
        code: 200,
        status: 3,
        internalStatus: 0,
        delayMs: 100,
        description: 'system busy',
        payPlatform: 1,
        orderStatus: 2,
        tradeStateDesc: '支付成功',
      },
      {
        outTradeNo: after?.outTradeNo,
        code: 200,
        status: 0,
        internalStatus: 0,
        delayMs: expect.any(Number),
        description: '',
        payPlatform: 1,
        orderStatus: 2,
        tradeStateDesc: '支付成功',
      },
    ]);
  });

  it('a send whose answer the page never saw (reloaded while it was open) is reported as an unknown-problem call', async () => {
    const { before, after } = await reloadThenRecover(() => ({ hang: true }), 5_000);
    expect(before?.apiCallingInfos ?? []).toEqual([]);
    expect(after?.status).toBe('success');
    expect(after?.apiCallingInfos).toEqual([
      {
        outTradeNo: after?.outTradeNo,
        code: -4,
        status: -1,
        internalStatus: -1,
        delayMs: expect.any(Number),
        description: 'no answer seen: the terminal restarted while the call was open',
        payPlatform: 1,
        orderStatus: 2,
        tradeStateDesc: '支付成功',
      },
    ]);
    // Timed from the scan to the page's last journal write: within the 5 s the page lived.
    const lost = after?.apiCallingInfos?.[0]?.delayMs ?? -1;
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThanOrEqual(5_000);
  });

  it('a scan-code order settled by recovery names no brief_micro_pay call (it made none)', async () => {
    const r = recoveryEnv(() => ({ outcome: order(wx(2)) }), [entry('S', { kind: 'scan_code', platform: 'wechat' })]);
    await r.run(10_000);
    expect(r.journal.get('S')?.status).toBe('success');
    expect(r.journal.get('S')?.apiCallingInfos).toBeUndefined();
  });
});
