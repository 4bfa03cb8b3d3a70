/** "Settle deposit" and deposit recovery in virtual time: terminal refusals, consume, unfreeze, unknown, resume. */
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fen, type Fen } from '@cpay/protocol';
import type { DepositRecord } from './deposit.js';
import type { SettleEvent } from './deposit-events.js';
import { notSent, reply, status, unknownOutcome, type Answer, type Script } from '../../testing/pay-test-kit.js';
import { depositEnv, freezeOrder, freezeReply } from '../../testing/deposit-test-kit.js';
import { depositRecovery, type DepositRecoveryEvent } from './deposit-recovery.js';
import { lookupDeposit, settleDeposit } from './deposit-settle.js';

const OFN = '010000521234561700000000001';
const FROZEN: DepositRecord = {
  outFreezeNo: OFN,
  amount: fen(10000),
  body: 'b',
  status: 'frozen',
  platform: 'wechat',
  createdAt: 0,
  updatedAt: 0,
  history: [],
};
const consumed = (released = 6250): Answer => ({
  outcome: reply({ order: { outTradeNo: 'c', state: { platform: 'wechat', cts: 14 } }, consume: { manualUnfreezeFee: released } }),
});
const unfreezes = (cts: number): Answer => ({
  outcome: reply({
    unfreezes: [
      {
        outFreezeNo: OFN,
        outUnfreezeNo: '010000521234561700000000001',
        createTime: 1,
        lastUpdateTime: 1,
        isTransforming: false,
        unfreezeFee: 10000,
        state: { platform: 'wechat', cts },
      },
    ],
  }),
});

function scripted(parts: Partial<Record<'query_freeze_order' | 'deposit_consume' | 'unfreeze' | 'query_unfreeze_order', readonly Answer[]>>): Script {
  return (endpoint, n) => {
    const list = (parts as Record<string, readonly Answer[] | undefined>)[endpoint] ?? [];
    return list[Math.min(n, list.length) - 1] ?? { outcome: status(3) };
  };
}

async function settle(script: Script, used: number, record: DepositRecord | undefined = FROZEN, untilMs = 300_000, staffId?: string) {
  const env = depositEnv(script, staffId === undefined ? {} : { staffId });
  if (record) env.records.set(record.outFreezeNo, record);
  const events: SettleEvent[] = [];
  settleDeposit(OFN, used as Fen, env.deps).subscribe((e) => events.push(e));
  await env.run(untilMs);
  return { ...env, events, last: events.at(-1), record: env.records.get(OFN) };
}

describe('settleDeposit', () => {
  it('consumes 37.50 with the rest released: settlement number journaled before the request', async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [consumed()] }), 3750);
    expect(r.calls('deposit_consume')[0]?.req).toMatchObject({ totalFee: 3750, outFreezeNo: OFN, isConfirmUnfreeze: true, mchKey: { payPlatform: 1 } });
    const settlingPut = r.timeline.findIndex((m) => m.what === 'number');
    expect(settlingPut).toBeLessThan(r.timeline.findIndex((m) => m.what === 'call' && m.endpoint === 'deposit_consume'));
    expect(r.events.map((e) => e.type)).toEqual(['settling', 'done']);
    expect(r.last).toMatchObject({ result: { outcome: 'settled', kind: 'consume', consumed: 3750, released: 6250 } });
    expect(r.record).toMatchObject({ status: 'settled', settlement: { kind: 'consume', status: 'success', consumed: 3750, released: 6250 } });
    expect(r.spoken).toEqual([{ kind: 'deposit_settled', consumed: 3750, released: 6250 }]);
  });

  it('keeps the staff member who settled on the settlement', async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [consumed()] }), 3750, FROZEN, 300_000, 'C07');
    expect(r.record).toMatchObject({ status: 'settled', settlement: { kind: 'consume', status: 'success', staffId: 'C07' } });
  });

  it('refuses over-consumption and a second settlement on the terminal, sending nothing', async () => {
    const over = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }] }), 10001);
    expect(over.last).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'over_consumption', requested: 10001, available: 10000 } } });
    expect(over.calls('deposit_consume')).toEqual([]);
    const settled: DepositRecord = {
      ...FROZEN,
      status: 'settled',
      settlement: { kind: 'consume', outNo: 'c1', consumed: fen(1), released: fen(9999), status: 'success' },
    };
    const twice = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(5) }] }), 100, settled);
    expect(twice.last).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'already_settled', outNo: 'c1' } } });
    expect(twice.calls('deposit_consume')).toEqual([]);
  });

  it('a deposit cpay reports ended (settled elsewhere) is refused as already settled', async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(5) }] }), 100);
    expect(r.last).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'already_settled' } } });
    expect(r.record?.status).toBe('settled');
  });

  it('unfreezes in full (0 used): unfreeze, then query_unfreeze_order until success', async () => {
    const r = await settle(
      scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], unfreeze: [{ outcome: reply({}) }], query_unfreeze_order: [unfreezes(1), unfreezes(2)] }),
      0,
    );
    expect(r.calls('unfreeze')[0]?.req).toMatchObject({ unfreezeFee: 10000, outFreezeNo: OFN, mchKey: { payPlatform: 1, isSubMchAdmin: true } });
    expect(r.last).toMatchObject({ result: { outcome: 'settled', kind: 'unfreeze', consumed: 0, released: 10000 } });
  });

  it('an unfreeze the platform fails (state 3): refused, the deposit stays frozen, the settlement is failed', async () => {
    const r = await settle(
      scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], unfreeze: [{ outcome: reply({}) }], query_unfreeze_order: [unfreezes(1), unfreezes(3)] }),
      0,
    );
    expect(r.last).toMatchObject({ result: { outcome: 'refused' } });
    expect(r.record).toMatchObject({ status: 'frozen', settlement: { status: 'failed' } });
  });

  it('a 104 from cpay is shown with its description and the deposit stays frozen', async () => {
    const r = await settle(
      scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [{ outcome: status(104, 4304, '消费金额超过剩余冻结金额') }] }),
      100,
    );
    expect(r.last).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'server', description: '消费金额超过剩余冻结金额' } } });
    expect(r.record).toMatchObject({ status: 'frozen', settlement: { status: 'failed' } });
  });

  it('unknown consumption (timeout): the identical request again (bounded, spec §9.1), then verified by query_freeze_order; unknown after 2 min', async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [{ outcome: unknownOutcome() }] }), 100);
    const sent = r.calls('deposit_consume');
    expect(sent).toHaveLength(3); // the first send and two identical resends (PAY_TIMING.maxUnknownResends)
    expect(sent[1]?.req).toEqual(sent[0]?.req);
    expect(sent[2]?.req).toEqual(sent[0]?.req);
    expect(r.last).toMatchObject({ result: { outcome: 'unknown' } });
    expect(r.record).toMatchObject({ status: 'settling', settlement: { status: 'unknown' } });
  });

  it('a release by a signed-in staff member is authorised by that staff member, not the merchant admin', async () => {
    const r = await settle(
      scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], unfreeze: [{ outcome: reply({}) }], query_unfreeze_order: [unfreezes(2)] }),
      0,
      FROZEN,
      300_000,
      'C07',
    );
    expect(r.calls('unfreeze')[0]?.req).toMatchObject({ mchKey: { isSubMchAdmin: false, authorizationStaffId: 'C07' } });
    expect(r.last).toMatchObject({ result: { outcome: 'settled', kind: 'unfreeze' } });
  });

  it('a consumption answered with an order still in progress is not settled on that answer: verified, unknown while unconfirmed', async () => {
    const inProgress: Answer = { outcome: reply({ order: { outTradeNo: 'c', state: { platform: 'wechat', cts: 1 } }, consume: { manualUnfreezeFee: 9900 } }) };
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [inProgress] }), 100);
    expect(r.calls('deposit_consume')).toHaveLength(1);
    expect(r.calls('query_freeze_order').length).toBeGreaterThan(1);
    expect(r.last).toMatchObject({ result: { outcome: 'unknown' } });
    expect(r.record).toMatchObject({ status: 'settling', settlement: { status: 'unknown' } });
    expect(r.spoken).toEqual([]);
  });

  it("lookup shows the local record and cpay's freeze", async () => {
    const env = depositEnv(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }] }));
    env.records.set(OFN, FROZEN);
    const events = lastValueFrom(lookupDeposit(OFN, env.deps).pipe(toArray()));
    await env.run(10_000);
    expect(await events).toEqual([{ type: 'looked_up', record: FROZEN, server: freezeOrder({ platform: 'wechat', cts: 2 }) }]);
  });
});

describe('several consumptions per deposit (Alipay may consume and keep the rest frozen, 003 L6383)', () => {
  const ALI_FROZEN: DepositRecord = { ...FROZEN, platform: 'alipay' };
  // cpay: 100.00 held, 20.00 already consumed elsewhere (another till, is_confirm_unfreeze false), still frozen.
  const consumedAli = (released: number): Answer => ({
    outcome: reply({ order: { outTradeNo: 'c', state: { platform: 'alipay', cts: 2 } }, consume: { manualUnfreezeFee: released } }),
  });
  const partly = (total = 2000): Answer => ({ outcome: freezeReply(2, 10000, { totalConsumeFee: fen(total) }, 'alipay') });

  it('what is left (80.00), not the deposit amount, bounds a consumption and a full release', async () => {
    const over = await settle(scripted({ query_freeze_order: [partly()] }), 8001, ALI_FROZEN);
    expect(over.last).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'over_consumption', requested: 8001, available: 8000 } } });
    expect(over.calls('deposit_consume')).toEqual([]);
    const release = await settle(
      scripted({ query_freeze_order: [partly()], unfreeze: [{ outcome: reply({}) }], query_unfreeze_order: [unfreezes(2)] }),
      0,
      ALI_FROZEN,
    );
    expect(release.calls('unfreeze')[0]?.req).toMatchObject({ unfreezeFee: 8000, mchKey: { payPlatform: 2 } });
    expect(release.last).toMatchObject({ result: { outcome: 'settled', kind: 'unfreeze', consumed: 0, released: 8000 } });
  });

  it('a consumption lost on the way is sent again identically and settles with the answer to the repeat', async () => {
    const r = await settle(scripted({ query_freeze_order: [partly()], deposit_consume: [{ outcome: unknownOutcome() }, consumedAli(7000)] }), 1000, ALI_FROZEN);
    expect(r.calls('deposit_consume')).toHaveLength(2);
    expect(r.last).toMatchObject({ result: { outcome: 'settled', kind: 'consume', consumed: 1000, released: 7000 } });
  });

  it('a 104 to the repeat of a consumption that may have arrived is no refusal: verified, and settled once the total shows it', async () => {
    const r = await settle(
      scripted({
        query_freeze_order: [partly(), partly(3000)],
        deposit_consume: [{ outcome: unknownOutcome() }, { outcome: status(104, 4304, '消费金额超过剩余冻结金额') }],
      }),
      1000,
      ALI_FROZEN,
    );
    expect(r.calls('deposit_consume')).toHaveLength(2);
    expect(r.last).toMatchObject({ result: { outcome: 'settled', kind: 'consume', consumed: 1000 } });
  });

  it('104 with internal_status 407 on the first consumption is never a refusal: verified through the freeze', async () => {
    const r = await settle(
      scripted({ query_freeze_order: [partly(), partly(3000)], deposit_consume: [{ outcome: status(104, 407, '系统繁忙') }] }),
      1000,
      ALI_FROZEN,
    );
    expect(r.calls('deposit_consume')).toHaveLength(1);
    expect(r.last).toMatchObject({ result: { outcome: 'settled', kind: 'consume', consumed: 1000 } });
    const still = await settle(scripted({ query_freeze_order: [partly()], deposit_consume: [{ outcome: status(104, 407, '系统繁忙') }] }), 1000, ALI_FROZEN);
    expect(still.last).toMatchObject({ result: { outcome: 'unknown' } });
    expect(still.record).toMatchObject({ status: 'settling', settlement: { status: 'unknown' } });
  });

  it('a consumption whose answer was lost is confirmed only by the total growing past what cpay showed before it', async () => {
    // The total stays 20.00 (the earlier consumption): ours is not confirmed, it stays unknown.
    const lost = await settle(scripted({ query_freeze_order: [partly()], deposit_consume: [{ outcome: unknownOutcome() }] }), 1000, ALI_FROZEN);
    expect(lost.record).toMatchObject({ status: 'settling', settlement: { consumedBefore: 2000, status: 'unknown' } });
    expect(lost.last).toMatchObject({ result: { outcome: 'unknown' } });
    // The total reaches 30.00: ours went through.
    const through = await settle(
      scripted({ query_freeze_order: [partly(), partly(3000)], deposit_consume: [{ outcome: unknownOutcome() }] }),
      1000,
      ALI_FROZEN,
    );
    expect(through.last).toMatchObject({ result: { outcome: 'settled', kind: 'consume', consumed: 1000, released: 7000 } });
  });
});

describe('depositRecovery', () => {
  it('after a reload: a pending freeze is queried until frozen; a settling consumption is resent identically', async () => {
    const settling: DepositRecord = {
      ...FROZEN,
      outFreezeNo: 'D2',
      status: 'settling',
      settlement: { kind: 'consume', outNo: 'C9', consumed: fen(3750), released: fen(6250), status: 'pending' },
    };
    const env = depositEnv(scripted({ query_freeze_order: [{ outcome: freezeReply(3) }, { outcome: freezeReply(2) }], deposit_consume: [consumed()] }));
    env.records.set(OFN, { ...FROZEN, status: 'pending' });
    env.records.set('D2', settling);
    const events: DepositRecoveryEvent[] = [];
    depositRecovery(env.deps).subscribe((e) => events.push(e));
    await env.run(60_000);
    expect(events.map((e) => e.type).sort()).toEqual(['done', 'resumed', 'taken']);
    expect(env.calls('deposit_consume')[0]?.req).toMatchObject({ outTradeNo: 'C9', totalFee: 3750, outFreezeNo: 'D2' });
    expect(env.records.get(OFN)?.status).toBe('frozen');
    expect(env.records.get('D2')).toMatchObject({ status: 'settled', settlement: { status: 'success' } });
  });
});

describe('settleDeposit offline', () => {
  it('a consumption that certainly never left is refused at once (nothing reached cpay) and the deposit stays frozen', async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [{ outcome: notSent }] }), 100, FROZEN, 60_000);
    expect(r.calls('deposit_consume')).toHaveLength(4); // the first send and three bounded resends
    expect(r.last).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'server', description: expect.stringContaining('not sent') } } });
    expect(r.record).toMatchObject({ status: 'frozen', settlement: { status: 'failed' } });
  });
});

describe('settleDeposit: what the lookup can and cannot tell', () => {
  const consume100 = (): Answer => ({
    outcome: reply({ order: { outTradeNo: 'c', state: { platform: 'wechat', cts: 14 } }, consume: { manualUnfreezeFee: 9900 } }),
  });

  it('cpay unreachable on lookup (timeout): the journaled frozen deposit is settled on its own figures', async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: unknownOutcome() }], deposit_consume: [consume100()] }), 100);
    expect(r.calls('query_freeze_order')[0]?.req).toMatchObject({ outFreezeNo: OFN, mchKey: { payPlatform: 1 } });
    expect(r.calls('deposit_consume')[0]?.req).toMatchObject({ totalFee: 100, outFreezeNo: OFN });
    expect(r.last).toMatchObject({ result: { outcome: 'settled', consumed: 100, released: 9900 } });
  });

  it('an empty status-0 answer or a 104 carrying a freeze is not believed: the local deposit is used', async () => {
    const empty = await settle(scripted({ query_freeze_order: [{ outcome: reply() }], deposit_consume: [consume100()] }), 100);
    expect(empty.last).toMatchObject({ result: { outcome: 'settled', consumed: 100 } });
    // A refused query whose body nevertheless says "ended" must not close the deposit as settled elsewhere.
    const refused = await settle(
      scripted({
        query_freeze_order: [{ outcome: reply({ freeze: freezeOrder({ platform: 'wechat', cts: 5 }) }, { status: 104, internalStatus: 407 }) }],
        deposit_consume: [consume100()],
      }),
      100,
    );
    expect(refused.last).toMatchObject({ result: { outcome: 'settled', consumed: 100 } });
  });

  it('an Alipay deposit is looked up as Alipay (pay_platform 2)', async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2, 10000, {}, 'alipay') }] }), 10001, { ...FROZEN, platform: 'alipay' });
    expect(r.calls('query_freeze_order')[0]?.req).toMatchObject({ outFreezeNo: OFN, mchKey: { payPlatform: 2 } });
  });

  it('a deposit only cpay knows (taken on another till) is journaled from its answer, then settled', async () => {
    const env = depositEnv(
      scripted({ query_freeze_order: [{ outcome: freezeReply(2, 8000, { body: '房费押金' }, 'alipay') }], deposit_consume: [consume100()] }),
    );
    const events: SettleEvent[] = [];
    settleDeposit(OFN, 100 as Fen, env.deps).subscribe((e) => events.push(e));
    await env.run(300_000);
    const r = { ...env, record: env.records.get(OFN) };
    expect(events.at(-1)).toMatchObject({ result: { outcome: 'settled', consumed: 100 } });
    const first = r.calls('query_freeze_order')[0]?.req;
    expect(first).toMatchObject({ outFreezeNo: OFN, mchKey: { payPlatform: 1 } });
    expect(r.record).toMatchObject({ outFreezeNo: OFN, amount: 8000, body: '房费押金', platform: 'alipay', status: 'settled' });
    expect(r.record?.history[0]).toMatchObject({ phase: 'frozen', cause: 'query_freeze_order (not in this journal)' });
    expect(r.calls('deposit_consume')[0]?.req).toMatchObject({ totalFee: 100, mchKey: { payPlatform: 2 } });
  });

  it('a deposit only cpay knows, answered without a platform state: journaled pending (not frozen), nothing consumed', async () => {
    const { state: _none, ...stateless } = freezeOrder({ platform: 'wechat', cts: 2 }, 8000);
    const env = depositEnv(scripted({ query_freeze_order: [{ outcome: reply({ freeze: stateless }) }] }));
    const events: SettleEvent[] = [];
    settleDeposit(OFN, 100 as Fen, env.deps).subscribe((e) => events.push(e));
    await env.run(10_000);
    expect(events).toEqual([{ type: 'done', result: { outcome: 'refused', outFreezeNo: OFN, refusal: { kind: 'not_frozen', status: 'pending' } } }]);
    expect(env.records.get(OFN)).toMatchObject({ status: 'pending', amount: 8000 });
    expect(env.records.get(OFN)).not.toHaveProperty('platform', expect.anything());
    expect(env.calls('deposit_consume')).toEqual([]);
  });

  it('a number neither the journal nor cpay knows is refused as not found, nothing sent', async () => {
    const env = depositEnv(scripted({ query_freeze_order: [{ outcome: status(104, 4304, '订单不存在') }] }));
    const events: SettleEvent[] = [];
    settleDeposit(OFN, 100 as Fen, env.deps).subscribe((e) => events.push(e));
    lookupDeposit(OFN, env.deps).subscribe((e) => events.push(e));
    await env.run(10_000);
    const notFound = { type: 'done', result: { outcome: 'refused', outFreezeNo: OFN, refusal: { kind: 'not_found', outFreezeNo: OFN } } };
    expect(events).toEqual([notFound, notFound]);
    expect(env.calls('deposit_consume')).toEqual([]);
    expect(env.records.size).toBe(0);
  });

  it('a second settlement while the first is unknown: refused, nothing sent, and cpay\'s "ended" does not close the unknown one', async () => {
    const inFlight: DepositRecord = {
      ...FROZEN,
      status: 'settling',
      settlement: { kind: 'consume', outNo: 'C9', consumed: fen(3750), released: fen(6250), status: 'unknown' },
    };
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(5) }] }), 100, inFlight);
    expect(r.last).toMatchObject({ result: { outcome: 'refused', refusal: { kind: 'already_settled', outNo: 'C9' } } });
    expect(r.calls('deposit_consume')).toEqual([]);
    expect(r.record).toBe(inFlight);
  });

  it('a journal that cannot be read or written: refused with "nothing was sent", no consumption leaves', async () => {
    const unreadable = depositEnv(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }] }));
    unreadable.deps.deposits.get = () => Promise.reject(new Error('IDB closed'));
    const unwritable = depositEnv(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [consume100()] }));
    unwritable.records.set(OFN, FROZEN);
    unwritable.deps.deposits.put = () => Promise.reject(new Error('QuotaExceededError'));
    for (const env of [unreadable, unwritable]) {
      const events: SettleEvent[] = [];
      settleDeposit(OFN, 100 as Fen, env.deps).subscribe({ next: (e) => events.push(e), error: (e: unknown) => events.push(e as SettleEvent) });
      await env.run(10_000);
      expect(events).toEqual([
        {
          type: 'done',
          result: { outcome: 'refused', outFreezeNo: OFN, refusal: { kind: 'server', description: expect.stringContaining('nothing was sent') } },
        },
      ]);
      expect(env.calls('deposit_consume')).toEqual([]);
    }
  });
});

describe('settleDeposit: the journal and the voice around a settlement', () => {
  it('while the consumption is out, the deposit is journaled settling with a pending settlement and its history line', async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [{ hang: true }] }), 3750, FROZEN, 10_000);
    expect(r.events.map((e) => e.type)).toEqual(['settling']);
    expect(r.record).toMatchObject({ status: 'settling', settlement: { kind: 'consume', consumed: 3750, released: 6250, status: 'pending' } });
    expect(r.record?.history.at(-1)).toMatchObject({ phase: 'settling', cause: 'consume' });
    // No empty fields are journaled: no earlier total (cpay showed none), no staff (none signed in).
    expect(r.record?.settlement).not.toHaveProperty('consumedBefore');
    expect(r.record?.settlement).not.toHaveProperty('staffId');
    expect(r.spoken).toEqual([]);
  });

  it("cpay's released figure wins over the planned one; a success carries no failure text", async () => {
    const r = await settle(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [consumed(6000)] }), 3750);
    expect(r.last).toMatchObject({ result: { outcome: 'settled', consumed: 3750, released: 6000 } });
    expect(r.record?.settlement).toMatchObject({ status: 'success', released: 6000 });
    expect(r.record?.settlement).not.toHaveProperty('description');
    expect(r.record?.history.at(-1)).toEqual({ at: expect.any(Number), phase: 'settled', cause: 'consume' });
    expect(r.record?.history.at(-1)).not.toHaveProperty('description');
    expect(r.spoken).toEqual([{ kind: 'deposit_settled', consumed: 3750, released: 6000 }]);
  });

  it('a refusal keeps its reason on the settlement and in the history, keeps the planned figures, and says nothing', async () => {
    const r = await settle(
      scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [{ outcome: status(104, 4304, '消费金额超过剩余冻结金额') }] }),
      100,
    );
    expect(r.record?.settlement).toMatchObject({ status: 'failed', consumed: 100, released: 9900, description: '消费金额超过剩余冻结金额' });
    expect(r.record?.history.at(-1)).toMatchObject({ phase: 'refused', cause: 'consume', description: '消费金额超过剩余冻结金额' });
    expect(r.spoken).toEqual([]);
  });
});
