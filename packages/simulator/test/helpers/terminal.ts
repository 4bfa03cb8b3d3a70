/**
 * A minimal cpay terminal for tests: it talks to the simulator only through the wire, using the
 * protocol package's prepareRequest/readResponse as a real client does.
 */
import {
  ENDPOINTS,
  buildBindQrUrl,
  decryptAuthenKey,
  fen,
  hmacSha256Hex,
  prepareRequest,
  readResponse,
  type BindInfo,
  type EndpointName,
  type MchKey,
  type OrderClient,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from '@cpay/protocol';
import { createSimulator, DEMO_DEVICE, type Simulator, type SimulatorOptions } from '../../src/index.js';

/** Sends one HTTP-ish request and returns status + body text. */
export type Transport = (req: { method: string; path: string; body: string }) => Promise<{ status: number; body: string }>;

/** Straight into the simulator (no HTTP). */
export const coreTransport =
  (sim: Simulator): Transport =>
  async (req) => {
    const r = await sim.handle(req);
    return { status: r.status, body: r.body };
  };

/** Over real HTTP with fetch. */
export const httpTransport =
  (base: URL | string): Transport =>
  async (req) => {
    const res = await fetch(new URL(req.path, base), {
      method: req.method,
      body: req.method === 'GET' ? undefined : req.body,
      headers: { 'content-type': 'application/json' },
    });
    return { status: res.status, body: await res.text() };
  };

let counter = 0;
const nonce = (n: number) => `${'n'.repeat(n)}${++counter}`.slice(-n).padStart(n, 'x');

/** The terminal: initial key, and after binding the binding data and payment key. */
export class TestTerminal {
  binding?: BindInfo & { paymentKey: string };
  seq = 0;
  constructor(
    readonly send: Transport,
    readonly device = DEMO_DEVICE,
    readonly clock: () => number = Date.now,
  ) {}

  get sn(): string {
    return this.device.sn;
  }
  get paymentKey(): string {
    return this.bound.paymentKey;
  }
  get bound(): BindInfo & { paymentKey: string } {
    if (!this.binding) throw new Error('terminal not bound');
    return this.binding;
  }

  /** Calls an endpoint with the key the endpoint needs; returns the raw body as well. */
  async call<E extends EndpointName>(endpoint: E, req: RequestOf<E>): Promise<{ reply: Reply<ResponseOf<E>>; body: string; httpStatus: number }> {
    const key = ENDPOINTS[endpoint].key === 'initial' ? this.device.initialKey : ENDPOINTS[endpoint].key === 'payment' ? this.paymentKey : null;
    const prepared = await prepareRequest(endpoint, req, key);
    const res = await this.send(prepared);
    return { reply: await readResponse(endpoint, res.body, key), body: res.body, httpStatus: res.status };
  }

  ts(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** Runs the whole new-flow binding; `confirm` plays the merchant scanning the QR. */
  async bind(confirm: (qrUrl: string) => Promise<unknown>): Promise<void> {
    const qr = await this.call('generate_bill_device_bind_qr_code', { snCode: this.sn, appCpayVersion: '1.0.0', nonce: 'ab12cd34', timestamp: this.ts() });
    const body = qr.reply.body;
    if (!body) throw new Error(`no QR data: ${qr.reply.description}`);
    const url = await buildBindQrUrl({
      activator: body.activator,
      nonce: 'c44f32e0',
      sn: this.sn,
      initialKey: this.device.initialKey,
      keyCase: 'lower',
      miniProgramUrl: body.miniProgramUrl,
    });
    await confirm(url);
    const info = await this.call('get_bill_device_bind_info', { snCode: this.sn, token: body.token, nonce: 'ef56gh78', timestamp: this.ts() });
    const b = info.reply.body;
    if (!b || !b.activated) throw new Error(`not activated: ${info.reply.description}`);
    const paymentKey = await decryptAuthenKey(b.eAuthenKey ?? '', this.device.initialKey);
    this.binding = { ...b, paymentKey };
  }

  /** check_bill_device_bind_info with the terminal's stored binding. */
  async check() {
    const n = nonce(8);
    return this.call('check_bill_device_bind_info', {
      snCode: this.sn,
      outShopId: this.bound.outShopId,
      deviceId: this.bound.deviceId,
      nonce: n,
      hashContent: await hmacSha256Hex(this.paymentKey, n),
      timestamp: this.ts(),
    });
  }

  /** A fresh order number with the binding's prefix. */
  orderNo(): string {
    return `${this.bound.cloudCashierId}${Date.now() % 1e9}${String(++this.seq).padStart(4, '0')}`;
  }

  pay(otn: string, authCode: string, totalFee: number) {
    return this.call('brief_micro_pay', {
      snCode: this.sn,
      outShopId: this.bound.outShopId,
      nonce: nonce(32),
      outTradeNo: otn,
      authCode,
      totalFee: fen(totalFee),
      body: '测试商品',
      deviceId: this.bound.deviceId,
      subTerminalType: 2451,
    });
  }

  query(otn: string) {
    return this.call('brief_query_order', {
      outShopId: this.bound.outShopId,
      nonce: nonce(32),
      outTradeNo: otn,
      deviceId: this.bound.deviceId,
      snCode: this.sn,
    });
  }

  mchKey(payPlatform: 1 | 2 | 3): MchKey {
    return { payPlatform, outMchId: this.bound.outMchId, outSubMchId: this.bound.outSubMchId, outShopId: this.bound.outShopId };
  }

  client(): OrderClient {
    return {
      deviceId: this.bound.deviceId,
      terminalType: 2,
      subTerminalType: 2451,
      machineNo: 'M1',
      sdkVersion: '1.0',
      spbillCreateIp: '127.0.0.1',
      snCode: this.sn,
    };
  }

  refund(otn: string, orn: string, totalFee: number, refundFee: number, payPlatform: 1 | 2 | 3) {
    return this.call('refund', {
      outTradeNo: otn,
      outRefundNo: orn,
      totalFee: fen(totalFee),
      refundFee: fen(refundFee),
      mchKey: { ...this.mchKey(payPlatform), isSubMchAdmin: true },
      client: this.client(),
      nonce: nonce(32),
    });
  }
}

/** A fixed start time for deterministic tests (2025-10-09T08:53:20Z). */
export const T0 = 1_760_000_000_000;

/** A simulator on a frozen clock (moved only by sim.advance) and a terminal talking to its core. */
export function coreSetup(seed = 1, opts: Omit<SimulatorOptions, 'clock' | 'seed'> = {}): { sim: Simulator; t: TestTerminal } {
  const sim = createSimulator({ ...opts, seed, clock: () => T0 });
  return { sim, t: new TestTerminal(coreTransport(sim), DEMO_DEVICE, () => sim.now()) };
}

/** coreSetup plus a completed binding. */
export async function boundSetup(seed = 1, opts: Omit<SimulatorOptions, 'clock' | 'seed'> = {}): Promise<{ sim: Simulator; t: TestTerminal }> {
  const s = coreSetup(seed, opts);
  await s.t.bind((qrUrl) => s.sim.confirmBinding({ qrUrl }));
  return s;
}
