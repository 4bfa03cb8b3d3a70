/**
 * The refund screen in Chromium with a real keyboard: a receipt number typed by a keyboard-wedge
 * scanner opens its order wherever the focus is, is left to the lookup field when that field has
 * the focus, and never lands in (nor submits) the refund amount.
 */
import { BehaviorSubject, asyncScheduler, fromEvent, of, type Observable, type Subscription } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { EndpointName } from '@cpay/protocol';
import type { CoreServices } from '../../app/context/services.js';
import { composeFlows } from '../../app/compose/flows.js';
import { AppSignals } from '../../app/context/signals.js';
import { ScanHub, wedgeScans, type RawScan } from '../../platform/devices/scanner/index.js';
import type { AfterSaleServices } from './refund-services.js';
import type { CallOutcome, CpayPort } from '../../platform/net/ports.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { WedgeTakeBack } from './refund-scans.js';
import type { RefundScreen } from './refund-screen.js';
import './refund-screen.js';

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
/** The order on screen, and another receipt of this terminal that gets scanned. */
const SHOWN = '010000521234561763776800000';
const SCANNED = '010000521234561763776899999';
/** Timing is not under test here: a loaded CI machine may type slower than a scanner. */
const LENIENT = { maxGapMs: 1_000, maxEnterGapMs: 1_000, minLength: 8 } as const;

let screen: RefundScreen;
let hubConnection: Subscription;
let calls: { endpoint: EndpointName; outTradeNo: string | undefined }[];

/** A cpay answer (status 0 with `body`, or refused with `status`). */
const answer = (body: unknown, status = 0): CallOutcome<never> =>
  ({
    kind: 'reply',
    reply: { status, description: status ? 'unexpected' : '', internalStatus: 0, body },
    httpStatus: 200,
    durationMs: 1,
  }) as CallOutcome<never>;

/** A cpay that knows every order as a paid 2.00 WeChat order without refunds. */
const cpay: CpayPort = {
  warmup: () => undefined,
  call(endpoint: EndpointName, req: unknown): Observable<CallOutcome<never>> {
    const outTradeNo = (req as { outTradeNo?: string }).outTradeNo;
    calls.push({ endpoint, outTradeNo });
    const body =
      endpoint === 'brief_query_order'
        ? { platform: 'wechat', outTradeNo, totalFee: 200, state: { platform: 'wechat', cts: 2 } }
        : endpoint === 'brief_query_order_list'
          ? { totalCount: 0, items: [] }
          : undefined;
    return of(body ? answer(body) : answer(undefined, 104));
  },
};

const lookedUp = () => calls.filter((c) => c.endpoint === 'brief_query_order').map((c) => c.outTradeNo);
const field = (selector: string): HTMLInputElement => {
  const el = screen.renderRoot.querySelector(selector) ?? screen.renderRoot.querySelector('refund-form')?.renderRoot.querySelector(selector);
  if (!(el instanceof HTMLInputElement)) throw new Error(`${selector} is not on the refund screen`);
  return el;
};

beforeEach(async () => {
  calls = [];
  const hub = new ScanHub(() => ({ orderPrefix: BINDING.cloudCashierId }));
  hubConnection = hub.connect([wedgeScans(fromEvent<KeyboardEvent>(window, 'keydown'), LENIENT)]);
  const pinGate = { required: async () => false, verify: async () => false, set: async () => undefined };
  const core = {
    cpay,
    scheduler: asyncScheduler,
    clock: { serverNow: () => Date.now() },
    journal: { get: async () => undefined },
    orderNumbers: { next: async () => '' },
    signals: new AppSignals(),
    binding$: new BehaviorSubject(BINDING),
    preferences: { settings$: of({ appCpayVersion: '1.0.0' }), set: async () => undefined },
    afterSale: {
      refunds: { put: async () => undefined, forOrder: async () => [], listOpen: async () => [] },
      pin: pinGate,
      shifts: {},
      refundTarget$: new BehaviorSubject<string | undefined>(SHOWN),
      openRefund: () => undefined,
    },
    devices: { hub },
  } as unknown as CoreServices & { readonly afterSale: AfterSaleServices };
  const services = { ...core, ...composeFlows(core).services }; // wired as the composition root does
  screen = document.createElement('refund-screen');
  screen.services = services;
  document.body.append(screen);
  await expect.poll(() => screen.renderRoot.querySelector('refund-form')?.renderRoot.querySelector('[data-refund-amount]')).toBeTruthy();
  expect(field('[data-refund-amount]').value).toBe('2.00');
  expect(lookedUp()).toEqual([SHOWN]);
});

afterEach(() => {
  screen.remove();
  hubConnection.unsubscribe();
});

describe('refund screen: a receipt scanned by a keyboard-wedge scanner', () => {
  it('into the amount field: the amount keeps what the cashier typed, nothing is submitted, the scanned order opens', async () => {
    const amount = field('[data-refund-amount]');
    amount.value = '1.50';
    amount.focus();
    await userEvent.keyboard(`${SCANNED}{Enter}`);
    await expect.poll(lookedUp).toEqual([SHOWN, SCANNED]);
    await expect.poll(() => screen.renderRoot.querySelector('refund-order-card')?.renderRoot.textContent ?? '').toContain(SCANNED);
    await new Promise((r) => setTimeout(r, 100)); // a submitted refund would look the shown order up again, then refund
    expect(amount.value).toBe('1.50');
    expect(lookedUp()).toEqual([SHOWN, SCANNED]);
    expect(calls.filter((c) => c.endpoint === 'refund')).toEqual([]);
    expect(screen.renderRoot.querySelector('refund-form')?.renderRoot.querySelector('[data-refund-message]')).toBeNull();
  });

  it('with no field focused: the scanned order opens (the scan is not lost)', async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard(`${SCANNED}{Enter}`);
    await expect.poll(lookedUp).toEqual([SHOWN, SCANNED]);
  });

  it('into the focused lookup field: the field gets it and its form looks it up, once', async () => {
    const lookup = field('[data-refund-lookup]');
    lookup.focus();
    await userEvent.keyboard(`${SCANNED}{Enter}`);
    await expect.poll(lookedUp).toEqual([SHOWN, SCANNED]);
    await new Promise((r) => setTimeout(r, 100));
    expect(lookedUp()).toEqual([SHOWN, SCANNED]);
    expect(lookup.value).toBe(SCANNED);
    await userEvent.keyboard(`${SHOWN}{Enter}`); // a second receipt into the same, still-focused field
    await expect.poll(lookedUp).toEqual([SHOWN, SCANNED, SHOWN]);
    expect(lookup.value).toBe(SHOWN);
  });
});

describe('WedgeTakeBack', () => {
  it("restores each field the burst typed into and cancels only the burst's Enter", () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const input = document.createElement('input');
    root.append(input);
    document.body.append(host);
    const takeBack = new WedgeTakeBack(
      { addController: () => undefined, removeController: () => undefined, requestUpdate: () => undefined, updateComplete: Promise.resolve(true) },
      document,
    );
    takeBack.hostConnected();
    const scans: RawScan[] = [];
    const sub = wedgeScans(fromEvent<KeyboardEvent>(window, 'keydown'), LENIENT).subscribe((s) => {
      scans.push(s);
      takeBack.takeBack(s);
    });
    const press = (key: string): KeyboardEvent => {
      const e = new KeyboardEvent('keydown', { key, code: key === 'Enter' ? 'Enter' : `Digit${key}`, bubbles: true, composed: true, cancelable: true });
      input.dispatchEvent(e);
      if (key !== 'Enter' && !e.defaultPrevented) input.value += key; // what the browser's default action would type
      return e;
    };
    input.value = '3.00';
    input.focus();
    expect(press('Enter').defaultPrevented).toBe(false); // a cashier's own Enter is left alone
    for (const ch of SCANNED) press(ch);
    expect(input.value).toBe(`3.00${SCANNED}`);
    const enter = press('Enter');
    expect(scans.map((s) => s.text)).toEqual([SCANNED]);
    expect(enter.defaultPrevented).toBe(true);
    expect(input.value).toBe('3.00');
    sub.unsubscribe();
    takeBack.hostDisconnected();
    host.remove();
  });
});
