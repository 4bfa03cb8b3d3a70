/**
 * device_report counters (spec §6.8): each finished payment becomes a tally; tallies are frozen
 * into a batch (counters + api_calling_infos + a fixed nonce) that is sent until cpay confirms
 * it. A tally belongs to exactly one batch, so no payment is counted twice or lost.
 */
import { PayPlatform, type ApiCallingInfo, type DeviceReportRequest, type Fen, type PayPlatformName } from '@cpay/protocol';

/** The per-report counters ("reset after each report"). */
export interface ReportCounters {
  readonly wxPayCount: number;
  readonly wxPaySuccessCount: number;
  readonly wxPayAmount: number;
  readonly aliPayCount: number;
  readonly aliPaySuccessCount: number;
  readonly aliPayAmount: number;
  readonly otherPayCount: number;
  readonly otherPaySuccessCount: number;
  readonly otherPayAmount: number;
}

/** No payments. */
export const ZERO_COUNTERS: ReportCounters = {
  wxPayCount: 0,
  wxPaySuccessCount: 0,
  wxPayAmount: 0,
  aliPayCount: 0,
  aliPaySuccessCount: 0,
  aliPayAmount: 0,
  otherPayCount: 0,
  otherPaySuccessCount: 0,
  otherPayAmount: 0,
};

/** One finished payment as the outbox keeps it until it is reported. */
export interface PaymentTally {
  readonly outTradeNo: string;
  /** PayPlatform code (1 WeChat, 2 Alipay, else "other"). */
  readonly payPlatform: number;
  readonly success: boolean;
  readonly amount: Fen;
  /** Server time (ms) the payment finished. */
  readonly at: number;
  readonly apiCallingInfos: readonly ApiCallingInfo[];
}

/** The journal facts a tally is made of (structurally a finished JournalEntry). */
export interface FinishedPayment {
  readonly outTradeNo: string;
  readonly status: string;
  readonly amount: Fen;
  readonly platform?: PayPlatformName;
  readonly updatedAt: number;
  readonly apiCallingInfos?: readonly ApiCallingInfo[];
}

/** The tally of a finished payment; the platform cpay named wins over the calls' guess. */
export function tallyOf(p: FinishedPayment): PaymentTally {
  const infos = p.apiCallingInfos ?? [];
  const payPlatform = p.platform ? PayPlatform[p.platform] : (infos[0]?.payPlatform ?? PayPlatform.card);
  return { outTradeNo: p.outTradeNo, payPlatform, success: p.status === 'success', amount: p.amount, at: p.updatedAt, apiCallingInfos: infos };
}

/** Adds one tally to the counters (amounts count successful payments only). */
export function addTally(c: ReportCounters, t: PaymentTally): ReportCounters {
  const ok = t.success ? 1 : 0;
  const amount = t.success ? t.amount : 0;
  if (t.payPlatform === PayPlatform.wechat)
    return { ...c, wxPayCount: c.wxPayCount + 1, wxPaySuccessCount: c.wxPaySuccessCount + ok, wxPayAmount: c.wxPayAmount + amount };
  if (t.payPlatform === PayPlatform.alipay)
    return { ...c, aliPayCount: c.aliPayCount + 1, aliPaySuccessCount: c.aliPaySuccessCount + ok, aliPayAmount: c.aliPayAmount + amount };
  return { ...c, otherPayCount: c.otherPayCount + 1, otherPaySuccessCount: c.otherPaySuccessCount + ok, otherPayAmount: c.otherPayAmount + amount };
}

/** A frozen report: sent identically (same nonce) until cpay confirms it. */
export interface ReportBatch {
  readonly nonce: string;
  /** Statistics window, server ms. */
  readonly beginMs: number;
  readonly endMs: number;
  readonly counters: ReportCounters;
  readonly apiCallingInfos: readonly ApiCallingInfo[];
  /** The payments it carries (each in exactly one batch). */
  readonly outTradeNos: readonly string[];
}

/** Freezes tallies into a batch; the window runs from the first payment to `nowMs`. */
export function freezeBatch(tallies: readonly PaymentTally[], nonce: string, nowMs: number): ReportBatch {
  const begin = tallies.reduce((m, t) => Math.min(m, t.at), nowMs);
  return {
    nonce,
    beginMs: begin,
    endMs: Math.max(begin, nowMs),
    counters: tallies.reduce(addTally, ZERO_COUNTERS),
    apiCallingInfos: tallies.flatMap((t) => t.apiCallingInfos),
    outTradeNos: tallies.map((t) => t.outTradeNo),
  };
}

/** What device_report needs besides the batch: the binding and the device (spec §6.8). */
export interface ReportIdentity {
  readonly sn: string;
  readonly outMchId: string;
  readonly outSubMchId: string;
  readonly cloudCashierId: string;
  readonly authenType: number;
  readonly outShopId: string;
  readonly deviceId: string;
  readonly staffId?: string;
  readonly deviceShiftType?: number;
  readonly appCpayVersion: string;
  readonly networkType: string;
}

/** company_code and model from a full sn `<COMPANY>_<MODEL>_<serial>` (spec §4). */
export function snParts(sn: string): { readonly companyCode: string; readonly model: string } {
  const [company = sn, model] = sn.split('_');
  return { companyCode: company, model: model === undefined ? company : `${company}_${model}` };
}

/** The device_report request for a batch. */
export function reportRequest(batch: ReportBatch, id: ReportIdentity): DeviceReportRequest {
  return {
    deviceType: 1,
    ...snParts(id.sn),
    sn: id.sn,
    beginTimestamp: Math.floor(batch.beginMs / 1000),
    endTimestamp: Math.floor(batch.endMs / 1000),
    networkType: id.networkType,
    ...batch.counters,
    outMchId: id.outMchId,
    outSubMchId: id.outSubMchId,
    cloudCashierId: id.cloudCashierId,
    authenType: id.authenType,
    outShopId: id.outShopId,
    deviceId: id.deviceId,
    appCpayVersion: id.appCpayVersion,
    nonce: batch.nonce,
    ...(id.staffId === undefined ? {} : { staffId: id.staffId }),
    ...(id.deviceShiftType === undefined ? {} : { deviceShiftType: id.deviceShiftType }),
    ...(batch.apiCallingInfos.length > 0 ? { apiCallingInfos: batch.apiCallingInfos } : {}),
  };
}
