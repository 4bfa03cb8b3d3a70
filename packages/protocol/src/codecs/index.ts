/**
 * The codec table: one {@link Codec} per endpoint, keyed by name, and the request/response type
 * map that gives `prepareRequest`/`readResponse` (and the app's CpayPort) their types.
 */
import type { EndpointName } from '../endpoints.js';
import type * as T from '../types.js';
import { checkBindCodec, generateBindQrCodec, getBindInfoCodec } from './binding.js';
import { briefOrderListCodec, briefOverviewCodec } from './brief-list.js';
import { type AppPayRequest, type AppPayResponse, appPayCodec } from './app-pay.js';
import { briefMicroPayCodec, briefQueryOrderCodec } from './brief-pay.js';
import type { Codec } from './codec.js';
import { microFreezeCodec, queryFreezeCodec, scanCodeFreezeCodec } from './deposit-freeze.js';
import { depositConsumeCodec, queryUnfreezeCodec, unfreezeCodec } from './deposit-settle.js';
import type * as D from './deposit-types.js';
import { closeOrderCodec, queryOrderCodec, scanCodePayCodec } from './general-order.js';
import { pingCodec, unbindCodec, useDeviceSettingCodec } from './legacy.js';
import { queryOrderListCodec } from './merchant-list.js';
import { queryRefundCodec, refundCodec } from './refund.js';
import { deviceReportCodec } from './report.js';

/** Domain request and response type of every endpoint. */
export interface EndpointTypes {
  ping: { req: T.PingRequest; res: T.PingResponse };
  check_bill_device_bind_info: { req: T.CheckBindRequest; res: T.EmptyResponse };
  generate_bill_device_bind_qr_code: { req: T.GenerateBindQrRequest; res: T.GenerateBindQrResponse };
  get_bill_device_bind_info: { req: T.GetBindInfoRequest; res: T.GetBindInfoResponse };
  brief_micro_pay: { req: T.MicroPayRequest; res: T.MicroPayResponse };
  brief_query_order: { req: T.QueryOrderRequest; res: T.QueryOrderResponse };
  brief_query_order_list: { req: T.OrderListRequest; res: T.OrderListResponse };
  brief_query_order_list_overview: { req: T.OverviewRequest; res: T.OverviewResponse };
  device_report: { req: T.DeviceReportRequest; res: T.DeviceReportResponse };
  refund: { req: T.RefundRequest; res: T.RefundResponse };
  query_refund_order: { req: T.QueryRefundRequest; res: T.QueryRefundResponse };
  scan_code_pay: { req: T.ScanCodePayRequest; res: T.ScanCodePayResponse };
  query_order: { req: T.QueryOrderFullRequest; res: T.QueryOrderFullResponse };
  close_order: { req: T.CloseOrderRequest; res: T.CloseOrderResponse };
  use_device_setting: { req: T.UseDeviceSettingQuery; res: T.UseDeviceSettingResponse };
  unbind_device_sn_code: { req: T.UnbindDeviceRequest; res: T.EmptyResponse };
  micro_freeze: { req: D.MicroFreezeRequest; res: D.FreezeResponse };
  query_freeze_order: { req: D.QueryFreezeRequest; res: D.FreezeResponse };
  deposit_consume: { req: D.DepositConsumeRequest; res: D.DepositConsumeResponse };
  unfreeze: { req: D.UnfreezeRequest; res: D.UnfreezeResponse };
  query_unfreeze_order: { req: D.QueryUnfreezeRequest; res: D.QueryUnfreezeResponse };
  app_pay: { req: AppPayRequest; res: AppPayResponse };
  query_order_list: { req: T.MerchantOrderListRequest; res: T.MerchantOrderListResponse };
  scancode_freeze: { req: D.ScanCodeFreezeRequest; res: D.ScanCodeFreezeResponse };
}

/** Domain request type of an endpoint. */
export type RequestOf<E extends EndpointName> = EndpointTypes[E]['req'];
/** Domain response (business object) type of an endpoint; replies are `Reply<ResponseOf<E>>`. */
export type ResponseOf<E extends EndpointName> = EndpointTypes[E]['res'];

/** Every endpoint's codec. */
export const codecs: { readonly [E in EndpointName]: Codec<RequestOf<E>, ResponseOf<E>> } = {
  ping: pingCodec,
  check_bill_device_bind_info: checkBindCodec,
  generate_bill_device_bind_qr_code: generateBindQrCodec,
  get_bill_device_bind_info: getBindInfoCodec,
  brief_micro_pay: briefMicroPayCodec,
  brief_query_order: briefQueryOrderCodec,
  brief_query_order_list: briefOrderListCodec,
  brief_query_order_list_overview: briefOverviewCodec,
  device_report: deviceReportCodec,
  refund: refundCodec,
  query_refund_order: queryRefundCodec,
  scan_code_pay: scanCodePayCodec,
  query_order: queryOrderCodec,
  close_order: closeOrderCodec,
  use_device_setting: useDeviceSettingCodec,
  unbind_device_sn_code: unbindCodec,
  micro_freeze: microFreezeCodec,
  query_freeze_order: queryFreezeCodec,
  deposit_consume: depositConsumeCodec,
  unfreeze: unfreezeCodec,
  query_unfreeze_order: queryUnfreezeCodec,
  app_pay: appPayCodec,
  query_order_list: queryOrderListCodec,
  scancode_freeze: scanCodeFreezeCodec,
};

export type { Codec, EncodeResponseOptions } from './codec.js';
export { useDeviceSettingQuery, parseUseDeviceSettingQuery } from './legacy.js';
export type * from './deposit-types.js';
export { WXPAY_APP_PACKAGE, wxpaySdkSignText, type AppPayRequest, type AppPayResponse, type WxpaySdkArgs } from './app-pay.js';
export { FREEZE_EXT_KEYS, UNFREEZE_EXT_KEYS } from './freeze-content.js';
