/**
 * The simulator's whole state as one plain, cloneable value. Handlers receive a clone, change it
 * and return it, so `handle(state, request, now)` never mutates its input.
 */
import type { DepositBook } from './deposit-state.js';
import type { AbstractState, RefundState } from './order-states.js';
import type { Fault } from './faults.js';
import type { Platform } from './platforms.js';
import type { ScenarioName } from './scenarios.js';

/** A registered terminal (spec §5.6): full sn → initial key. */
export interface DeviceRecord {
  readonly sn: string;
  readonly initialKey: string;
}

/** The merchant side a binding points at (one demo merchant, one demo shop). */
export interface ShopRecord {
  readonly outMchId: string;
  readonly outSubMchId: string;
  readonly cloudCashierId: string;
  readonly outShopId: string;
  readonly shopName: string;
}

/** An sn bound to a logical device of a shop, with its own payment key. */
export interface Binding extends ShopRecord {
  readonly sn: string;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly deviceShiftType: number;
  paymentKey: string;
  active: boolean;
  readonly boundAt: number;
  readonly via: 'qr' | 'legacy' | 'preset';
}

/** A binding QR handed out by generate_bill_device_bind_qr_code. */
export interface BindQr {
  readonly sn: string;
  readonly activator: string;
  readonly token: string;
  readonly createdAt: number;
  readonly ttlSeconds: number;
  confirmedAt?: number;
}

/** A legacy configuration QR (use_device_setting), valid 5 minutes (spec §5.4). */
export interface LegacyConfig {
  readonly si: string;
  readonly outShopId: string;
  readonly deviceId: string;
  readonly createdAt: number;
  used: boolean;
}

/** A scheduled change of an order's abstract state. */
export interface Transition {
  readonly at: number;
  readonly to: AbstractState;
}

export type { AbstractState, RefundState } from './order-states.js';

/** One payment order: the server's truth. */
export interface Order {
  readonly outTradeNo: string;
  readonly platform: Platform;
  /** 1 micropay, 2 scan-code, 4 App pay (app_pay). */
  readonly tradeType: 1 | 2 | 4;
  readonly totalFee: number;
  readonly body: string;
  readonly authCode?: string;
  readonly codeUrl?: string;
  readonly sn: string;
  readonly deviceId: string;
  readonly outShopId: string;
  readonly scenario: ScenarioName;
  /** Canonical request content; a retry with different content is a re-entrancy (407). */
  readonly fingerprint: string;
  readonly createdAt: number;
  readonly transactionId: string;
  state: AbstractState;
  paidAt?: number;
  updatedAt: number;
  schedule: Transition[];
  /** micropay calls seen for this number (drives "103 then success", "status 3", "no answer"). */
  calls: number;
  refundNos: string[];
  history: { at: number; state: AbstractState }[];
  /** Deposit consumptions: the deposit the money came from; a refund must name it (003 L3915). */
  readonly outFreezeNo?: string;
}

/** One refund: the server's truth. */
export interface Refund {
  readonly outRefundNo: string;
  readonly outTradeNo: string;
  readonly platform: Platform;
  /** 1 micropay, 2 scan-code, 4 App pay (app_pay). */
  readonly tradeType: 1 | 2 | 4;
  readonly totalFee: number;
  readonly refundFee: number;
  readonly reason?: string;
  readonly fingerprint: string;
  readonly createdAt: number;
  readonly refundId: string;
  state: RefundState;
  settleAt?: number;
  settleTo?: RefundState;
  updatedAt: number;
  /**
   * The device that asked for the refund (RefundOrder.device_id, 003 L8128-8294); absent for a
   * refund made in the merchant console (`/sandbox/orders/{otn}/merchant-refund`). Device lists
   * (brief_query_order_list, di) show a refund under this device, not under the order's.
   */
  readonly deviceId?: string;
  readonly source?: 'terminal' | 'merchant';
}

/** One stored device_report. */
export interface StoredReport {
  readonly receivedAt: number;
  readonly sn: string;
  readonly content: Record<string, unknown>;
  readonly warnings: string[];
  /** How often this batch arrived: a repeat with the same sn and nonce_str is counted once. */
  deliveries: number;
}

/** Tunable behaviour. */
export interface SimOptions {
  /** Delay of the "slow answer" scenario (ms). */
  slowMs: number;
  /** Time a normal refund stays processing before it succeeds (ms). */
  refundSettleMs: number;
  /** Largest accepted difference between a binding request's timestamp and server time (s). */
  maxSkewSeconds: number;
  /** Passphrase case used to encrypt e_authen_key (spec §5.5 is silent). */
  aesKeyCase: 'as-stored' | 'lower';
  /** Wrapper key names of the binding replies: the seed example's or the table's (spec §15 #1, #2). */
  bindWrappers: 'example' | 'table';
  /** After this many paid micropays of one customer code in a day, the next asks for a password (0 = never; spec §13: WeChat, "more than 10"). */
  passwordAfter: number;
  /** Append "\n" to every signed inner text, as JsonCpp's FastWriter does (spec §3.5 item 6). */
  trailingNewline: boolean;
  /** Mini-program URL placed in binding QR data. */
  miniProgramUrl: string;
  /** Fee rate in basis points (fees.ts; default 60 = 0.60 %, 0 = no fees). */
  feeRateBps?: number;
}

/** The complete simulator state. */
export interface SimState {
  rng: number;
  readonly seed: number;
  /** Server clock skew: added to `now` for everything the server reports or checks (ms). */
  skewMs: number;
  options: SimOptions;
  devices: Record<string, DeviceRecord>;
  shop: ShopRecord;
  bindings: Record<string, Binding>;
  qrs: Record<string, BindQr>;
  legacyConfigs: Record<string, LegacyConfig>;
  orders: Record<string, Order>;
  refunds: Record<string, Refund>;
  reports: StoredReport[];
  faults: Fault[];
  deviceSeq: number;
  /** Deposits and app_pay orders (deposit-state.ts); absent until the first deposit call. */
  deposits?: DepositBook;
}
