/**
 * The out-of-the-box world: one registered demo terminal and one demo merchant/shop, plus
 * createSimState which builds a fresh state from a seed.
 */
import type { DeviceRecord, ShopRecord, SimOptions, SimState } from './state.js';

/** The pre-registered demo terminal (full sn `<COMPANY>_<MODEL>_<sn>` and its initial key). */
export const DEMO_DEVICE: DeviceRecord = { sn: 'CPAYSIM_WEB1_SIM0000001', initialKey: 'K3Q9D2M7X1C8V5B4N6Z0L2P8R4T6Y1W3' };

/** The demo merchant and shop every binding points at; 8-digit numeric order prefix (spec §4). */
export const DEMO_SHOP: ShopRecord = {
  outMchId: 'sz01CpaySimMch000001',
  outSubMchId: 'sz01CpaySimSub000001',
  cloudCashierId: '01000052',
  outShopId: 'sz01CpaySimShop00001',
  shopName: '云支付演示店',
};

/** Default tunables (see SimOptions). */
export const DEFAULT_OPTIONS: SimOptions = {
  slowMs: 5_000,
  refundSettleMs: 2_000,
  maxSkewSeconds: 300,
  aesKeyCase: 'as-stored',
  bindWrappers: 'example',
  miniProgramUrl: 'https://payapp.weixin.qq.com/smartqr/entry/home',
  passwordAfter: 0,
  trailingNewline: false,
};

/** Options of createSimState. */
export interface CreateSimStateOptions {
  /** PRNG seed (default 1). Same seed + same requests → same answers. */
  readonly seed?: number;
  /** Register the demo device (default true). */
  readonly demo?: boolean;
  /** More devices to register. */
  readonly devices?: readonly DeviceRecord[];
  /** Overrides of the tunables. */
  readonly options?: Partial<SimOptions>;
}

/** A fresh simulator state. */
export function createSimState(opts: CreateSimStateOptions = {}): SimState {
  const devices: Record<string, DeviceRecord> = {};
  for (const d of [...(opts.demo === false ? [] : [DEMO_DEVICE]), ...(opts.devices ?? [])]) devices[d.sn] = { ...d };
  const seed = (opts.seed ?? 1) | 0;
  return {
    rng: seed,
    seed,
    skewMs: 0,
    options: { ...DEFAULT_OPTIONS, ...opts.options },
    devices,
    shop: { ...DEMO_SHOP },
    bindings: {},
    qrs: {},
    legacyConfigs: {},
    orders: {},
    refunds: {},
    reports: [],
    faults: [],
    deviceSeq: 0,
  };
}
