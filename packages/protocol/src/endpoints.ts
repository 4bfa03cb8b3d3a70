/**
 * Every cpay endpoint this package speaks, as data (spec §3.4, §17).
 *
 * The table decides envelope, signing key and the wrapper names a response may use, so the
 * client, the relay and the simulator never hard-code them.
 */

/** Names of the endpoints in the contract (terminal API, general API subset, legacy binding). */
export const ENDPOINT_NAMES = [
  'ping',
  'check_bill_device_bind_info',
  'generate_bill_device_bind_qr_code',
  'get_bill_device_bind_info',
  'brief_micro_pay',
  'brief_query_order',
  'brief_query_order_list',
  'brief_query_order_list_overview',
  'device_report',
  'refund',
  'query_refund_order',
  'scan_code_pay',
  'query_order',
  'close_order',
  'use_device_setting',
  'unbind_device_sn_code',
  'micro_freeze',
  'query_freeze_order',
  'deposit_consume',
  'unfreeze',
  'query_unfreeze_order',
  'app_pay',
  'query_order_list',
  'scancode_freeze',
] as const;

/** One endpoint name (the last path segment of `/cpay/<name>`). */
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

/** Envelope kinds: full (`request_content`/`authen_info`), brief (`r`/`a`), none (ping, GET). */
export type EnvelopeKind = 'full' | 'brief';

/** How one endpoint travels. */
export interface EndpointSpec {
  readonly path: `/cpay/${string}`;
  readonly method: 'POST' | 'GET';
  readonly envelope: EnvelopeKind | 'none';
  /** Which key signs requests and responses (§3.4). */
  readonly key: 'initial' | 'payment' | 'none';
  /** Keys the business object may sit under in a response, preferred first (§15 #1, #2, #18, #29). */
  readonly responseWrappers: readonly string[];
}

const spec = (
  name: EndpointName,
  envelope: EndpointSpec['envelope'],
  key: EndpointSpec['key'],
  responseWrappers: readonly string[],
  method: EndpointSpec['method'] = 'POST',
): EndpointSpec => ({ path: `/cpay/${name}`, method, envelope, key, responseWrappers });

/** The endpoint table (spec §17). */
export const ENDPOINTS: { readonly [E in EndpointName]: EndpointSpec } = {
  ping: spec('ping', 'none', 'none', []),
  check_bill_device_bind_info: spec('check_bill_device_bind_info', 'full', 'initial', []),
  generate_bill_device_bind_qr_code: spec('generate_bill_device_bind_qr_code', 'full', 'initial', [
    'generate_bill_device_bind_qr_code_response',
    'generate_bill_device_bind_qr_code',
  ]),
  get_bill_device_bind_info: spec('get_bill_device_bind_info', 'full', 'initial', ['get_bill_device_bind_info_response', 'bill_device_bind_sn']),
  brief_micro_pay: spec('brief_micro_pay', 'brief', 'payment', ['brief_micro_pay']),
  brief_query_order: spec('brief_query_order', 'brief', 'payment', ['brief_query_order']),
  brief_query_order_list: spec('brief_query_order_list', 'brief', 'payment', ['brief_query_order_list']),
  brief_query_order_list_overview: spec('brief_query_order_list_overview', 'brief', 'payment', ['brief_query_order_list_overview', 'brief_query_order_list']),
  device_report: spec('device_report', 'full', 'payment', ['device_info_report', 'device_report']),
  refund: spec('refund', 'full', 'payment', ['refund']),
  query_refund_order: spec('query_refund_order', 'full', 'payment', ['query_refund_order']),
  scan_code_pay: spec('scan_code_pay', 'full', 'payment', ['scan_code_pay']),
  query_order: spec('query_order', 'full', 'payment', ['query_order']),
  close_order: spec('close_order', 'full', 'payment', ['close_order', 'query_order']),
  use_device_setting: spec('use_device_setting', 'none', 'none', ['use_device_setting'], 'GET'),
  unbind_device_sn_code: spec('unbind_device_sn_code', 'full', 'payment', []),
  micro_freeze: spec('micro_freeze', 'full', 'payment', ['micro_freeze']),
  query_freeze_order: spec('query_freeze_order', 'full', 'payment', ['query_freeze_order']),
  deposit_consume: spec('deposit_consume', 'full', 'payment', ['deposit_consume']),
  unfreeze: spec('unfreeze', 'full', 'payment', ['unfreeze']),
  query_unfreeze_order: spec('query_unfreeze_order', 'full', 'payment', ['query_unfreeze_order']),
  app_pay: spec('app_pay', 'full', 'payment', ['app_pay']),
  query_order_list: spec('query_order_list', 'full', 'payment', ['query_order_list']),
  scancode_freeze: spec('scancode_freeze', 'full', 'payment', ['scan_code_freeze']),
};

/** Endpoints a merchant's own back end calls, never a terminal (spec §7.8). */
export const MERCHANT_ENDPOINTS: readonly EndpointName[] = ['app_pay'];

/** Endpoints a terminal calls: every endpoint except the merchant back-end ones (deposits included). */
export const TERMINAL_ENDPOINTS: readonly EndpointName[] = ENDPOINT_NAMES.filter((e) => !MERCHANT_ENDPOINTS.includes(e));

/**
 * The relay's allow-list: the terminal's endpoints plus app_pay, so a merchant back end can reach
 * the sandbox (or cpay) through the same relay. The relay holds no keys; app_pay is signed with
 * the merchant's payment key like refund, so allowing it grants nothing a caller lacks.
 */
export const RELAY_ENDPOINTS: readonly EndpointName[] = ENDPOINT_NAMES;

/** Narrows a string (e.g. a path segment) to an endpoint name. */
export function isEndpointName(name: string): name is EndpointName {
  return (ENDPOINT_NAMES as readonly string[]).includes(name);
}
