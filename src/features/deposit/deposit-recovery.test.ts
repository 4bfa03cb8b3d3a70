/**
 * Deposits found open after a reload (deposit-recovery.ts), in virtual time: which are taken up,
 * what a final freeze state does to the record and the voice, settlements resent identically, and
 * the unknown that stays unknown. The happy path of both branches is in deposit-settle.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { fen } from '@cpay/protocol';
import type { DepositRecord } from './deposit.js';
import { reply, status, unknownOutcome, type Answer, type Script } from '../../testing/pay-test-kit.js';
import { depositEnv, freezeReply } from '../../testing/deposit-test-kit.js';
import { depositRecovery, type DepositRecoveryEvent } from './deposit-recovery.js';

const OFN = '010000521234561700000000001';
const PENDING: DepositRecord = {
  outFreezeNo: OFN,
  amount: fen(10000),
  body: 'b',
  status: 'pending',
  platform: 'wechat',
  createdAt: 0,
  updatedAt: 0,
  history: [],
};

type Endpoint = 'query_freeze_order' | 'deposit_consume' | 'unfreeze' | 'query_unfreeze_order';
function scripted(parts: Partial<Record<Endpoint, readonly Answer[]>>): Script {
  return (endpoint, n) => {
    const list = (parts as Record<string, readonly Answer[] | undefined>)[endpoint] ?? [];
    return list[Math.min(n, list.length) - 1] ?? { outcome: status(3) };
  };
}

/** Runs recovery over `records`; an error escaping recovery fails the test (it must never end a start-up). */
async function recover(script: Script, records: readonly DepositRecord[], untilMs = 60_000, tweak?: (env: ReturnType<typeof depositEnv>) => void) {
  const env = depositEnv(script);
  for (const r of records) env.records.set(r.outFreezeNo, r);
  tweak?.(env);
  const events: DepositRecoveryEvent[] = [];
  const errors: unknown[] = [];
  let completed = false;
  depositRecovery(env.deps).subscribe({
    next: (e) => events.push(e),
    error: (e: unknown) => errors.push(e),
    complete: () => {
      completed = true;
    },
  });
  await env.run(untilMs);
  return { ...env, events, errors, completed: () => completed, types: events.map((e) => e.type).sort() };
}

describe('depositRecovery: freezes not known final', () => {
  it('a pending freeze cpay reports failed (WeChat 4): journaled failed with its reason, said once, never retried', async () => {
    const r = await recover(
      scripted({ query_freeze_order: [{ outcome: freezeReply(4, 10000, { state: { platform: 'wechat', cts: 4, tradeStateDesc: '用户余额不足' } }) }] }),
      [PENDING],
    );
    expect(r.errors).toEqual([]);
    expect(r.events.at(-1)).toEqual({
      type: 'taken',
      result: { outcome: 'failed', outFreezeNo: OFN, amount: 10000, reason: 'declined', description: '用户余额不足' },
    });
    const rec = r.records.get(OFN);
    expect(rec).toMatchObject({ status: 'failed', description: '用户余额不足', lastCts: 4 });
    expect(rec?.history).toEqual([expect.objectContaining({ phase: 'failed', cause: 'reconciled', cts: 4 })]);
    expect(r.spoken).toEqual([{ kind: 'deposit_failed', amount: 10000 }]);
    expect(r.calls('query_freeze_order')).toHaveLength(1);
    expect(r.completed()).toBe(true);
  });

  it('a pending freeze found frozen: journaled frozen (no failure text), history says reconciled, "deposit taken" said', async () => {
    const r = await recover(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }] }), [PENDING]);
    expect(r.events.at(-1)).toEqual({ type: 'taken', result: { outcome: 'frozen', outFreezeNo: OFN, amount: 10000, platform: 'wechat' } });
    const rec = r.records.get(OFN);
    expect(rec).toMatchObject({ status: 'frozen', lastCts: 2 });
    expect(rec).not.toHaveProperty('description');
    expect(rec?.history).toEqual([expect.objectContaining({ phase: 'frozen', cause: 'reconciled', cts: 2 })]);
    expect(r.spoken).toEqual([{ kind: 'deposit_frozen', platform: 'wechat', amount: 10000 }]);
  });

  it('an Alipay deposit is queried as Alipay (pay_platform 2) and announced as Alipay', async () => {
    const r = await recover(scripted({ query_freeze_order: [{ outcome: freezeReply(2, 10000, {}, 'alipay') }] }), [
      { ...PENDING, platform: 'alipay', status: 'unknown' },
    ]);
    expect(r.calls('query_freeze_order')[0]?.req).toMatchObject({ outFreezeNo: OFN, mchKey: { payPlatform: 2 } });
    expect(r.events.at(-1)).toMatchObject({ type: 'taken', result: { outcome: 'frozen', platform: 'alipay' } });
    expect(r.spoken).toEqual([{ kind: 'deposit_frozen', platform: 'alipay', amount: 10000 }]);
  });

  it('an old record without a platform is queried as WeChat', async () => {
    const { platform: _dropped, ...old } = PENDING;
    const r = await recover(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }] }), [old]);
    expect(r.calls('query_freeze_order')[0]?.req).toMatchObject({ mchKey: { payPlatform: 1 } });
    expect(r.events.at(-1)).toMatchObject({ type: 'taken', result: { outcome: 'frozen', platform: 'wechat' } });
  });

  it('104, internal 407, timeouts and bad signatures never end it: the deposit stays pending, nothing said, still asked', async () => {
    const answers: Answer[] = [
      { outcome: status(104, 407, '系统繁忙') },
      { outcome: unknownOutcome() },
      { outcome: unknownOutcome('bad_signature') },
      { outcome: status(104, 4304, '订单不存在') },
    ];
    const r = await recover(scripted({ query_freeze_order: answers }), [PENDING], 600_000);
    expect(r.errors).toEqual([]);
    expect(r.types).toEqual(['resumed']);
    expect(r.records.get(OFN)).toEqual(PENDING);
    expect(r.spoken).toEqual([]);
    expect(r.calls('query_freeze_order').length).toBeGreaterThan(20);
    expect(r.completed()).toBe(false);
  });
});

describe('depositRecovery: what is taken up', () => {
  it('only deposits not known final are queried: a frozen deposit is listed but left alone', async () => {
    const frozen: DepositRecord = { ...PENDING, outFreezeNo: 'F1', status: 'frozen' };
    const r = await recover(scripted({ query_freeze_order: [{ outcome: freezeReply(2) }] }), [frozen, PENDING]);
    expect(r.events[0]).toEqual({ type: 'resumed', records: [frozen, PENDING] });
    expect(r.calls('query_freeze_order').map((c) => (c.req as { outFreezeNo: string }).outFreezeNo)).toEqual([OFN]);
    expect(r.types).toEqual(['resumed', 'taken']);
    expect(r.records.get('F1')).toBe(frozen);
    expect(r.spoken).toHaveLength(1);
  });

  it('a journal that cannot be read: warned, nothing sent, start-up goes on', async () => {
    const r = await recover(scripted({}), [PENDING], 10_000, (env) => {
      env.deps.deposits.listOpen = () => Promise.reject(new Error('IDB closed'));
    });
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([]);
    expect(r.completed()).toBe(true);
    expect(r.calls()).toEqual([]);
    expect(r.warnings).toEqual([expect.stringContaining('could not read')]);
  });

  it('one deposit that breaks (voice throws) is warned about; the others are still settled', async () => {
    const settling: DepositRecord = {
      ...PENDING,
      outFreezeNo: 'D2',
      status: 'settling',
      settlement: { kind: 'consume', outNo: 'C9', consumed: fen(3750), released: fen(6250), status: 'pending' },
    };
    const consumed: Answer = {
      delayMs: 5_000,
      outcome: reply({ order: { outTradeNo: 'C9', state: { platform: 'wechat', cts: 14 } }, consume: { manualUnfreezeFee: 6250 } }),
    };
    const r = await recover(
      scripted({ query_freeze_order: [{ outcome: freezeReply(2) }], deposit_consume: [consumed] }),
      [PENDING, settling],
      60_000,
      (env) => {
        const say = env.deps.depositVoice.say;
        (env.deps as { depositVoice: { say: typeof say } }).depositVoice = {
          say: (s) => {
            if (s.kind === 'deposit_frozen') throw new Error('speaker gone');
            say(s);
          },
        };
      },
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([expect.stringContaining(OFN)]);
    expect(r.records.get('D2')).toMatchObject({ status: 'settled', settlement: { status: 'success' } });
    expect(r.types).toEqual(['done', 'resumed']);
  });
});

describe('depositRecovery: settlements in progress', () => {
  const unfreezes = (cts: number): Answer => ({
    outcome: reply({
      unfreezes: [
        {
          outFreezeNo: OFN,
          outUnfreezeNo: 'U7',
          createTime: 1,
          lastUpdateTime: 1,
          isTransforming: false,
          unfreezeFee: 10000,
          state: { platform: 'wechat', cts },
        },
      ],
    }),
  });
  const releasing: DepositRecord = {
    ...PENDING,
    status: 'settling',
    settlement: { kind: 'unfreeze', outNo: 'U7', consumed: fen(0), released: fen(10000), status: 'unknown' },
  };

  it('a full release in progress is sent again identically (same unfreeze number and amount), never as a consumption', async () => {
    const r = await recover(scripted({ unfreeze: [{ outcome: reply({}) }], query_unfreeze_order: [unfreezes(1), unfreezes(2)] }), [releasing]);
    expect(r.calls('deposit_consume')).toEqual([]);
    expect(r.calls('unfreeze')).toHaveLength(1);
    expect(r.calls('unfreeze')[0]?.req).toMatchObject({ outFreezeNo: OFN, outUnfreezeNo: 'U7', unfreezeFee: 10000 });
    expect(r.events.at(-1)).toMatchObject({ type: 'done', result: { outcome: 'settled', kind: 'unfreeze', consumed: 0, released: 10000 } });
    expect(r.records.get(OFN)).toMatchObject({ status: 'settled', settlement: { status: 'success' } });
  });

  it('a consumption whose resends stay unanswered stays unknown: still settling, never released or refused, sent at most 3 times', async () => {
    const consuming: DepositRecord = {
      ...PENDING,
      status: 'settling',
      settlement: { kind: 'consume', outNo: 'C9', consumed: fen(3750), released: fen(6250), status: 'unknown' },
    };
    const r = await recover(
      scripted({ deposit_consume: [{ outcome: unknownOutcome() }], query_freeze_order: [{ outcome: freezeReply(2) }] }),
      [consuming],
      600_000,
    );
    expect(r.errors).toEqual([]);
    expect(r.calls('unfreeze')).toEqual([]);
    expect(r.calls('deposit_consume').length).toBeLessThanOrEqual(3);
    expect(new Set(r.calls('deposit_consume').map((c) => JSON.stringify(c.req))).size).toBe(1);
    expect(r.events.at(-1)).toMatchObject({ type: 'done', result: { outcome: 'unknown' } });
    expect(r.records.get(OFN)).toMatchObject({ status: 'settling', settlement: { status: 'unknown' } });
    expect(r.spoken).toEqual([]);
  });
});
