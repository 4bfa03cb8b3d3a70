/** The checkout controller with a fake host and the test ports: key routing, busy signal, recovery hand-off. */
import { BehaviorSubject, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { AppServices, CoreServices } from '../../app/context/services.js';
import { composeFlows } from '../../app/compose/flows.js';
import { AppSignals } from '../../app/context/signals.js';
import type { PayKey } from './keypad-keys.js';
import { micropayState, payEnv, queryState, status, wx, type Script } from '../../testing/pay-test-kit.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { CheckoutController } from './checkout-controller.js';
// The app-wide recovery loads its flow with a dynamic import (flows.ts); the app starts it at launch. Here it is
// loaded up front, so the virtual clock's runs never race the module loader (the checkout no longer imports it).
import '../recovery/poll-recovery.js';

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

function setup(script: Script, bound = true, settings: Record<string, unknown> = {}) {
  const binding: BindingRecord | undefined = bound ? BINDING : undefined;
  const env = payEnv(script);
  const signals = new AppSignals();
  const busy: boolean[] = [];
  signals.busy$.subscribe((b) => busy.push(b));
  const core = {
    ...env.deps,
    signals,
    binding$: new BehaviorSubject(binding),
    preferences: { settings$: of({ locale: 'zh-CN', qrKeyCase: 'lower', appCpayVersion: '1.0.0', wakeLock: false, ...settings }), set: async () => undefined },
    afterSale: {},
  } as unknown as CoreServices;
  // Wired as the composition root does (src/app/compose/flows.ts), recovery started at boot.
  const wired = composeFlows(core);
  const services: AppServices = { ...core, ...wired.services };
  wired.start();
  const host: { addController(c: CheckoutController): void; requestUpdate(): void; controller?: CheckoutController; updates: number } = {
    addController: (c) => {
      host.controller = c;
    },
    requestUpdate: () => {
      host.updates += 1;
    },
    updates: 0,
  };
  const c = new CheckoutController(host as never, () => services);
  c.hostConnected();
  const keys = (...ks: PayKey[]) => {
    for (const k of ks) c.key(k);
  };
  const type = (text: string) => keys(...[...text].map((ch) => ch as PayKey));
  return { env, c, keys, type, busy, services, host };
}

describe('CheckoutController', () => {
  it('amount, Enter, code, Enter → pays once and shows success; busy during the sale only', async () => {
    const t = setup((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(2)) : status(3) }));
    t.type('12.3');
    expect(t.c.state).toEqual({ phase: 'amount', text: '12.3' });
    t.keys('enter');
    await t.env.run(0);
    expect(t.c.state.phase).toBe('awaiting_code');
    t.type('135005875955002257');
    t.keys('enter', 'enter');
    await t.env.run(10_000);
    expect(t.c.state).toMatchObject({ phase: 'success', amount: 1230, platform: 'wechat' });
    expect(t.env.calls('brief_micro_pay')).toHaveLength(1);
    expect(t.busy.at(-1)).toBe(false);
    expect(t.busy).toContain(true);
  });

  it('a key of the code updates code$ (the code line) and asks no screen update (issue 21)', async () => {
    const t = setup((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(2)) : status(3) }));
    t.type('1');
    t.keys('enter');
    await t.env.run(0);
    expect(t.c.state.phase).toBe('awaiting_code');
    const lines: string[] = [];
    const sub = t.c.code$.subscribe((x) => lines.push(x));
    const updates = t.host.updates;
    t.type('1350');
    t.keys('backspace', '.');
    expect(t.host.updates).toBe(updates);
    expect(lines).toEqual(['', '1', '13', '135', '1350', '135']);
    expect(t.c.code).toBe('135');
    sub.unsubscribe();
  });

  it('a key of the amount updates amount$ (<pay-amount>) and asks no screen update; a refusal and its correction do (issue 21)', () => {
    const t = setup(() => ({ outcome: status(3) }));
    const shown: string[] = [];
    const sub = t.c.amount$.subscribe((x) => shown.push(x));
    t.type('1'); // idle → amount: the screen changes phase
    const updates = t.host.updates;
    t.type('2.3');
    t.keys('backspace', 'escape', '4');
    expect(t.host.updates).toBe(updates);
    expect(shown).toEqual(['', '1', '12', '12.', '12.3', '12.', '', '4']);
    t.c.refuseChar('x'); // refused: the message shows
    expect(t.host.updates).toBe(updates + 1);
    t.keys('escape'); // the refusal goes: the screen again
    expect(t.host.updates).toBe(updates + 2);
    expect(t.c.state).toEqual({ phase: 'amount', text: '' });
    sub.unsubscribe();
  });

  it("the customer code's keys and Enter hold the keep-warm pings (none between the code and its request)", async () => {
    const t = setup((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(2)) : status(3) }));
    let holds = 0;
    (t.services.cpay as { hold?: () => void }).hold = () => (holds += 1);
    t.type('1');
    t.keys('enter');
    await t.env.run(0);
    expect(holds).toBe(0); // the amount's keys do not hold them
    t.type('135005875955002257');
    t.keys('enter');
    expect(holds).toBe(19);
  });

  it('refuses a zero amount with its reason and sends nothing', async () => {
    const t = setup(() => ({ outcome: status(3) }));
    t.type('0.00');
    t.keys('enter');
    await t.env.run(1_000);
    expect(t.c.state).toEqual({ phase: 'amount', text: '0.00', error: { kind: 'zero' } });
    expect(t.env.calls()).toEqual([]);
  });

  it('Escape while waiting for the code cancels the sale', async () => {
    const t = setup(() => ({ outcome: status(3) }));
    t.type('1');
    t.keys('enter');
    await t.env.run(0);
    t.type('1350');
    t.keys('escape');
    await t.env.run(1_000);
    expect(t.c.state.phase).toBe('cancelled');
    expect(t.env.calls('brief_micro_pay')).toEqual([]);
  });

  it('hands an unknown result to reconciliation, which settles the screen', async () => {
    let paid = false;
    const t = setup((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(1)) : queryState(paid ? wx(2) : wx(1)) }));
    t.type('2');
    t.keys('enter');
    await t.env.run(0);
    t.type('135005875955002257');
    t.keys('enter');
    await t.env.run(125_000);
    expect(t.c.state.phase).toBe('unknown');
    paid = true;
    t.keys('enter'); // "query again"
    await t.env.run(126_000);
    expect(t.c.state).toMatchObject({ phase: 'success', amount: 200 });
    expect(t.c.notice).toContain('已确认');
  });

  it('转后台确认: a password wait is set aside, the next sale runs at once, the first settles in the tray', async () => {
    let firstPaid = false;
    const t = setup((e, _n, req) => {
      if (e === 'brief_micro_pay') return { outcome: micropayState(JSON.stringify(req).includes('"totalFee":200') ? wx(9) : wx(2)) };
      return { outcome: queryState(firstPaid ? wx(2) : wx(9)) }; // only the first order is ever queried
    });
    t.type('2');
    t.keys('enter');
    await t.env.run(0);
    t.type('135005875955002257');
    t.keys('enter');
    await t.env.run(3_000);
    expect(t.c.state).toMatchObject({ phase: 'polling', userPaying: true });
    const firstNo = 'outTradeNo' in t.c.state ? t.c.state.outTradeNo : '';
    expect(t.c.canSetAside).toBe(true);
    t.c.setAside();
    expect(t.c.state.phase).toBe('idle');
    expect(t.busy.at(-1)).toBe(false);
    expect(t.c.tray.entries).toMatchObject([{ outTradeNo: firstNo, amount: 200, status: 'waiting', userPaying: true }]);
    t.type('3');
    t.keys('enter');
    await t.env.run(3_100);
    t.type('135005875955002258');
    t.keys('enter');
    await t.env.run(4_000);
    expect(t.c.state).toMatchObject({ phase: 'success', amount: 300 });
    firstPaid = true;
    await t.env.run(30_000);
    expect(t.c.tray.entries).toMatchObject([{ outTradeNo: firstNo, status: 'settled', result: { outcome: 'success', amount: 200 } }]);
    expect(t.c.state).toMatchObject({ phase: 'success', amount: 300 }); // the screen keeps its own sale
    expect(t.env.said.filter(([, x]) => x.kind === 'payment_success')).toHaveLength(2);
    expect(t.env.calls().filter((c) => /close|reverse|cancel/.test(c.endpoint))).toEqual([]);
  });

  it('uses the maximum amount and sub_terminal_type from the settings', async () => {
    const t = setup((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(2)) : status(3) }), true, { maxAmountFen: 1_000, subTerminalType: 77 });
    t.type('10.01');
    t.keys('enter');
    await t.env.run(1_000);
    expect(t.c.state).toEqual({ phase: 'amount', text: '10.01', error: { kind: 'over_max', max: 1_000 } });
    t.keys('backspace', 'backspace', 'backspace');
    t.keys('enter');
    await t.env.run(1_000);
    t.type('135005875955002257');
    t.keys('enter');
    await t.env.run(10_000);
    expect(t.c.state).toMatchObject({ phase: 'success', amount: 1_000 });
    expect(t.env.calls('brief_micro_pay')[0]).toMatchObject({ req: { subTerminalType: 77 } });
  });

  it('a sale cut off by the screen going away is reconciled app-wide, settled and announced', async () => {
    let paid = false;
    const t = setup((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(1)) : queryState(paid ? wx(2) : wx(1)) }));
    t.type('3');
    t.keys('enter');
    await t.env.run(0);
    t.type('135005875955002257');
    t.keys('enter');
    await t.env.run(5_000);
    expect(t.c.state.phase).toBe('polling');
    const otn = t.c.state.phase === 'polling' ? t.c.state.outTradeNo : '';
    t.c.hostDisconnected();
    paid = true;
    const settled: string[] = [];
    t.services.recovery.settled$.subscribe((e) => settled.push(`${e.result.outTradeNo}:${e.result.outcome}`));
    await t.env.run(120_000);
    expect(settled).toEqual([`${otn}:success`]);
    expect(t.env.journal.get(otn)?.status).toBe('success');
    expect(t.env.said.map(([, x]) => x.kind)).toContain('payment_success');
  });

  describe('a scanned code where an amount is expected (a duplicate scan after a sale)', () => {
    /** Types `text` then Enter with the given gaps between keys (ms): a scanner, a stalling scanner, a person. */
    const timed = (t: ReturnType<typeof setup>, text: string, gap: (i: number) => number) => {
      let at = 1_000;
      for (const [i, ch] of [...text, 'enter'].entries()) {
        at += gap(i);
        t.c.key(ch as PayKey, at);
      }
    };
    async function afterSuccess() {
      const t = setup((e) => ({ outcome: e === 'brief_micro_pay' ? micropayState(wx(2)) : status(3) }));
      t.type('0.42');
      t.keys('enter');
      await t.env.run(0);
      t.type('135005875955002257');
      t.keys('enter');
      await t.env.run(10_000);
      expect(t.c.state).toMatchObject({ phase: 'success', amount: 42 });
      return t;
    }

    it('keys 3–10 ms apart + Enter: refused with its warning, the result stays, nothing is sent', async () => {
      const t = await afterSuccess();
      timed(t, '135005875955002257', (i) => 3 + (i % 8));
      await t.env.run(11_000);
      expect(t.c.state).toMatchObject({ phase: 'success', amount: 42 });
      expect(t.c.inputWarning).toBe('刚才扫到的是付款码，不是金额：请先输入金额并确认，再扫码。');
      expect(t.env.calls('brief_micro_pay')).toHaveLength(1);
      t.type('1');
      expect(t.c.state).toEqual({ phase: 'amount', text: '1' }); // the next sale starts clean
    });

    it('a scanner that stalls mid-code (120 ms after 12 keys, 90 ms before Enter) is still a scanner', async () => {
      const t = await afterSuccess();
      timed(t, '135005875955002257', (i) => (i === 12 ? 120 : i === 18 ? 90 : 6));
      expect(t.c.state).toMatchObject({ phase: 'success', amount: 42 });
      expect(t.c.inputWarning).not.toBe('');
    });

    it('a cashier typing 18 digits (80 ms apart, a few quick pairs) gets the amount rules, not the scan warning', async () => {
      const t = await afterSuccess();
      timed(t, '135005875955002257', (i) => (i % 3 === 0 ? 40 : 80));
      expect(t.c.inputWarning).toBe('');
      expect(t.c.state).toMatchObject({ phase: 'amount', error: { kind: 'over_max' } });
    });
  });

  it('does not pay when the terminal is not bound', async () => {
    const t = setup(() => ({ outcome: status(3) }), false);
    t.type('1');
    t.keys('enter');
    await t.env.run(1_000);
    expect(t.c.state.phase).toBe('amount');
    expect(t.c.notice).not.toBe('');
  });
});
