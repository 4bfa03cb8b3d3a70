/** Every brief_micro_pay status path of spec §9 / §10.2, in virtual time. */
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { PayEvent } from '../../kernel/payment.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { payFlow, type PayIntent } from './pay-flow.js';
import { withFailState } from './pay-run.js';
import { ali, micropayState, notSent, payEnv, queryState, status, unknownOutcome, wx, type Answer, type Script } from '../../testing/pay-test-kit.js';

const AMOUNT = 1234 as Fen;
const CODE = '288888888888888888';

/** Scripts brief_micro_pay answers in order (the last repeats) and brief_query_order the same way. */
function scripted(micropay: readonly Answer[], query: readonly Answer[] = [{ outcome: status(3) }]): Script {
  return (endpoint, n) => {
    const list = endpoint === 'brief_micro_pay' ? micropay : endpoint === 'brief_query_order' ? query : [{ outcome: status(101) }];
    return list[Math.min(n, list.length) - 1] ?? {};
  };
}

async function runPay(script: Script, untilMs = 400_000) {
  const env = payEnv(script);
  const events: [number, PayEvent][] = [];
  const intent$ = new Subject<PayIntent>();
  env.ts.schedule(() => intent$.next({ type: 'amount', amount: AMOUNT }), 0);
  env.ts.schedule(() => intent$.next({ type: 'code', code: CODE }), 10);
  payFlow(intent$, env.deps).subscribe((e) => events.push([env.ts.now(), e]));
  await env.run(untilMs);
  const settled = events.filter(([, e]) => e.type === 'settled');
  const entry = [...env.journal.values()][0];
  const times = (endpoint: 'brief_micro_pay' | 'brief_query_order') => env.calls(endpoint).map((c) => c.at);
  return { ...env, events, settled, entry, times, result: settled[0]?.[1].type === 'settled' ? settled[0][1].result : undefined };
}

describe('status 0: the order state decides', () => {
  it.each([
    ['WeChat 2', wx(2), 'wechat'],
    ['WeChat 3', wx(3), 'wechat'],
    ['Alipay 2', ali(2), 'alipay'],
    ['Alipay 6', ali(6), 'alipay'],
  ] as const)('%s → success at once', async (_, state, platform) => {
    const r = await runPay(scripted([{ outcome: micropayState(state) }]));
    expect(r.result).toEqual({ outcome: 'success', outTradeNo: r.entry?.outTradeNo, amount: AMOUNT, platform });
    expect(r.times('brief_query_order')).toEqual([]);
  });

  it.each([
    ['WeChat 5', wx(5, '用户取消支付')],
    ['WeChat 10', wx(10, '支付错误')],
    ['Alipay 5', ali(5)],
  ] as const)('%s → failed with the reason, no polling', async (_, state) => {
    const r = await runPay(scripted([{ outcome: micropayState(state) }]));
    expect(r.result).toMatchObject({ outcome: 'failed', reason: 'declined', description: state.tradeStateDesc ?? '' });
    expect(r.entry?.status).toBe('failed');
    expect(r.times('brief_query_order')).toEqual([]);
  });
});

describe('failures that need a new order or a fix', () => {
  it('102 → failed for this number (a new number is needed), no polling', async () => {
    const r = await runPay(scripted([{ outcome: status(102, 0, '订单号重复') }]));
    expect(r.result).toMatchObject({ outcome: 'failed', reason: 'new_number', description: '订单号重复' });
    expect(r.calls()).toHaveLength(1);
  });

  it('104 → final failure with the description shown', async () => {
    const r = await runPay(scripted([{ outcome: status(104, 0, '余额不足') }]));
    expect(r.result).toMatchObject({ outcome: 'failed', reason: 'refused', description: '余额不足' });
    expect(r.entry).toMatchObject({ status: 'failed', description: '余额不足' });
    expect(r.said.at(-1)?.[1]).toEqual({ kind: 'payment_failed', amount: AMOUNT });
  });

  it('101 → failed (configuration / signature)', async () => {
    const r = await runPay(scripted([{ outcome: status(101, 0, '签名错误') }]));
    expect(r.result).toMatchObject({ outcome: 'failed', reason: 'caller_error', description: '签名错误' });
  });
});

describe('104 + internal_status 407: never cancel', () => {
  it('polls the same order number and never calls anything but the query', async () => {
    const r = await runPay(scripted([{ outcome: status(104, 407, '订单重入') }], [{ outcome: queryState(wx(1)) }, { outcome: queryState(wx(2)) }]));
    expect(r.result).toMatchObject({ outcome: 'success', platform: 'wechat' });
    expect(new Set(r.calls().map((c) => c.endpoint))).toEqual(new Set(['brief_micro_pay', 'brief_query_order']));
    const otn = r.entry?.outTradeNo;
    expect(r.calls('brief_query_order').every((c) => (c.req as { outTradeNo: string }).outTradeNo === otn)).toBe(true);
  });

  it('keeps polling to the 2-minute give-up and ends unknown, not failed', async () => {
    const r = await runPay(scripted([{ outcome: status(104, 407) }], [{ outcome: queryState(wx(1)) }]));
    expect(r.result).toEqual({ outcome: 'unknown', outTradeNo: r.entry?.outTradeNo, amount: AMOUNT, description: UNKNOWN_RESULT_TEXT });
    expect(r.settled[0]?.[0]).toBe(10 + 120_000);
    expect(r.calls().filter((c) => c.endpoint !== 'brief_query_order' && c.endpoint !== 'brief_micro_pay')).toEqual([]);
  });
});

describe('status 3 and unknown outcomes', () => {
  it('3 → the identical request again (2 s later, at most twice), then polling', async () => {
    const r = await runPay(scripted([{ outcome: status(3) }], [{ outcome: queryState(ali(2)) }]));
    expect(r.times('brief_micro_pay')).toEqual([10, 2110, 4210]);
    const reqs = r.calls('brief_micro_pay').map((c) => c.req);
    expect(reqs[1]).toEqual(reqs[0]);
    expect(reqs[2]).toEqual(reqs[0]);
    expect(r.times('brief_query_order')).toEqual([6310]);
    expect(r.result).toMatchObject({ outcome: 'success', platform: 'alipay' });
  });

  it('3 then success on the resend → success', async () => {
    const r = await runPay(scripted([{ outcome: status(3) }, { outcome: micropayState(wx(2)) }]));
    expect(r.result).toMatchObject({ outcome: 'success' });
    expect(r.entry?.apiCallingInfos?.map((i) => [i.status, i.delayMs])).toEqual([
      [3, 100],
      [0, 2200],
    ]);
  });

  it('a timeout → unknown → polling (no resend), settles to the server truth', async () => {
    const r = await runPay(scripted([{ outcome: unknownOutcome('timeout'), delayMs: 15_000 }], [{ outcome: queryState(wx(2)) }]));
    expect(r.times('brief_micro_pay')).toEqual([10]);
    expect(r.times('brief_query_order')).toEqual([17_010]);
    expect(r.result).toMatchObject({ outcome: 'success' });
    expect(r.entry?.apiCallingInfos?.[0]).toMatchObject({ code: -3, status: -1, delayMs: 15_000 });
  });

  it('a bad signature → unknown, never success, even though the body said paid', async () => {
    const r = await runPay(scripted([{ outcome: unknownOutcome('bad_signature') }], [{ outcome: queryState(wx(1)) }]));
    expect(r.result).toMatchObject({ outcome: 'unknown', description: UNKNOWN_RESULT_TEXT });
    expect(r.said.some(([, s]) => s.kind === 'payment_success')).toBe(false);
    expect(r.entry?.status).toBe('unknown');
  });

  it('102 after an earlier send that may have arrived → polls instead of failing', async () => {
    const r = await runPay(scripted([{ outcome: status(3) }, { outcome: status(102) }], [{ outcome: queryState(wx(2)) }]));
    expect(r.result).toMatchObject({ outcome: 'success' });
  });
});

describe('103: retry after 3 s', () => {
  it('waits exactly 3 s after the reply, then sends the identical request', async () => {
    const r = await runPay(scripted([{ outcome: status(103) }, { outcome: micropayState(wx(2)) }]));
    expect(r.times('brief_micro_pay')).toEqual([10, 3110]);
    const [first, second] = r.calls('brief_micro_pay').map((c) => c.req);
    expect(second).toEqual(first);
    expect(r.result).toMatchObject({ outcome: 'success' });
  });

  it('is bounded: after 3 resends it polls', async () => {
    const r = await runPay(scripted([{ outcome: status(103) }], [{ outcome: queryState(wx(2)) }]));
    expect(r.times('brief_micro_pay')).toEqual([10, 3110, 6210, 9310]);
    expect(r.times('brief_query_order')).toEqual([11_410]);
  });
});

describe('requests that certainly never left', () => {
  it('are resent with backoff and fail as not sent (nothing charged) when they never leave', async () => {
    const r = await runPay(scripted([{ outcome: notSent, delayMs: 0 }]));
    expect(r.times('brief_micro_pay')).toEqual([10, 760, 2260, 5260]); // 750, 1500, 3000 ms: equal-jitter backoff at random 0.5
    expect(r.result).toMatchObject({ outcome: 'failed', reason: 'not_sent' });
    expect(r.times('brief_query_order')).toEqual([]);
  });

  it('succeed when the network comes back', async () => {
    const r = await runPay(scripted([{ outcome: notSent, delayMs: 0 }, { outcome: micropayState(wx(2)) }]));
    expect(r.result).toMatchObject({ outcome: 'success' });
  });
});

describe('cpay has no such order (a query answers a documented not-found state: Alipay 7, WeChat 11)', () => {
  const notFound = { outcome: queryState(ali(7)) };

  it('after an unknown send: resends the identical request and settles to its answer', async () => {
    const r = await runPay(scripted([{ outcome: unknownOutcome('timeout') }, { outcome: micropayState(wx(2)) }], [notFound]));
    const [first, second] = r.calls('brief_micro_pay').map((c) => c.req);
    expect(r.calls('brief_micro_pay')).toHaveLength(2);
    expect(second).toEqual(first);
    expect(r.times('brief_query_order')).toEqual([2_110]);
    expect(r.result).toMatchObject({ outcome: 'success', platform: 'wechat' });
  });

  it('a resend that cpay refuses, then still no order: failed with the refusal, nothing charged', async () => {
    const r = await runPay(scripted([{ outcome: unknownOutcome('timeout') }, { outcome: status(104, 0, '付款码已过期') }], [notFound]));
    expect(r.calls('brief_micro_pay')).toHaveLength(2);
    expect(r.result).toMatchObject({ outcome: 'failed', reason: 'refused', description: '付款码已过期' });
    expect(r.entry?.status).toBe('failed');
  });

  it('a refused resend while the query finds the order paid: the order state wins', async () => {
    const r = await runPay(
      scripted([{ outcome: unknownOutcome('timeout') }, { outcome: status(104, 0, '订单重复') }], [notFound, { outcome: queryState(wx(2)) }]),
    );
    expect(r.result).toMatchObject({ outcome: 'success' });
  });

  it('is bounded: no answer to the resends either → keeps polling → unknown at the 2-minute mark', async () => {
    const r = await runPay(scripted([{ outcome: unknownOutcome('timeout') }], [notFound]));
    expect(r.calls('brief_micro_pay')).toHaveLength(3);
    expect(r.result).toMatchObject({ outcome: 'unknown', description: UNKNOWN_RESULT_TEXT });
  });

  it('WeChat state 11 (void: not at the third party) counts as not found too', async () => {
    const r = await runPay(scripted([{ outcome: unknownOutcome('timeout') }, { outcome: micropayState(wx(2)) }], [{ outcome: queryState(wx(11)) }]));
    expect(r.calls('brief_micro_pay')).toHaveLength(2);
    expect(r.result).toMatchObject({ outcome: 'success' });
  });

  it('a 104 with an undocumented code (e.g. 4004) is no not-found signal: no resend, no "not charged"; unknown at 2 minutes', async () => {
    const refused = { outcome: status(104, 4004, '订单不存在') };
    const r = await runPay(scripted([{ outcome: unknownOutcome('timeout') }, { outcome: status(104, 0, '付款码已过期') }], [refused]));
    expect(r.calls('brief_micro_pay')).toHaveLength(1);
    expect(r.result).toMatchObject({ outcome: 'unknown', description: UNKNOWN_RESULT_TEXT });
    expect(r.entry?.status).toBe('unknown');
  });

  it('a not-found state after the resends are used up is not final within the sale: unknown at 2 minutes', async () => {
    const r = await runPay(
      scripted([{ outcome: unknownOutcome('timeout') }, { outcome: unknownOutcome('timeout') }, { outcome: unknownOutcome('timeout') }], [notFound]),
    );
    expect(r.calls('brief_micro_pay')).toHaveLength(3);
    expect(r.result).toMatchObject({ outcome: 'unknown' });
  });

  it('never for 104/407: the order is polled, never resent or cancelled', async () => {
    const r = await runPay(scripted([{ outcome: status(104, 407) }], [{ outcome: status(104, 407) }, { outcome: queryState(wx(2)) }]));
    expect(r.calls('brief_micro_pay')).toHaveLength(1);
    expect(r.calls('close_order')).toHaveLength(0);
    expect(r.result).toMatchObject({ outcome: 'success' });
  });
});

describe('weak spots the mutation run found (pay-submit, pay-run)', () => {
  it('a first send that may have reached cpay, then resends that never leave: polled, unknown at 2 minutes, never "not sent"', async () => {
    const r = await runPay(scripted([{ outcome: status(3) }, { outcome: notSent, delayMs: 0 }], [{ outcome: notSent, delayMs: 0 }]));
    expect(r.calls('brief_micro_pay').length).toBeGreaterThan(2);
    expect(r.times('brief_query_order').length).toBeGreaterThan(0);
    expect(r.result).toMatchObject({ outcome: 'unknown', description: UNKNOWN_RESULT_TEXT });
    expect(r.entry?.status).toBe('unknown');
  });

  it("a sale whose sends never left says why: the last send's own words", async () => {
    const r = await runPay(scripted([{ outcome: notSent, delayMs: 0 }]));
    expect(r.result).toMatchObject({ outcome: 'failed', reason: 'not_sent', description: 'offline: navigator offline' });
  });

  it("the customer's password step is announced once, when the customer starts paying, and not while merely polling", async () => {
    const r = await runPay(
      scripted(
        [{ outcome: unknownOutcome('timeout') }],
        [{ outcome: queryState(wx(1)) }, { outcome: queryState(wx(9)) }, { outcome: queryState(wx(9)) }, { outcome: queryState(wx(2)) }],
      ),
    );
    expect(r.said.map(([, s]) => s.kind)).toEqual(['waiting_password', 'payment_success']);
    const polling = r.events.flatMap(([, e]) => (e.type === 'polling' ? [e.userPaying] : []));
    expect(polling).toEqual([false, true]);
  });
});

describe('withFailState: only a failure an order state decided carries that state', () => {
  const state = wx(5, '用户取消支付');
  const failed = (reason: 'declined' | 'refunded' | 'refused' | 'not_sent' | 'never_arrived') =>
    ({ outcome: 'failed', outTradeNo: 'o', amount: AMOUNT, reason, description: 'd' }) as const;
  it('declined and refunded carry it; other failures, successes and unknowns are left as they are', () => {
    expect(withFailState(failed('declined'), state)).toEqual({ ...failed('declined'), state });
    expect(withFailState(failed('refunded'), state)).toEqual({ ...failed('refunded'), state });
    for (const reason of ['refused', 'not_sent', 'never_arrived'] as const) expect(withFailState(failed(reason), state)).toEqual(failed(reason));
    expect(withFailState(failed('declined'), undefined)).toEqual(failed('declined'));
    const success = { outcome: 'success', outTradeNo: 'o', amount: AMOUNT, platform: 'wechat' } as const;
    expect(withFailState(success, state)).toEqual(success);
    const unknown = { outcome: 'unknown', outTradeNo: 'o', amount: AMOUNT, description: 'u' } as const;
    expect(withFailState(unknown, state)).toEqual(unknown);
  });
});
