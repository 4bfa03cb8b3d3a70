/** "Take deposit" in virtual time: journal first, the micropay status/polling/unknown rules, voice. */
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { DepositEvent } from './deposit-events.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { notSent, reply, status, unknownOutcome, type Answer, type Script } from '../../testing/pay-test-kit.js';
import { ALI_CODE, WX_CODE, depositEnv, freezeOrder, freezeReply } from '../../testing/deposit-test-kit.js';
import { takeDeposit } from './deposit-take.js';

const AMOUNT = 10000 as Fen;
function scripted(freeze: readonly Answer[], query: readonly Answer[] = []): Script {
  const pick = (list: readonly Answer[], n: number): Answer => list[Math.min(n, list.length) - 1] ?? { outcome: status(3) };
  return (endpoint, n) => pick(endpoint === 'micro_freeze' ? freeze : endpoint === 'query_freeze_order' ? query : [], n);
}

async function take(script: Script, code = WX_CODE, untilMs = 300_000, staffId?: string) {
  const env = depositEnv(script, staffId === undefined ? {} : { staffId });
  const events: [number, DepositEvent][] = [];
  takeDeposit(AMOUNT, code, env.deps).subscribe((e) => events.push([env.ts.now(), e]));
  await env.run(untilMs);
  return { ...env, events, last: events.at(-1)?.[1], record: [...env.records.values()][0] };
}

describe('takeDeposit', () => {
  it('journals before micro_freeze, sends one WeChat extension of each pair, ends frozen and says so', async () => {
    const r = await take(scripted([{ outcome: freezeReply(2) }]));
    const req = r.calls('micro_freeze')[0]?.req;
    expect(req).toMatchObject({
      freezeFee: AMOUNT,
      authorCode: WX_CODE,
      ext: { platform: 'wechat' },
      mchKey: { payPlatform: 1, ext: { platform: 'wechat' } },
      client: { machineNo: 'dev1' },
    });
    expect(r.events.map(([t, e]) => [t, e.type])).toEqual([
      [0, 'submitting'],
      [100, 'taken'],
    ]);
    expect(r.last).toMatchObject({ type: 'taken', result: { outcome: 'frozen', amount: AMOUNT, platform: 'wechat' } });
    expect(r.record).toMatchObject({ status: 'frozen', lastCts: 2, maskedCode: expect.not.stringContaining(WX_CODE) });
    expect(r.record?.outFreezeNo.startsWith('01000052')).toBe(true);
    expect(r.spoken).toEqual([{ kind: 'deposit_frozen', platform: 'wechat', amount: AMOUNT }]);
  });

  it('keeps the signed-in staff member on the deposit record (as orders keep staff_id); none without staff', async () => {
    const r = await take(scripted([{ outcome: freezeReply(2) }]), WX_CODE, 300_000, 'C07');
    expect(r.record).toMatchObject({ status: 'frozen', staffId: 'C07' });
    expect(r.calls('micro_freeze')[0]?.req).toMatchObject({ client: { staffId: 'C07' } });
    const none = await take(scripted([{ outcome: freezeReply(2) }]));
    expect(none.record).not.toHaveProperty('staffId');
  });

  it('Alipay code: Alipay extension and pay_platform 2', async () => {
    const r = await take(scripted([{ outcome: freezeReply(2, 10000, {}, 'alipay') }]), ALI_CODE);
    expect(r.calls('micro_freeze')[0]?.req).toMatchObject({ ext: { platform: 'alipay' }, mchKey: { payPlatform: 2, ext: { platform: 'alipay' } } });
    expect(r.last).toMatchObject({ result: { outcome: 'frozen', platform: 'alipay' } });
  });

  it('password (wx 3): polls query_freeze_order 2 s after each reply, says "waiting for password" once', async () => {
    const r = await take(scripted([{ outcome: freezeReply(3) }], [{ outcome: freezeReply(3) }, { outcome: freezeReply(2) }]));
    expect(r.calls('query_freeze_order').map((c) => c.at)).toEqual([2100, 4200]);
    expect(r.said.filter(([, s]) => s.kind === 'waiting_password')).toHaveLength(1);
    expect(r.events.map(([, e]) => e.type)).toEqual(['submitting', 'polling', 'taken']);
    expect(r.last).toMatchObject({ result: { outcome: 'frozen' } });
  });

  it('declined (wx 6) is a failure; 104 before anything reached is refused', async () => {
    expect((await take(scripted([{ outcome: freezeReply(6) }]))).last).toMatchObject({ result: { outcome: 'failed', reason: 'declined' } });
    const refused = await take(scripted([{ outcome: status(104, 4003, '用户余额不足') }]));
    expect(refused.last).toMatchObject({ result: { outcome: 'failed', reason: 'refused', description: '用户余额不足' } });
    expect(refused.record?.status).toBe('failed');
  });

  it('status 3 resends the identical request, then polls; 104+407 is polled, never failed', async () => {
    const r = await take(scripted([{ outcome: status(3) }, { outcome: freezeReply(2) }]));
    const [a, b] = r.calls('micro_freeze');
    expect(b?.req).toEqual(a?.req);
    expect(r.last).toMatchObject({ result: { outcome: 'frozen' } });
    const never = await take(scripted([{ outcome: status(104, 407) }], [{ outcome: freezeReply(2) }]));
    expect(never.calls('query_freeze_order')).toHaveLength(1);
    expect(never.last).toMatchObject({ result: { outcome: 'frozen' } });
  });

  it('no final state within 2 minutes: unknown with the spec text, journal unknown, voice unknown', async () => {
    const r = await take(scripted([{ outcome: unknownOutcome() }], [{ outcome: unknownOutcome() }]));
    expect(r.last).toMatchObject({ result: { outcome: 'unknown', description: UNKNOWN_RESULT_TEXT } });
    expect(r.events.at(-1)?.[0]).toBe(120_000);
    expect(r.record?.status).toBe('unknown');
    expect(r.spoken).toEqual([{ kind: 'deposit_unknown' }]);
  });

  it('refuses a member-card code before sending anything', async () => {
    const r = await take(scripted([]), '880000123456780000');
    expect(r.calls()).toEqual([]);
    expect(r.last).toMatchObject({ result: { outcome: 'failed', reason: 'refused' } });
  });
});

describe('takeDeposit: nothing sent, sent once, or maybe sent', () => {
  const refusedEarly = (reason: string, description: unknown) => ({
    type: 'taken',
    result: { outcome: 'failed', outFreezeNo: undefined, amount: AMOUNT, reason, description },
  });

  it('a malformed code, a code of another wallet, an unusable terminal or an unwritable journal: failed at once, nothing journaled or sent', async () => {
    const bad = await take(scripted([]), '12ab');
    expect(bad.events.map(([, e]) => e)).toEqual([refusedEarly('caller_error', expect.stringContaining('code refused'))]);
    const other = await take(scripted([]), '621234567890123456');
    expect(other.last).toEqual(refusedEarly('refused', expect.stringContaining('WeChat Pay or Alipay')));
    const env = depositEnv(scripted([]));
    const unbound = {
      ...env.deps,
      terminal: () => {
        throw new Error('terminal not bound');
      },
    };
    const events: DepositEvent[] = [];
    takeDeposit(AMOUNT, WX_CODE, unbound).subscribe((e) => events.push(e));
    const full = depositEnv(scripted([{ outcome: freezeReply(2) }]));
    full.deps.deposits.put = () => Promise.reject(new Error('QuotaExceededError'));
    takeDeposit(AMOUNT, WX_CODE, full.deps).subscribe((e) => events.push(e));
    await env.run(10_000);
    await full.run(10_000);
    expect(events).toEqual([
      refusedEarly('caller_error', expect.stringContaining('terminal not bound')),
      refusedEarly('storage', expect.stringMatching(/nothing was sent.*QuotaExceededError/)),
    ]);
    for (const e of [bad, other, env, full]) expect(e.calls()).toEqual([]);
    expect(bad.records.size + other.records.size + env.records.size).toBe(0);
  });

  it('offline throughout: the bounded resends, then failed "could not be sent" (nothing can have reached cpay)', async () => {
    const r = await take(scripted([{ outcome: notSent }]));
    expect(r.calls('micro_freeze')).toHaveLength(4); // the first send and PAY_TIMING.maxNotSentResends
    expect(r.calls('query_freeze_order')).toEqual([]);
    expect(r.last).toMatchObject({ result: { outcome: 'failed', reason: 'not_sent', description: 'micro_freeze could not be sent' } });
    expect(r.record?.status).toBe('failed');
    expect(r.record?.history.filter((h) => h.cause === 'micro_freeze resend (not_sent)')).toHaveLength(3);
    expect(r.spoken).toEqual([{ kind: 'deposit_failed', amount: AMOUNT }]);
  });

  it('a send that reached cpay (status 3) followed by unsent resends is polled, never failed', async () => {
    const r = await take(scripted([{ outcome: status(3) }, { outcome: notSent }], [{ outcome: freezeReply(2) }]), WX_CODE, 300_000);
    expect(r.calls('micro_freeze').length).toBeGreaterThan(2);
    expect(r.calls('query_freeze_order')).toHaveLength(1);
    expect(r.last).toMatchObject({ result: { outcome: 'frozen' } });
  });

  it('status 3 throughout: the identical request is sent at most 3 times, then only queried; never failed', async () => {
    const r = await take(scripted([{ outcome: status(3) }], [{ outcome: unknownOutcome() }]));
    const sent = r.calls('micro_freeze');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((c) => JSON.stringify(c.req))).size).toBe(1);
    expect(r.calls('query_freeze_order').length).toBeGreaterThan(10);
    expect(r.record?.history.filter((h) => h.cause === 'micro_freeze resend (unknown)')).toEqual([
      expect.objectContaining({ phase: 'submitting' }),
      expect.objectContaining({ phase: 'submitting' }),
    ]);
    expect(r.record?.history[0]).toMatchObject({ phase: 'submitting', cause: 'deposit created' });
    // Out of resends, it is only queried: nothing said the customer is entering a password.
    expect(r.events.filter(([, e]) => e.type === 'polling').map(([, e]) => e)).toEqual([expect.objectContaining({ userPaying: false })]);
    expect(r.said.filter(([, s]) => s.kind === 'waiting_password')).toEqual([]);
    expect(r.last).toMatchObject({ result: { outcome: 'unknown' } });
  });

  it('104+407 is polled without asking the customer for a password; the journal keeps the polling step', async () => {
    const r = await take(scripted([{ outcome: status(104, 407) }], [{ outcome: status(104, 407) }, { outcome: freezeReply(2) }]));
    expect(r.said.filter(([, s]) => s.kind === 'waiting_password')).toEqual([]);
    expect(r.events.map(([, e]) => e)).toContainEqual({ type: 'polling', outFreezeNo: r.record?.outFreezeNo, amount: AMOUNT, userPaying: false });
    expect(r.record?.history).toContainEqual(expect.objectContaining({ phase: 'polling', cause: 'query_freeze_order' }));
    expect(r.last).toMatchObject({ result: { outcome: 'frozen' } });
  });

  it('waiting for the password: one polling step, kept through a 104 on the way; the last state seen is journaled', async () => {
    const r = await take(
      scripted(
        [{ outcome: freezeReply(3) }],
        [{ outcome: freezeReply(3) }, { outcome: status(104, 407) }, { outcome: freezeReply(3) }, { outcome: freezeReply(2) }],
      ),
    );
    expect(r.events.map(([, e]) => e.type)).toEqual(['submitting', 'polling', 'taken']);
    expect(r.events[1]?.[1]).toMatchObject({ type: 'polling', userPaying: true });
    expect(r.record?.history.filter((h) => h.phase.startsWith('polling'))).toEqual([
      expect.objectContaining({ phase: 'polling:user_paying', cause: 'query_freeze_order', cts: 3 }),
    ]);
    expect(r.said.filter(([, s]) => s.kind === 'waiting_password')).toHaveLength(1);
    expect(r.record).toMatchObject({ status: 'frozen', lastCts: 2 });
  });

  it('the customer stops paying (user_paying → pending): a second polling step says so, no second password prompt', async () => {
    const r = await take(scripted([{ outcome: freezeReply(3) }], [{ outcome: freezeReply(1) }, { outcome: freezeReply(2) }]));
    expect(r.events.filter(([, e]) => e.type === 'polling').map(([, e]) => (e as { userPaying: boolean }).userPaying)).toEqual([true, false]);
    expect(r.said.filter(([, s]) => s.kind === 'waiting_password')).toHaveLength(1);
  });

  it('while the customer enters the password, the journal shows the deposit pending with the last state seen', async () => {
    const r = await take(scripted([{ outcome: freezeReply(3) }], [{ hang: true }]), WX_CODE, 10_000);
    expect(r.record).toMatchObject({ status: 'pending', lastCts: 3 });
    expect(r.record?.history.at(-1)).toMatchObject({ phase: 'polling:user_paying', cts: 3 });
  });

  it('a defect while waiting (the speaker throws) leaves the deposit unknown, warned, never failed', async () => {
    const env = depositEnv(scripted([{ outcome: freezeReply(3) }], [{ outcome: freezeReply(2) }]));
    const broken = {
      ...env.deps,
      announcer: {
        say: () => {
          throw new Error('speaker gone');
        },
      },
    };
    const events: DepositEvent[] = [];
    takeDeposit(AMOUNT, WX_CODE, broken).subscribe((e) => events.push(e));
    await env.run(300_000);
    expect(events.at(-1)).toMatchObject({ type: 'taken', result: { outcome: 'unknown' } });
    expect([...env.records.values()][0]?.status).toBe('unknown');
    expect(env.warnings).toEqual([expect.stringContaining('left unknown')]);
  });

  it('a micro_freeze answer without a platform state is asked about again, not taken as a defect', async () => {
    const { state: _none, ...stateless } = freezeOrder({ platform: 'wechat', cts: 2 });
    const r = await take(scripted([{ outcome: reply({ freeze: stateless }) }], [{ outcome: freezeReply(2) }]));
    expect(r.calls('query_freeze_order')).toHaveLength(1);
    expect(r.warnings).toEqual([]);
    expect(r.last).toMatchObject({ result: { outcome: 'frozen' } });
  });
});
