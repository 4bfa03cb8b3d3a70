/** "Take deposit" in virtual time: journal first, the micropay status/polling/unknown rules, voice. */
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { DepositEvent } from './deposit-events.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { status, unknownOutcome, type Answer, type Script } from '../../testing/pay-test-kit.js';
import { ALI_CODE, WX_CODE, depositEnv, freezeReply } from '../../testing/deposit-test-kit.js';
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
