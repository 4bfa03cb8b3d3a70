/**
 * Every endpoint's codec, loaded on demand: a browser client that imports only {@link loadCodec}
 * (and `prepareRequestWith` / `readResponseWith`) downloads an endpoint's codec module with its
 * first call, not with its first screen (the full table, `codecs`, is ~9 KB gzip). The sale's own
 * endpoints (brief_micro_pay, brief_query_order) are here at once: nothing on its path waits.
 */
import type { EndpointName } from '../endpoints.js';
import { briefMicroPayCodec, briefQueryOrderCodec } from './brief-pay.js';
import type { Codec } from './codec.js';
import type { RequestOf, ResponseOf } from './index.js';

/** The codec of one endpoint. */
type CodecOf<E extends EndpointName> = Codec<RequestOf<E>, ResponseOf<E>>;

const loaders: { readonly [E in EndpointName]: () => Promise<CodecOf<E>> } = {
  ping: () => import('./legacy.js').then((m) => m.pingCodec),
  check_bill_device_bind_info: () => import('./binding.js').then((m) => m.checkBindCodec),
  generate_bill_device_bind_qr_code: () => import('./binding.js').then((m) => m.generateBindQrCodec),
  get_bill_device_bind_info: () => import('./binding.js').then((m) => m.getBindInfoCodec),
  brief_micro_pay: () => Promise.resolve(briefMicroPayCodec),
  brief_query_order: () => Promise.resolve(briefQueryOrderCodec),
  brief_query_order_list: () => import('./brief-list.js').then((m) => m.briefOrderListCodec),
  brief_query_order_list_overview: () => import('./brief-list.js').then((m) => m.briefOverviewCodec),
  device_report: () => import('./report.js').then((m) => m.deviceReportCodec),
  refund: () => import('./refund.js').then((m) => m.refundCodec),
  query_refund_order: () => import('./refund.js').then((m) => m.queryRefundCodec),
  scan_code_pay: () => import('./general-order.js').then((m) => m.scanCodePayCodec),
  query_order: () => import('./general-order.js').then((m) => m.queryOrderCodec),
  close_order: () => import('./general-order.js').then((m) => m.closeOrderCodec),
  use_device_setting: () => import('./legacy.js').then((m) => m.useDeviceSettingCodec),
  unbind_device_sn_code: () => import('./legacy.js').then((m) => m.unbindCodec),
  micro_freeze: () => import('./deposit-freeze.js').then((m) => m.microFreezeCodec),
  query_freeze_order: () => import('./deposit-freeze.js').then((m) => m.queryFreezeCodec),
  deposit_consume: () => import('./deposit-settle.js').then((m) => m.depositConsumeCodec),
  unfreeze: () => import('./deposit-settle.js').then((m) => m.unfreezeCodec),
  query_unfreeze_order: () => import('./deposit-settle.js').then((m) => m.queryUnfreezeCodec),
  app_pay: () => import('./app-pay.js').then((m) => m.appPayCodec),
  query_order_list: () => import('./merchant-list.js').then((m) => m.queryOrderListCodec),
  scancode_freeze: () => import('./deposit-freeze.js').then((m) => m.scanCodeFreezeCodec),
};

/** The codec of `endpoint` (the same object as `codecs[endpoint]`), its module loaded on first use. */
export function loadCodec<E extends EndpointName>(endpoint: E): Promise<CodecOf<E>> {
  return (loaders[endpoint] as () => Promise<CodecOf<E>>)();
}
