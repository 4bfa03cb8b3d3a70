/** The refund controller's scan routing, with the real scan hub, a fake host and the refund test ports. */
import { BehaviorSubject, Subject, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CoreServices } from '../../app/context/services.js';
import { composeFlows } from '../../app/compose/flows.js';
import { AppSignals } from '../../app/context/signals.js';
import { ScanHub, type ClassifiedScan, type RawScan } from '../../platform/devices/scanner/index.js';
import type { AfterSaleServices } from './refund-services.js';
import { status } from '../../testing/pay-test-kit.js';
import { OTN, merchantList, paidOrder, refundEnv, refundList } from '../../testing/refund-test-kit.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { RefundController } from './refund-controller.js';
import { refundScanOf } from './refund-scans.js';

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
/** Another paid order of this terminal (our prefix). */
const OTHER = '010000521234561763776899999';

/** The controller on a real hub; `focus.lookup` says whether the lookup field has the focus. */
function setup(settings: Record<string, unknown> = {}, opts: { journal?: boolean; briefDelayMs?: number } = {}) {
  const env = refundEnv(
    (endpoint) => {
      if (endpoint === 'brief_query_order') return { outcome: paidOrder(200), ...(opts.briefDelayMs === undefined ? {} : { delayMs: opts.briefDelayMs }) };
      if (endpoint === 'brief_query_order_list') return { outcome: refundList() };
      if (endpoint === 'query_order_list') return { outcome: merchantList() };
      return { outcome: status(101, 0, `unexpected ${endpoint}`) };
    },
    { journal: opts.journal ?? false },
  );
  const hub = new ScanHub(() => ({ orderPrefix: BINDING.cloudCashierId }));
  const scans = new Subject<RawScan>();
  hub.connect([scans]);
  const unclaimed: ClassifiedScan[] = [];
  hub.unclaimed$.subscribe((x) => unclaimed.push(x));
  const core = {
    cpay: env.deps.cpay,
    clock: env.deps.clock,
    scheduler: env.ts,
    journal: env.deps.journal,
    orderNumbers: env.deps.orderNumbers,
    signals: new AppSignals(),
    binding$: new BehaviorSubject<BindingRecord | undefined>(BINDING),
    preferences: { settings$: of({ appCpayVersion: '1.0.0', ...settings }), set: async () => undefined },
    afterSale: {
      refunds: env.deps.ledger,
      pin: { ...env.deps.pin, set: async () => undefined },
      shifts: {},
      refundTarget$: new BehaviorSubject<string | undefined>(undefined),
      openRefund: () => undefined,
    },
    devices: { hub },
  } as unknown as CoreServices & { readonly afterSale: AfterSaleServices };
  const services = { ...core, ...composeFlows(core).services }; // wired as the composition root does
  const focus = { lookup: false };
  const takenBack: RawScan[] = [];
  const host = { addController: () => undefined, requestUpdate: () => undefined };
  const c = new RefundController(host as never, () => services, {
    lookupFocused: () => focus.lookup,
    takeBack: (scan) => {
      takenBack.push(scan);
    },
  });
  c.hostConnected();
  const queried = () => env.calls('brief_query_order').map((x) => (x.req as { outTradeNo: string }).outTradeNo);
  return { env, c, scans, unclaimed, focus, takenBack, queried };
}

const wedge = (text: string): RawScan & { startedAt: number } => ({ text, source: 'wedge', at: 1_000, startedAt: 900 });

describe('RefundController: receipt barcodes from the scan hub', () => {
  it('a HID, camera or sandbox scan opens the order wherever the focus is, with nothing to take back', async () => {
    for (const source of ['hid', 'camera', 'sandbox'] as const) {
      const t = setup();
      t.focus.lookup = source === 'hid';
      t.scans.next({ text: OTN, source, at: 1 });
      expect(t.c.state.lookingUp).toBe(OTN);
      await t.env.run(10_000);
      expect(t.c.state.order?.outTradeNo).toBe(OTN);
      expect(t.queried()).toEqual([OTN]);
      expect(t.takenBack).toEqual([]);
      expect(t.unclaimed).toEqual([]);
      t.c.hostDisconnected();
    }
  });

  it('a wedge scan with the lookup field unfocused opens the order (it used to be claimed and dropped)', async () => {
    const t = setup();
    const scan = wedge(OTN);
    t.scans.next(scan);
    expect(t.takenBack).toEqual([scan]); // synchronously, while its Enter is still being dispatched
    expect(t.c.state.lookingUp).toBe(OTN);
    await t.env.run(10_000);
    expect(t.c.state.order?.outTradeNo).toBe(OTN);
    expect(t.unclaimed).toEqual([]);
    t.c.hostDisconnected();
  });

  it('a wedge scan into the amount field of a shown order opens the scanned order and never becomes a refund', async () => {
    const t = setup();
    t.c.lookup(OTN);
    await t.env.run(10_000);
    expect(t.c.state.order?.outTradeNo).toBe(OTN);
    const scan = wedge(OTHER); // the amount field has the focus: not the lookup field
    t.scans.next(scan);
    expect(t.takenBack).toEqual([scan]);
    expect(t.c.state.lookingUp).toBe(OTHER);
    await t.env.run(20_000);
    expect(t.queried()).toEqual([OTN, OTHER]);
    expect(t.env.calls('refund')).toEqual([]);
    expect(t.c.state.refusal).toBeUndefined();
    t.c.hostDisconnected();
  });

  it('a wedge scan into the focused lookup field is left to that field (its form looks it up on the Enter)', async () => {
    const t = setup();
    t.focus.lookup = true;
    t.scans.next(wedge(OTN));
    await t.env.run(10_000);
    expect(t.c.state.lookingUp).toBeUndefined();
    expect(t.queried()).toEqual([]);
    expect(t.takenBack).toEqual([]);
    expect(t.unclaimed).toEqual([]); // claimed: the shell shows no "not expected here"
    t.c.hostDisconnected();
  });

  it('after the screen is left, order numbers are no longer claimed', () => {
    const t = setup();
    t.c.hostDisconnected();
    t.scans.next({ text: OTN, source: 'hid', at: 1 });
    expect(t.unclaimed.map((x) => x.class.kind)).toEqual(['order_no']);
  });
});

describe('refundScanOf', () => {
  const scan = (source: RawScan['source']): ClassifiedScan => ({ scan: { text: OTN, source, at: 0 }, class: { kind: 'order_no', orderNo: OTN } });

  it('opens the order; a wedge scan only when the lookup field does not have it, and then it is taken back', () => {
    expect(refundScanOf(scan('hid'), true)).toEqual({ orderNo: OTN, takeBack: false });
    expect(refundScanOf(scan('camera'), false)).toEqual({ orderNo: OTN, takeBack: false });
    expect(refundScanOf(scan('wedge'), false)).toEqual({ orderNo: OTN, takeBack: true });
    expect(refundScanOf(scan('wedge'), true)).toBeUndefined();
  });

  it("anything but an order number is not the refund screen's", () => {
    expect(refundScanOf({ scan: { text: 'x', source: 'hid', at: 0 }, class: { kind: 'unknown', text: 'x' } }, false)).toBeUndefined();
  });
});

describe('RefundController: the terminal identity of a refund (issue 14 point 1)', () => {
  it("sends the settings' sub_terminal_type and spbill_create_ip, as payments do (003 L10716)", async () => {
    const t = setup({ subTerminalType: 31337, spbillCreateIp: '192.168.8.23' });
    t.c.lookup(OTN);
    await t.env.run(10_000);
    t.c.refund('0.50', '');
    await t.env.run(30_000);
    const client = (t.env.calls('refund')[0]?.req as { client: { subTerminalType: number; spbillCreateIp: string } } | undefined)?.client;
    expect(client).toMatchObject({ subTerminalType: 31337, spbillCreateIp: '192.168.8.23' });
    t.c.hostDisconnected();
  });
});

describe("RefundController: a provisional card (this terminal's journal, cpay not answered yet) takes no refund (issue 21)", () => {
  it('refund() while the card is provisional sends nothing; once cpay has confirmed the order it does', async () => {
    const t = setup({}, { journal: true, briefDelayMs: 5_000 });
    t.c.lookup(OTN);
    await t.env.run(1_000);
    expect(t.c.state.order).toMatchObject({ outTradeNo: OTN, provisional: true, refundable: false });
    t.c.refund('0.01', '');
    await t.env.run(20_000);
    expect(t.env.calls('refund')).toEqual([]);
    expect(t.c.state.order).toMatchObject({ outTradeNo: OTN, total: 200, refundable: true });
    expect(t.c.state.order?.provisional).toBeUndefined();
    t.c.refund('0.01', '');
    await t.env.run(60_000);
    expect(t.env.calls('refund')).toHaveLength(1);
    t.c.hostDisconnected();
  });
});
