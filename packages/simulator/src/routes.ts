/**
 * The route table (spec §17): envelope, key and handler of every endpoint the simulator serves.
 */
import { appPay } from './endpoints/app-pay.js';
import { checkBindInfo, generateBindQr, getBindInfo } from './endpoints/binding.js';
import { depositConsume, queryUnfreezeOrder, unfreeze } from './endpoints/deposit-settle.js';
import { microFreeze, queryFreezeOrder, scanCodeFreeze } from './endpoints/freeze.js';
import { unbindDeviceSnCode, useDeviceSetting } from './endpoints/legacy.js';
import { briefQueryOrderList, briefQueryOrderListOverview } from './endpoints/lists.js';
import { queryOrderList } from './endpoints/merchant-list.js';
import { briefMicroPay, briefQueryOrder, generalMicroPay } from './endpoints/micropay.js';
import { queryRefundOrder, refund } from './endpoints/refund.js';
import { deviceReport } from './endpoints/report.js';
import { closeOrder, queryOrder, scanCodePay } from './endpoints/unified.js';
import type { Envelope } from './envelope.js';
import type { Ctx, Reply } from './types.js';

/** How one endpoint is served. */
export interface Route {
  readonly method: 'POST' | 'GET';
  readonly envelope: Envelope;
  readonly key: 'initial' | 'payment' | 'none';
  /** Also match unbound (inactive) bindings when resolving the key (legacy unbinding). */
  readonly allowInactive?: boolean;
  readonly handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

const post = (envelope: Envelope, key: Route['key'], handler: Route['handler'], allowInactive = false): Route => ({
  method: 'POST',
  envelope,
  key,
  handler,
  allowInactive,
});

/** Every endpoint except ping (served by the core directly: plain JSON, unsigned). */
export const ROUTES: Readonly<Record<string, Route>> = {
  check_bill_device_bind_info: post('full', 'initial', checkBindInfo),
  generate_bill_device_bind_qr_code: post('full', 'initial', generateBindQr),
  get_bill_device_bind_info: post('full', 'initial', getBindInfo),
  brief_micro_pay: post('brief', 'payment', briefMicroPay),
  brief_query_order: post('brief', 'payment', briefQueryOrder),
  brief_query_order_list: post('brief', 'payment', briefQueryOrderList),
  brief_query_order_list_overview: post('brief', 'payment', briefQueryOrderListOverview),
  device_report: post('full', 'payment', deviceReport),
  refund: post('full', 'payment', refund),
  query_refund_order: post('full', 'payment', queryRefundOrder),
  micro_pay: post('full', 'payment', generalMicroPay),
  scan_code_pay: post('full', 'payment', scanCodePay),
  query_order: post('full', 'payment', queryOrder),
  close_order: post('full', 'payment', closeOrder),
  use_device_setting: { method: 'GET', envelope: 'none', key: 'none', handler: useDeviceSetting },
  unbind_device_sn_code: post('full', 'payment', unbindDeviceSnCode, true),
  micro_freeze: post('full', 'payment', microFreeze),
  query_freeze_order: post('full', 'payment', queryFreezeOrder),
  deposit_consume: post('full', 'payment', depositConsume),
  unfreeze: post('full', 'payment', unfreeze),
  query_unfreeze_order: post('full', 'payment', queryUnfreezeOrder),
  app_pay: post('full', 'payment', appPay),
  query_order_list: post('full', 'payment', queryOrderList),
  scancode_freeze: post('full', 'payment', scanCodeFreeze),
};
