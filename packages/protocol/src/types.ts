/**
 * Domain types of the cpay protocol: the names every other module uses.
 *
 * Wire names (`otn`, `tf`, `cts`, `request_content`, …) exist only in this package's codecs;
 * everything outside sees these camelCase shapes. Money is integer fen (`Fen`).
 * See ../../../../shared/spec/cpay-protocol.md (§6, §7, §8) for the field meanings.
 */

/** Integer amount in fen (1/100 yuan). Never a float. */
export type Fen = number & { readonly __brand: 'Fen' };

/** Brands a non-negative safe integer as fen; throws RangeError otherwise. */
export function fen(n: number): Fen {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not an amount in fen: ${n}`);
  return n as Fen;
}

/** PayPlatform (§8): 1 WeChat Pay, 2 Alipay, 3 member card (terminal guide), 4 bookkeeping. */
export const PayPlatform = { wechat: 1, alipay: 2, card: 3, bookkeeping: 4 } as const;
export type PayPlatformName = keyof typeof PayPlatform;
export type PayPlatformCode = (typeof PayPlatform)[PayPlatformName];

/** SubPayPlatform used by the brief list APIs: 100 WeChat, 200 Alipay, 300 member card/voucher. */
export const SubPayPlatform = { wechat: 100, alipay: 200, card: 300 } as const;

/** TradeType (§8). */
export const TradeType = { micropay: 1, scanCode: 2, officialAccount: 3, app: 4, sonic: 5, h5: 6, oneCode: 8, miniProgram: 9 } as const;

/** Per-platform order state as the wire carries it (`cts`, `current_trade_state`). */
export interface OrderStateOnWire {
  readonly platform: PayPlatformName;
  /** WxpayOrderState / AlipayOrderState / CardOrderState value. */
  readonly cts: number;
  /** WeChat `tsd` / `trade_state_desc`, when present. */
  readonly tradeStateDesc?: string;
}

/** What a terminal does with an order state (§10.2 step 6). */
export type OrderStateClass = 'success' | 'pending' | 'user_paying' | 'failed' | 'refunded' | 'deposit';

/** Fields every response carries (`status`/`s`, `description`/`d`, `log_id`/`li`, `internal_status`/`is`). */
export interface ResponseHead {
  readonly status: number;
  readonly description: string;
  readonly logId?: number;
  readonly internalStatus: number;
}

/** A decoded response: the head plus the endpoint's business object when present. */
export interface Reply<T> extends ResponseHead {
  readonly body?: T;
}

// ---------------------------------------------------------------- ping
/** ping takes no request fields (empty POST body). */
export type PingRequest = Readonly<Record<string, never>>;
/** Replies that carry no business object (check_bill_device_bind_info, unbind_device_sn_code). */
export type EmptyResponse = Readonly<Record<string, never>>;
export interface PingResponse {
  readonly timestamp: number;
  readonly status: number;
  readonly description: string;
}

// ---------------------------------------------------------------- binding (initial key)
export interface CheckBindRequest {
  readonly snCode: string;
  readonly outShopId: string;
  readonly deviceId: string;
  readonly nonce: string;
  /** HMAC-SHA256(paymentKey, nonce), upper-case hex. */
  readonly hashContent: string;
  readonly timestamp: number;
}

export interface GenerateBindQrRequest {
  readonly snCode: string;
  readonly appCpayVersion: string;
  readonly nonce: string;
  readonly timestamp: number;
  readonly mcc?: string;
  readonly mnc?: string;
  readonly lac?: string;
  readonly cellid?: string;
  readonly rss?: string;
}
export interface GenerateBindQrResponse {
  readonly activator: string;
  readonly token: string;
  readonly ttlSeconds: number;
  readonly miniProgramUrl: string;
  readonly intervalSeconds: number;
}

export interface GetBindInfoRequest {
  readonly snCode: string;
  readonly token: string;
  readonly nonce: string;
  readonly timestamp: number;
}
export interface BindInfo {
  readonly outMchId: string;
  readonly outSubMchId: string;
  readonly cloudCashierId: string;
  readonly authenType: number;
  /** Encrypted payment key (base64 salt ‖ AES-128-CBC); absent when only the clear `authenKey` came. */
  readonly eAuthenKey?: string;
  /** Clear payment key (legacy / the seed example's `authen_key`). */
  readonly authenKey?: string;
  readonly outShopId: string;
  readonly shopName: string;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly deviceShiftType?: number;
  readonly staffId?: string;
  readonly staffName?: string;
}
export type GetBindInfoResponse = { readonly activated: false; readonly nonce?: string } | ({ readonly activated: true; readonly nonce?: string } & BindInfo);

// ---------------------------------------------------------------- brief payment API (payment key)
export interface MicroPayRequest {
  readonly snCode: string;
  readonly outShopId: string;
  readonly nonce: string;
  readonly outTradeNo: string;
  readonly authCode: string;
  readonly totalFee: Fen;
  readonly body: string;
  readonly deviceId: string;
  readonly subTerminalType: number;
}
export interface MicroPayResponse {
  readonly state?: OrderStateOnWire;
  readonly nonce?: string;
}

export interface QueryOrderRequest {
  readonly outShopId: string;
  readonly nonce: string;
  readonly outTradeNo: string;
  readonly deviceId?: string;
  readonly snCode?: string;
}
export interface QueryOrderResponse {
  readonly platform: PayPlatformName;
  readonly outTradeNo: string;
  readonly totalFee: Fen;
  readonly state?: OrderStateOnWire;
  readonly nonce?: string;
}

export interface OrderListRequest {
  readonly subPayPlatforms?: readonly number[];
  readonly outSubMchId: string;
  readonly outShopId: string;
  readonly deviceId: string;
  /** 1 payments, 2 refunds, 3 all. */
  readonly orderType: 1 | 2 | 3;
  readonly startTime: number;
  readonly endTime: number;
  readonly pageNum: number;
  readonly pageSize: number;
  readonly tradeType?: number;
  readonly nonce: string;
}
export interface ListedOrder {
  readonly kind: 'order';
  readonly subPayPlatform?: number;
  readonly tradeType?: number;
  readonly outTradeNo: string;
  readonly totalFee?: Fen;
  readonly createTime: number;
  readonly state?: OrderStateOnWire;
}
export interface ListedRefund {
  readonly kind: 'refund';
  readonly subPayPlatform?: number;
  readonly tradeType?: number;
  readonly outTradeNo: string;
  readonly totalFee: Fen;
  readonly outRefundNo: string;
  readonly refundFee: Fen;
  readonly createTime: number;
  /** Refund state per platform (wx_rs / ali_rs / card_rs). */
  readonly refundState?: { readonly platform: PayPlatformName; readonly state: number };
}
export interface OrderListResponse {
  readonly totalCount: number;
  readonly items: readonly (ListedOrder | ListedRefund)[];
  readonly nonce?: string;
}

export type OverviewRequest = Omit<OrderListRequest, 'pageNum' | 'pageSize'>;
export interface OverviewRow {
  readonly subPayPlatform?: number;
  readonly tradeType?: number;
  readonly successCount: number;
  readonly successAmount: number;
  readonly settlementAmount: number;
  readonly discountAmount: number;
  readonly paySettleAmount: number;
  readonly refundSettleAmount: number;
  readonly refundCreateCount: number;
  readonly refundCreateAmount: number;
  readonly poundage: number;
  readonly incomeAmount: number;
  readonly orderRefundedAmount: number;
}
export interface OverviewResponse {
  readonly rows: readonly OverviewRow[];
  readonly nonce?: string;
}

// ---------------------------------------------------------------- query_order_list (merchant level, full envelope)
/** `query_order_list` (003 L7686-8834): every device of a shop (or the whole sub-merchant). */
export interface MerchantOrderListRequest {
  readonly subPayPlatforms?: readonly number[];
  readonly outSubMchId: string;
  readonly outShopId?: string;
  /** Omitted: every device of the shop, merchant-console refunds included. */
  readonly deviceId?: string;
  /** 1 payments, 2 refunds, 3 all, 4 freezes, 5 unfreezes. */
  readonly orderType: 1 | 2 | 3 | 4 | 5;
  /** Seconds. */
  readonly startTime: number;
  readonly endTime: number;
  readonly pageNum: number;
  readonly pageSize: number;
  readonly tradeType?: number;
  /** 1 created, 2 succeeded (default 2). */
  readonly payTimeType?: 1 | 2;
  /** 1 created, 2 initiated (default 2). */
  readonly refundTimeType?: 1 | 2;
  /** 1 create time, 2 update time (default 2). */
  readonly timeFilter?: 1 | 2;
  /** 0 successful only (default), 1 every state. */
  readonly status?: 0 | 1;
  readonly nonce: string;
}
/** An Order of the merchant list: what a terminal reads (003 L7870-8126). */
export interface MerchantListedOrder {
  readonly kind: 'order';
  readonly outTradeNo: string;
  readonly subPayPlatform?: number;
  readonly tradeType?: number;
  readonly deviceId?: string;
  readonly totalFee?: Fen;
  /** Amount already refunded (已退款金额), cpay's own figure for the order. */
  readonly refundedFee?: Fen;
  readonly poundage?: number;
  readonly createTime?: number;
  readonly state?: OrderStateOnWire;
  readonly outFreezeNo?: string;
}
/** A RefundOrder of the merchant list (003 L8128-8294). */
export interface MerchantListedRefund {
  readonly kind: 'refund';
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly subPayPlatform?: number;
  readonly tradeType?: number;
  /** The device that made the refund; absent for a refund from the merchant console. */
  readonly deviceId?: string;
  readonly totalFee: Fen;
  readonly refundFee: Fen;
  readonly createTime?: number;
  readonly refundState?: { readonly platform: PayPlatformName; readonly state: number };
  readonly outFreezeNo?: string;
}
export interface MerchantOrderListResponse {
  readonly totalCount?: number;
  readonly items: readonly (MerchantListedOrder | MerchantListedRefund)[];
  readonly nonce?: string;
}

// ---------------------------------------------------------------- device_report (payment key, full envelope)
export interface ApiCallingInfo {
  readonly outTradeNo: string;
  /** HTTP status, or -2 connect failure, -3 response timeout, -4 unknown. */
  readonly code: number;
  readonly status: number;
  readonly internalStatus: number;
  readonly delayMs: number;
  readonly description: string;
  readonly payPlatform: number;
  readonly orderStatus?: number;
  readonly tradeStateDesc?: string;
}
export interface DeviceReportRequest {
  readonly deviceType: number;
  readonly companyCode: string;
  readonly model: string;
  readonly sn: string;
  readonly beginTimestamp: number;
  readonly endTimestamp: number;
  readonly networkType: string;
  readonly wxPayCount: number;
  readonly wxPaySuccessCount: number;
  readonly wxPayAmount: number;
  readonly aliPayCount: number;
  readonly aliPaySuccessCount: number;
  readonly aliPayAmount: number;
  readonly otherPayCount: number;
  readonly otherPaySuccessCount: number;
  readonly otherPayAmount: number;
  readonly outMchId: string;
  readonly outSubMchId: string;
  readonly cloudCashierId: string;
  readonly authenType: number;
  readonly outShopId: string;
  readonly deviceId: string;
  readonly staffId?: string;
  readonly appCpayVersion: string;
  readonly deviceShiftType?: number;
  readonly nonce: string;
  readonly apiCallingInfos?: readonly ApiCallingInfo[];
  readonly cpuUsage?: number;
  readonly memMax?: number;
  readonly memInUse?: number;
  readonly diskMax?: number;
  readonly diskInUse?: number;
  readonly uploadNetFlow?: number;
  readonly downloadNetFlow?: number;
  readonly simNumber?: string;
  readonly mcc?: string;
  readonly mnc?: string;
  readonly lac?: string;
  readonly cellid?: string;
  readonly rss?: string;
  readonly longitude?: string;
  readonly latitude?: string;
  /**
   * Decoding only: required table fields that were absent and defaulted to 0/'' (the seed example
   * omits `wx_pay_amount`; §14 item 8 asks the simulator to accept and record it).
   */
  readonly absentFields?: readonly string[];
}
/** device_report reply object (`device_info_report` in the example, §15 #28). */
export interface DeviceReportResponse {
  readonly nonce?: string;
}

// ---------------------------------------------------------------- general API (full envelope, payment key)
/** pay_mch_key as a terminal fills it from its binding. */
export interface MchKey {
  readonly payPlatform: PayPlatformCode;
  readonly subPayPlatform?: number;
  readonly outMchId: string;
  readonly outSubMchId: string;
  readonly outShopId: string;
}
/** order_client as a terminal fills it. */
export interface OrderClient {
  readonly deviceId?: string;
  readonly staffId?: string;
  readonly terminalType: number;
  readonly subTerminalType?: number;
  readonly machineNo?: string;
  readonly sdkVersion: string;
  readonly spbillCreateIp: string;
  readonly snCode?: string;
}

/** The parts of OrderContent a terminal reads. */
export interface OrderContent {
  readonly outTradeNo: string;
  readonly transactionId?: string;
  readonly tradeType?: number;
  readonly codeUrl?: string;
  readonly totalFee?: Fen;
  readonly timeEnd?: number;
  readonly createTime?: number;
  readonly body?: string;
  readonly state?: OrderStateOnWire;
  /** Deposit consumptions only: the deposit it was taken from (003 L722). */
  readonly outFreezeNo?: string;
}

export interface ScanCodePayRequest {
  readonly outTradeNo: string;
  readonly totalFee: Fen;
  readonly body: string;
  readonly timeExpire?: number;
  readonly productId?: string;
  readonly mchKey: MchKey;
  readonly client: OrderClient;
  readonly nonce: string;
}
export interface ScanCodePayResponse {
  readonly codeUrl: string;
  readonly nonce?: string;
}

export interface QueryOrderFullRequest {
  readonly mchKey: Omit<MchKey, 'payPlatform'> & { readonly payPlatform?: PayPlatformCode };
  readonly client: OrderClient;
  readonly outTradeNo: string;
  readonly tradeType?: number;
  readonly nonce: string;
}
export interface QueryOrderFullResponse {
  readonly order: OrderContent;
  readonly mchKey?: MchKey;
  readonly nonce?: string;
}

export interface CloseOrderRequest {
  readonly mchKey: MchKey;
  readonly client: OrderClient;
  readonly outTradeNo: string;
  readonly tradeType: number;
  readonly nonce: string;
}
export interface CloseOrderResponse {
  readonly nonce?: string;
}

export interface RefundRequest {
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly totalFee: Fen;
  readonly refundFee: Fen;
  readonly refundReason?: string;
  /** The deposit of a consumption order: required for deposit-mode refunds (003 L3915). */
  readonly outFreezeNo?: string;
  readonly mchKey: MchKey & {
    readonly isSubMchAdmin: boolean;
    readonly authorizationStaffId?: string;
    /** The authoriser's name (String(32)); cpay appends it to the refund's `refund_reason` (003 L3973-3981). */
    readonly authorizationName?: string;
  };
  readonly client: OrderClient;
  /** 1 (default, omitted) = no operator check; 2 = check is_sub_mch_admin / authorization_staff_id. */
  readonly apiVersion?: 1 | 2;
  readonly nonce: string;
}
/** The parts of RefundOrderContent a terminal reads; `state` is the per-platform refund state. */
export interface RefundContent {
  readonly outRefundNo: string;
  readonly outTradeNo: string;
  readonly totalFee: Fen;
  readonly refundFee: Fen;
  readonly createTime?: number;
  readonly refundState?: { readonly platform: PayPlatformName; readonly state: number };
  readonly refundReason?: string;
}
export interface RefundResponse {
  readonly refund?: RefundContent;
  readonly mchKey?: MchKey;
  readonly nonce?: string;
}

export interface QueryRefundRequest {
  readonly mchKey: MchKey;
  readonly client: OrderClient;
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly nonce: string;
}
export interface QueryRefundResponse {
  readonly refunds: readonly RefundContent[];
  readonly mchKey?: MchKey;
  readonly nonce?: string;
}

// ---------------------------------------------------------------- legacy binding
export interface UseDeviceSettingQuery {
  readonly osi: string;
  readonly si: string;
  readonly sn: string;
}
/** Legacy response: the payment key comes in clear. */
export type UseDeviceSettingResponse = BindInfo & { readonly authenKey: string };

export interface UnbindDeviceRequest {
  readonly outSubMchId: string;
  readonly outShopId: string;
  readonly deviceId: string;
  readonly snCode: string;
}
