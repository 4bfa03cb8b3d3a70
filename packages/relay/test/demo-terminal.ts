/**
 * A tiny terminal for sandbox tests: binds the demo device through `/sandbox/bind/direct`, pays a
 * demo order and signs requests with `@cpay/protocol`, all through the relay under test.
 */
import { fen, prepareRequest, readResponse, type EndpointName, type RequestOf } from '@cpay/protocol';

/** The binding fields the terminal needs (wire names as `/sandbox/bind/direct` returns them). */
export interface DemoBinding {
  readonly sn: string;
  readonly out_shop_id: string;
  readonly device_id: string;
  readonly cloud_cashier_id: string;
  readonly payment_key: string;
}

/** Wechat code of the simulator's immediate-success scenario. */
export const SUCCESS_CODE = '135005875955000000';

/** Binds the demo device through the relay's sandbox API. */
export async function bindDemo(base: string): Promise<DemoBinding> {
  const res = await fetch(new URL('/sandbox/bind/direct', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`bind/direct answered ${res.status}`);
  return (await res.json()) as DemoBinding;
}

/** Sends a signed request through the relay; returns the raw body and its verified decoding. */
export async function call<E extends EndpointName>(base: string, b: DemoBinding, endpoint: E, req: RequestOf<E>) {
  const p = await prepareRequest(endpoint, req, b.payment_key);
  const res = await fetch(new URL(p.path, base), { method: p.method, body: p.body, headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, text, reply: await readResponse(endpoint, text, b.payment_key) };
}

/** Pays a 1-fen demo order (immediate success) and returns its order number. */
export async function payDemoOrder(base: string, b: DemoBinding): Promise<string> {
  const otn = `${b.cloud_cashier_id}${Date.now()}`;
  const r = await call(base, b, 'brief_micro_pay', {
    snCode: b.sn,
    outShopId: b.out_shop_id,
    nonce: nonce(),
    outTradeNo: otn,
    authCode: SUCCESS_CODE,
    totalFee: fen(1),
    body: 'relay test',
    deviceId: b.device_id,
    subTerminalType: 2451,
  });
  if (r.reply.status !== 0) throw new Error(`micropay failed: ${r.reply.description}`);
  return otn;
}

/** A brief_query_order request for `otn`. */
export function queryOf(b: DemoBinding, otn: string): RequestOf<'brief_query_order'> {
  return { outShopId: b.out_shop_id, nonce: nonce(), outTradeNo: otn, deviceId: b.device_id, snCode: b.sn };
}

function nonce(): string {
  return Math.random().toString(36).slice(2, 18).padEnd(16, '0');
}
