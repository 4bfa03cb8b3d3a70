/** Issue 14 point 2: live cpay refuses to take money with the placeholder sub_terminal_type. */
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Fen } from '@cpay/protocol';
import type { PayEvent } from '../../kernel/payment.js';
import { NotReadyError } from '../../kernel/errors.js';
import { payFlow, type PayIntent } from './pay-flow.js';
import { micropayState, payEnv, wx } from '../../testing/pay-test-kit.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { chargingTerminalOf, SUB_TERMINAL_TYPE } from './checkout-terminal.js';

const BINDING: BindingRecord = {
  sn: 'CPAYSIM_WEB1_SIM0000001',
  outMchId: 'm',
  outSubMchId: 's',
  cloudCashierId: '01000052',
  authenType: 1,
  outShopId: 'shop',
  shopName: '演示店',
  deviceId: 'dev',
  deviceName: 'Till 1',
  method: 'qr',
  boundAt: 0,
};
const placeholder = { subTerminalType: SUB_TERMINAL_TYPE, spbillCreateIp: '127.0.0.1' };

describe('chargingTerminalOf', () => {
  it('refuses live cpay while sub_terminal_type is the example value, with a message for the integrator', () => {
    expect(() => chargingTerminalOf(BINDING, '1.0.0', placeholder, 'live')).toThrow(NotReadyError);
    expect(() => chargingTerminalOf(BINDING, '1.0.0', undefined, 'live')).toThrow(/sub_terminal_type is still the example value 2451/);
  });

  it('takes money in the sandbox, before the mode is known, and on live cpay with an assigned value', () => {
    expect(chargingTerminalOf(BINDING, '1.0.0', placeholder, 'sandbox').subTerminalType).toBe(2451);
    expect(chargingTerminalOf(BINDING, '1.0.0', placeholder, undefined).subTerminalType).toBe(2451);
    expect(chargingTerminalOf(BINDING, '1.0.0', { ...placeholder, subTerminalType: 31337 }, 'live').client.subTerminalType).toBe(31337);
  });

  it('a sale on a live terminal left with the placeholder fails "not ready" before anything is numbered or sent', async () => {
    const env = payEnv(() => ({ outcome: micropayState(wx(2)) }));
    const deps = { ...env.deps, terminal: () => chargingTerminalOf(BINDING, '1.0.0', placeholder, 'live') };
    const events: PayEvent[] = [];
    const intent$ = new Subject<PayIntent>();
    payFlow(intent$, deps).subscribe((e) => events.push(e));
    env.ts.schedule(() => intent$.next({ type: 'amount', amount: 100 as Fen }), 0);
    env.ts.schedule(() => intent$.next({ type: 'code', code: '135005875955000000' }), 10);
    await env.run(10_000);
    expect(events.find((e) => e.type === 'settled')).toMatchObject({ result: { outcome: 'failed', reason: 'not_ready' } });
    expect(env.calls()).toEqual([]);
    expect(env.timeline.filter((m) => m.what === 'number')).toEqual([]);
  });
});
