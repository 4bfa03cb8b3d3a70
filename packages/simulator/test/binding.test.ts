/**
 * Binding state machine: QR data, polling, expiry, e_authen_key, the three checks of
 * check_bill_device_bind_info, key rotation, unbinding, signature rejection.
 */
import { describe, expect, it } from 'vitest';
import { buildBindQrUrl, decryptAuthenKey, encryptAuthenKey, prepareRequest } from '@cpay/protocol';
import { BIND_ERRORS, ControlError, DEMO_DEVICE } from '../src/index.js';
import { boundSetup, coreSetup, TestTerminal, coreTransport } from './helpers/terminal.js';

const genReq = (ts: number) => ({ snCode: DEMO_DEVICE.sn, appCpayVersion: '1.0.0', nonce: 'ea90ceba', timestamp: ts });

describe('generate / get bind info', () => {
  it('returns activator, token, ttl 180, interval 1 and the mini-program URL', async () => {
    const { t } = coreSetup();
    const r = await t.call('generate_bill_device_bind_qr_code', genReq(t.ts()));
    expect(r.reply.status).toBe(0);
    expect(r.reply.body).toMatchObject({ ttlSeconds: 180, intervalSeconds: 1, miniProgramUrl: 'https://payapp.weixin.qq.com/smartqr/entry/home' });
    expect(r.reply.body?.activator).toMatch(/^[0-9a-z]{12}$/);
    expect(r.body).toContain('"generate_bill_device_bind_qr_code'); // the seed example's wrapper name, value a JSON string
  });

  it('answers activated 0 until confirmed, then the binding with a decryptable e_authen_key', async () => {
    const { sim, t } = coreSetup();
    const qr = (await t.call('generate_bill_device_bind_qr_code', genReq(t.ts()))).reply.body!;
    const poll = () => t.call('get_bill_device_bind_info', { snCode: t.sn, token: qr.token, nonce: 'abcd1234', timestamp: t.ts() });
    expect((await poll()).reply.body).toMatchObject({ activated: false });
    const binding = await sim.confirmBinding({ activator: qr.activator });
    const done = (await poll()).reply.body!;
    expect(done.activated).toBe(true);
    if (!done.activated) return;
    expect(done).toMatchObject({ cloudCashierId: '01000052', shopName: '云支付演示店', outShopId: binding['out_shop_id'], deviceId: binding['device_id'] });
    expect(await decryptAuthenKey(done.eAuthenKey!, DEMO_DEVICE.initialKey)).toBe(binding['payment_key']);
  });

  it('expires an unconfirmed QR after ttl with a documented error, and refuses a late confirmation', async () => {
    const { sim, t } = coreSetup();
    const qr = (await t.call('generate_bill_device_bind_qr_code', genReq(t.ts()))).reply.body!;
    sim.advance(181_000);
    const r = await t.call('get_bill_device_bind_info', { snCode: t.sn, token: qr.token, nonce: 'abcd1234', timestamp: t.ts() });
    expect(r.reply).toMatchObject({ status: 104, internalStatus: BIND_ERRORS.expired[0], description: BIND_ERRORS.expired[1] });
    await expect(sim.confirmBinding({ activator: qr.activator })).rejects.toMatchObject({ status: 410 });
  });

  it('rejects an unknown token', async () => {
    const { t } = coreSetup();
    const r = await t.call('get_bill_device_bind_info', { snCode: t.sn, token: 'nosuchtoken1', nonce: 'abcd1234', timestamp: t.ts() });
    expect(r.reply).toMatchObject({ status: 104, internalStatus: 3401 });
  });

  it('refuses a timestamp far from server time (3105) until the terminal syncs', async () => {
    const { t } = coreSetup();
    const r = await t.call('generate_bill_device_bind_qr_code', genReq(t.ts() - 3600));
    expect(r.reply).toMatchObject({ status: 104, internalStatus: 3105 });
  });

  it('encrypts e_authen_key with the lower-case key when configured', async () => {
    const { sim, t } = coreSetup(3, { options: { aesKeyCase: 'lower' } });
    await t.bind((qrUrl) => sim.confirmBinding({ qrUrl }));
    expect(t.paymentKey).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(await encryptAuthenKey('x'.repeat(32), DEMO_DEVICE.initialKey.toLowerCase())).not.toBe('');
  });
});

describe('QR confirmation (the simulated mini program)', () => {
  const qrFor = async (keyCase: 'lower' | 'as-stored', initialKey = DEMO_DEVICE.initialKey) => {
    const { sim, t } = coreSetup();
    const qr = (await t.call('generate_bill_device_bind_qr_code', genReq(t.ts()))).reply.body!;
    const url = await buildBindQrUrl({ activator: qr.activator, nonce: 'c44f32e0', sn: t.sn, initialKey, keyCase, miniProgramUrl: qr.miniProgramUrl });
    return { sim, url };
  };
  it('accepts a sign made with the key lower-cased or as stored', async () => {
    for (const keyCase of ['lower', 'as-stored'] as const) {
      const { sim, url } = await qrFor(keyCase);
      await expect(sim.confirmBinding({ qrUrl: url })).resolves.toMatchObject({ sn: DEMO_DEVICE.sn, active: true });
    }
  });
  it('refuses a QR whose sign was made with another key', async () => {
    const { sim, url } = await qrFor('lower', 'A'.repeat(32));
    const err = await sim.confirmBinding({ qrUrl: url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ControlError);
    expect(err).toMatchObject({ status: 403 });
  });
});

describe('check_bill_device_bind_info', () => {
  it('passes for a correctly bound terminal', async () => {
    const { t } = await boundSetup();
    expect((await t.check()).reply).toMatchObject({ status: 0, internalStatus: 0 });
  });

  it('reports key mismatch after the merchant changes the key', async () => {
    const { sim, t } = await boundSetup();
    await sim.rotateKey(t.sn);
    expect((await t.check()).reply).toMatchObject({ status: 104, internalStatus: 3303, description: BIND_ERRORS.keyMismatch[1] });
    const q = await t.query('0100005200001');
    expect(q.reply).toMatchObject({ status: 101, internalStatus: 3103 }); // payment calls with the old key: 101, unsigned
    expect(JSON.parse(q.body)).not.toHaveProperty('a');
  });

  it('reports "bound elsewhere" when the sn was re-bound to another device', async () => {
    const { sim, t } = await boundSetup();
    const old = t.bound;
    await t.bind((qrUrl) => sim.confirmBinding({ qrUrl }));
    expect(t.bound.deviceId).not.toBe(old.deviceId);
    const stale = new TestTerminal(t.send, DEMO_DEVICE, t.clock);
    stale.binding = { ...old, paymentKey: t.paymentKey };
    expect((await stale.check()).reply).toMatchObject({ status: 104, internalStatus: 3302, description: BIND_ERRORS.elsewhere[1] });
  });

  it('reports "unbound" after the merchant deletes the device', async () => {
    const { sim, t } = await boundSetup();
    await sim.unbind(t.sn);
    expect((await t.check()).reply).toMatchObject({ status: 104, internalStatus: 3301, description: BIND_ERRORS.unbound[1] });
  });
});

describe('signatures on binding endpoints', () => {
  it('answers 101 unsigned to a request signed with the wrong initial key', async () => {
    const { sim } = coreSetup();
    const req = await prepareRequest('generate_bill_device_bind_qr_code', genReq(Math.floor(sim.now() / 1000)), 'B'.repeat(32));
    const res = await sim.handle(req);
    const outer = JSON.parse(res.body) as Record<string, unknown>;
    expect(outer['authen_info']).toBeUndefined();
    expect(JSON.parse(outer['response_content'] as string)).toMatchObject({ status: 101, internal_status: 3103 });
  });

  it('answers 101 to an unregistered sn', async () => {
    const { sim } = coreSetup();
    const t = new TestTerminal(coreTransport(sim), { sn: 'ACME_X1_000001', initialKey: 'C'.repeat(32) }, () => sim.now());
    const r = await t.call('generate_bill_device_bind_qr_code', { ...genReq(t.ts()), snCode: t.sn });
    expect(r.reply).toMatchObject({ status: 101, internalStatus: 3101 });
  });
});
