/** The app's device facade and voice seam in Chromium: scans are routed or shown, the voice echoes. */
import { fen } from '@cpay/protocol';
import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createDevices, refundVoice } from './devices.js';
import type { RuntimeDeps } from './device-runtime.js';
import { createVoice } from './voice.js';

const NO_RUNTIME = {} as Omit<RuntimeDeps, 'hub'>; // these tests never load the printer runtime

/** Types `text` then Enter as a wedge scanner does (a few ms apart, by event timestamps). */
function wedge(text: string): void {
  for (const ch of [...text, 'Enter']) {
    const code = ch === 'Enter' ? 'Enter' : /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`;
    window.dispatchEvent(new KeyboardEvent('keydown', { key: ch, code }));
  }
}

describe('createDevices', () => {
  it('routes an injected code to the waiter that accepts it, and shows what nobody waits for', async () => {
    const d = createDevices(
      window,
      NO_RUNTIME,
      () => '0100',
      () => import('../../app/compose/devices-runtime.js'),
    );
    const paid = firstValueFrom(d.hub.waitFor((c) => c.kind === 'payment_code'));
    const unclaimed = firstValueFrom(d.hub.unclaimed$);
    await new Promise((r) => setTimeout(r, 50)); // the hub chunk loads
    d.inject('0100123456');
    d.inject('135005875955000000');
    expect((await paid).class).toEqual({ kind: 'payment_code', platform: 'wechat', code: '135005875955000000' });
    expect((await paid).scan.source).toBe('sandbox');
    expect((await unclaimed).class).toEqual({ kind: 'order_no', orderNo: '0100123456' });
  });

  it('hears the keyboard wedge from the start', async () => {
    const d = createDevices(
      window,
      NO_RUNTIME,
      () => undefined,
      () => import('../../app/compose/devices-runtime.js'),
    );
    const all = firstValueFrom(d.hub.scans$);
    await new Promise((r) => setTimeout(r, 50));
    wedge('280000000000000001');
    expect((await all).scan).toMatchObject({ text: '280000000000000001', source: 'wedge' });
  });
});

describe('createVoice', () => {
  it('echoes every sentence as text, also when muted; refunds are announced, failed refunds too', async () => {
    const voice = createVoice(window);
    voice.configure({ enabled: false });
    const texts = firstValueFrom(voice.spoken$.pipe(take(4), toArray()));
    voice.say({ kind: 'payment_success', platform: 'alipay', amount: fen(2) });
    voice.prompt('bound');
    refundVoice(voice, { kind: 'refund_failed', amount: fen(1) });
    refundVoice(voice, { kind: 'refund_success', platform: 'wechat', amount: fen(1) });
    expect(await texts).toEqual(['支付宝收款 0.02 元', '绑定成功', '退款失败 0.01 元', '微信退款 0.01 元']);
  });
});
