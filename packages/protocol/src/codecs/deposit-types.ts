/**
 * Domain types of the deposit (freeze) endpoints and app_pay (spec §7.1 FreezeOrderContent /
 * UnfreezeOrderContent, §7.8, §7.10). Wire names live only in the codecs next to this file.
 */
import type { Fen, MchKey, OrderClient, OrderContent } from '../types.js';

/** Platforms that take deposits (§7.10: WeChat Pay and Alipay extensions only). */
export type DepositPlatformName = 'wechat' | 'alipay';

/** Freeze / unfreeze state as the wire carries it (WxpayFreezeOrderState, AlipayFreezeOrderState, …). */
export interface DepositStateOnWire {
  readonly platform: DepositPlatformName;
  readonly cts: number;
  /** WeChat `trade_state_desc`, when present. */
  readonly tradeStateDesc?: string;
}

/** `wxpay_freeze_content_ext` or `alipay_freeze_content_ext` — only one of the pair (004 L137-139). */
export type FreezeContentExt =
  | { readonly platform: 'wechat'; readonly attach?: string; readonly goodsTag?: string; readonly limitPay?: string }
  | { readonly platform: 'alipay'; readonly enablePayChannels?: string };

/** `wxpay_pay_mch_key_ext` or `alipay_pay_mch_key_ext` — only one of the pair (§7.1 PayMchKey). */
export type MchKeyExt =
  { readonly platform: 'wechat'; readonly appId?: string; readonly subAppId?: string } | { readonly platform: 'alipay'; readonly userId?: string };

/** PayMchKey with its optional per-platform extension. */
export type DepositMchKey = MchKey & { readonly ext?: MchKeyExt };

/** micro_freeze request (§7.10). */
export interface MicroFreezeRequest {
  readonly outFreezeNo: string;
  /** The customer's payment code. */
  readonly authorCode: string;
  readonly freezeFee: Fen;
  readonly body: string;
  readonly remark?: string;
  readonly ext?: FreezeContentExt;
  readonly mchKey: DepositMchKey;
  readonly client: OrderClient;
  readonly nonce: string;
}

/** `scancode_freeze` (003 L5918-6274): a QR the customer scans to leave a deposit; Alipay only. */
export interface ScanCodeFreezeRequest {
  readonly outFreezeNo: string;
  readonly freezeFee: Fen;
  readonly body: string;
  /** Seconds; when the QR stops being payable. */
  readonly timeExpire?: number;
  readonly remark?: string;
  readonly ext?: FreezeContentExt;
  readonly mchKey: DepositMchKey;
  readonly client: OrderClient;
  readonly nonce: string;
}
/** ScanCodeFreezeResponse: the QR content to show the customer. */
export interface ScanCodeFreezeResponse {
  readonly codeUrl: string;
  readonly nonce?: string;
}

/** FreezeOrderContent (§7.1): the fields a terminal reads; unknown fields are ignored. */
export interface FreezeOrder {
  readonly outFreezeNo: string;
  readonly freezeId?: string;
  readonly tradeType: number;
  readonly authorCode?: string;
  readonly timeExpire?: number;
  readonly timeEnd?: number;
  readonly createTime: number;
  readonly lastUpdateTime: number;
  readonly isTransforming: boolean;
  readonly freezeFee: Fen;
  readonly cashFee: Fen;
  readonly settlementTotalFee?: Fen;
  readonly body: string;
  readonly remark?: string;
  readonly totalConsumeFee?: Fen;
  readonly totalManualUnfreezeFee?: Fen;
  readonly totalAutoUnfreezeFee?: Fen;
  readonly totalRefundFee?: Fen;
  readonly state?: DepositStateOnWire;
}

/** UnfreezeOrderContent (§7.1; `nonce_str` read as a string, §15 #51). */
export interface UnfreezeOrder {
  readonly outFreezeNo: string;
  readonly outUnfreezeNo: string;
  readonly unfreezeId?: string;
  readonly tradeType?: number;
  readonly timeEnd?: number;
  readonly createTime: number;
  readonly lastUpdateTime: number;
  readonly isTransforming: boolean;
  readonly unfreezeFee: Fen;
  readonly remark?: string;
  readonly freezeId?: string;
  readonly state?: DepositStateOnWire;
}

/** micro_freeze and query_freeze_order replies. */
export interface FreezeResponse {
  readonly freeze: FreezeOrder;
  readonly mchKey?: DepositMchKey;
  readonly nonce?: string;
}

/** query_freeze_order request. */
export interface QueryFreezeRequest {
  readonly mchKey: MchKey;
  readonly client: OrderClient;
  readonly outFreezeNo: string;
  readonly nonce: string;
}

/** deposit_consume request: `is_confirm_unfreeze` true releases the rest (WeChat: must be true). */
export interface DepositConsumeRequest {
  readonly outTradeNo: string;
  readonly totalFee: Fen;
  readonly body: string;
  readonly remark?: string;
  readonly outFreezeNo: string;
  readonly isConfirmUnfreeze: boolean;
  readonly mchKey: MchKey;
  readonly client: OrderClient;
  readonly nonce: string;
}

/** OrderContent's deposit-consumption fields (§7.1). */
export interface ConsumeDetails {
  readonly outFreezeNo?: string;
  readonly freezeFee?: Fen;
  readonly isConfirmUnfreeze?: boolean;
  /** Consumed-and-unfrozen amount: what was released when the consumption settled the deposit. */
  readonly manualUnfreezeFee?: Fen;
  readonly freezeId?: string;
}

/** deposit_consume reply: the consumption order (WxpayOrderState 14 = deposit consumed). */
export interface DepositConsumeResponse {
  readonly order: OrderContent;
  readonly consume: ConsumeDetails;
  readonly mchKey?: MchKey;
  readonly nonce?: string;
}

/** unfreeze request (permission fields as in refund, §7.10). */
export interface UnfreezeRequest {
  readonly outFreezeNo: string;
  readonly outUnfreezeNo: string;
  readonly unfreezeFee: Fen;
  readonly remark?: string;
  readonly mchKey: Omit<MchKey, 'outMchId' | 'outSubMchId'> & {
    readonly outMchId?: string;
    readonly outSubMchId?: string;
    readonly isSubMchAdmin: boolean;
    readonly authorizationStaffId?: string;
  };
  readonly client: OrderClient;
  readonly nonce: string;
}

/** unfreeze reply (`unfreeze_order_content` optional). */
export interface UnfreezeResponse {
  readonly unfreeze?: UnfreezeOrder;
  readonly mchKey?: MchKey;
  readonly nonce?: string;
}

/** query_unfreeze_order request (`out_unfreeze_no` optional: all unfreezes of the deposit). */
export interface QueryUnfreezeRequest extends QueryFreezeRequest {
  readonly outUnfreezeNo?: string;
}

/** query_unfreeze_order reply. */
export interface QueryUnfreezeResponse {
  readonly unfreezes: readonly UnfreezeOrder[];
  readonly mchKey?: MchKey;
  readonly nonce?: string;
}
