/**
 * "Customer scans to leave a deposit" (scancode_freeze, 003 L5918-6274) in virtual time: journal
 * first with the QR's expiry, the QR shown, query_freeze_order polling, the expiry as the only
 * documented end of an unpaid QR, unknown kept unknown, never a refusal on 104 + 407.
 */
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { DepositEvent } from './deposit-events.js';
import { UNKNOWN_RESULT_TEXT } from '../../kernel/flow/pay-classify.js';
import { notSent, reply, status, unknownOutcome, type Answer, type Script } from '../../testing/pay-test-kit.js';
import { depositEnv, freezeReply } from '../../testing/deposit-test-kit.js';
import { QR_DEPOSIT_GRACE_MS, QR_DEPOSIT_TTL_MS, QR_EXPIRED, takeQrDeposit } from './deposit-qr.js';

const AMOUNT = 5000 as Fen;
const QR = 'https://qr.alipay.com/bax0abc';
const ali = (cts: number) => freezeReply(cts, AMOUNT, {}, 'alipay');

function scripted(create: readonly Answer[], query: readonly Answer[] = []): Script {
  const pick = (list: readonly Answer[], n: number): Answer => list[Math.min(n, list.length) - 1] ?? { outcome: status(3) };
  return (endpoint, n) => pick(endpoint === 'scancode_freeze' ? create : endpoint === 'query_freeze_order' ? query : [], n);
}

async function take(script: Script, untilMs = 400_000) {
  const env = depositEnv(script);
  const events: [number, DepositEvent][] = [];
  const journalAtFirstCall: unknown[] = [];
  const deps = {
    ...env.deps,
    cpay: {
      ...env.deps.cpay,
      call: ((endpoint, req) => {
        if (endpoint === 'scancode_freeze' && journalAtFirstCall.length === 0) journalAtFirstCall.push(structuredClone([...env.records.values()]));
        return env.deps.cpay.call(endpoint, req);
      }) as typeof env.deps.cpay.call,
    },
  };
  takeQrDeposit(AMOUNT, deps).subscribe((e) => events.push([env.ts.now(), e]));
  await env.run(untilMs);
  return { ...env, events, last: events.at(-1)?.[1], record: [...env.records.values()][0], journalAtFirstCall };
}

describe('takeQrDeposit (scancode_freeze)', () => {
  it('journals the number and the QR expiry before the request, asks Alipay for a QR expiring in 2 minutes, shows it, ends frozen', async () => {
    const r = await take(scripted([{ outcome: reply({ codeUrl: QR }) }], [{ outcome: ali(1) }, { outcome: ali(2) }]));
    const req = r.calls('scancode_freeze')[0]?.req as { outFreezeNo: string; timeExpire: number };
    expect(r.journalAtFirstCall[0]).toEqual([expect.objectContaining({ outFreezeNo: req.outFreezeNo, status: 'pending', via: 'qr', platform: 'alipay' })]);
    expect(req).toMatchObject({ freezeFee: AMOUNT, ext: { platform: 'alipay' }, mchKey: { payPlatform: 2, ext: { platform: 'alipay' } } });
    expect(req.timeExpire * 1000).toBe(r.record?.qrExpiresAt);
    expect(req.timeExpire * 1000 - r.record!.createdAt).toBeGreaterThan(QR_DEPOSIT_TTL_MS - 1000);
    expect(req.timeExpire * 1000 - r.record!.createdAt).toBeLessThanOrEqual(QR_DEPOSIT_TTL_MS);
    expect(r.events.map(([, e]) => e.type)).toEqual(['submitting', 'polling', 'taken']);
    expect(r.events[1]?.[1]).toMatchObject({ type: 'polling', codeUrl: QR, amount: AMOUNT });
    expect(r.calls('query_freeze_order').map((c) => c.at)).toEqual([2100, 4200]);
    expect(r.calls('query_freeze_order')[0]?.req).toMatchObject({ outFreezeNo: req.outFreezeNo, mchKey: { payPlatform: 2 } });
    expect(r.last).toMatchObject({ type: 'taken', result: { outcome: 'frozen', amount: AMOUNT, platform: 'alipay', outFreezeNo: req.outFreezeNo } });
    expect(r.record).toMatchObject({ status: 'frozen', lastCts: 2, codeUrl: QR });
    expect(r.spoken).toEqual([{ kind: 'deposit_frozen', platform: 'alipay', amount: AMOUNT }]);
  });

  it('nobody pays: the QR expires (Alipay 3, closed) → failed "expired", nothing held; no close is ever sent', async () => {
    const r = await take(scripted([{ outcome: reply({ codeUrl: QR }) }], [{ outcome: ali(1) }, { outcome: ali(1) }, { outcome: ali(3) }]));
    expect(r.last).toMatchObject({ result: { outcome: 'failed', reason: 'declined', description: QR_EXPIRED } });
    expect(r.record?.status).toBe('failed');
    expect(r.calls().map((c) => c.endpoint)).not.toContain('close_order');
    expect(r.spoken).toEqual([{ kind: 'deposit_failed', amount: AMOUNT }]);
  });

  it('still open (Alipay 1) after the expiry and the grace: one last query, then unknown with the spec text; journal unknown', async () => {
    const r = await take(scripted([{ outcome: reply({ codeUrl: QR }) }], [{ outcome: ali(1) }]));
    expect(r.last).toMatchObject({ result: { outcome: 'unknown', description: UNKNOWN_RESULT_TEXT } });
    const end = r.events.at(-1)?.[0] ?? 0;
    expect(end).toBeGreaterThanOrEqual(QR_DEPOSIT_TTL_MS - 1000 + QR_DEPOSIT_GRACE_MS);
    expect(end).toBeLessThanOrEqual(QR_DEPOSIT_TTL_MS + QR_DEPOSIT_GRACE_MS + 200);
    const last = r.calls('query_freeze_order').at(-1)?.at ?? 0;
    expect(last).toBeGreaterThanOrEqual(end - 200);
    expect(r.record?.status).toBe('unknown');
    expect(r.spoken).toEqual([{ kind: 'deposit_unknown' }]);
  });

  it('104 + 407 is never a refusal: the number is polled (and found held)', async () => {
    const r = await take(scripted([{ outcome: status(104, 407) }], [{ outcome: ali(2) }]));
    expect(r.calls('scancode_freeze')).toHaveLength(1);
    expect(r.calls('query_freeze_order')).toHaveLength(1);
    expect(r.last).toMatchObject({ result: { outcome: 'frozen' } });
  });

  it('status 3 / a bad signature resend the identical request (same number, same nonce); a refusal after that is polled, not failed', async () => {
    const r = await take(
      scripted([{ outcome: unknownOutcome('bad_signature') }, { outcome: status(3) }, { outcome: reply({ codeUrl: QR }) }], [{ outcome: ali(2) }]),
    );
    const [a, b, c] = r.calls('scancode_freeze');
    expect(b?.req).toEqual(a?.req);
    expect(c?.req).toEqual(a?.req);
    expect(r.last).toMatchObject({ result: { outcome: 'frozen' } });
    const after = await take(scripted([{ outcome: status(3) }, { outcome: status(104, 4310, 'no') }], [{ outcome: ali(3) }]));
    expect(after.calls('query_freeze_order')).toHaveLength(1);
    expect(after.last).toMatchObject({ result: { outcome: 'failed', description: QR_EXPIRED } });
  });

  it('104 before anything reached cpay is a refusal with its description; certainly unsent is "not sent"', async () => {
    const refused = await take(scripted([{ outcome: status(104, 4310, '扫码押金冻结当前仅支持支付宝') }]));
    expect(refused.last).toMatchObject({ result: { outcome: 'failed', reason: 'refused', description: '扫码押金冻结当前仅支持支付宝' } });
    expect(refused.calls('query_freeze_order')).toEqual([]);
    const offline = await take(scripted([{ outcome: notSent }]));
    expect(offline.last).toMatchObject({ result: { outcome: 'failed', reason: 'not_sent' } });
    expect(offline.calls('scancode_freeze').length).toBeGreaterThan(1);
  });
});
