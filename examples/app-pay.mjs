#!/usr/bin/env node
/**
 * A merchant's Node back end creating a WeChat App-pay order (spec §7.8) with the built
 * `@cpay/protocol` package, then querying it. Run it against the relay in sandbox mode:
 *
 *   npx tsc -b packages/protocol && npm start        # relay + simulator on 127.0.0.1:8080
 *   node examples/app-pay.mjs                         # RELAY_URL=http://127.0.0.1:8080
 *
 * In sandbox mode the merchant credentials come from the simulator (`POST /sandbox/bind/direct`).
 * Against cpay, set CPAY_PAYMENT_KEY, CPAY_OUT_MCH_ID, CPAY_OUT_SUB_MCH_ID, CPAY_OUT_SHOP_ID,
 * CPAY_ORDER_PREFIX and CPAY_MOB_APP_ID instead. Prints one JSON line per step; exits 1 on failure.
 */
import {
  ProtocolError,
  WXPAY_APP_PACKAGE,
  classifyOrderState,
  classifyStatus,
  fen,
  hmacSha256Hex,
  prepareRequest,
  randomNonce,
  readResponse,
  wxpaySdkSignText,
} from '@cpay/protocol';

const RELAY_URL = process.env.RELAY_URL ?? 'http://127.0.0.1:8080';
const log = (step, data) => console.log(JSON.stringify({ step, ...data }));

/** Merchant credentials: from the environment, or from the sandbox. */
async function credentials() {
  if (process.env.CPAY_PAYMENT_KEY) {
    const e = process.env;
    return {
      sandbox: false,
      paymentKey: e.CPAY_PAYMENT_KEY,
      outMchId: e.CPAY_OUT_MCH_ID,
      outSubMchId: e.CPAY_OUT_SUB_MCH_ID,
      outShopId: e.CPAY_OUT_SHOP_ID,
      prefix: e.CPAY_ORDER_PREFIX,
      mobAppId: e.CPAY_MOB_APP_ID,
    };
  }
  const res = await fetch(new URL('/sandbox/bind/direct', RELAY_URL), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  if (!res.ok) throw new Error(`sandbox credentials: HTTP ${res.status}`);
  const b = await res.json();
  return {
    sandbox: true,
    paymentKey: b.payment_key,
    outMchId: b.out_mch_id,
    outSubMchId: b.out_sub_mch_id,
    outShopId: b.out_shop_id,
    prefix: b.cloud_cashier_id,
    mobAppId: 'wx87dd198b78jucir8',
  };
}

/** One signed call through the relay; readResponse verifies the reply's HMAC (ProtocolError if not). */
async function call(endpoint, req, key) {
  const prepared = await prepareRequest(endpoint, req, key);
  const res = await fetch(new URL(prepared.path, RELAY_URL), { method: prepared.method, body: prepared.body, headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${endpoint}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return readResponse(endpoint, text, key);
}

/** The sdk_args must describe this order consistently before the app gets them. */
async function checkSdkArgs(w, c) {
  const problems = [];
  if (w.packageValue !== WXPAY_APP_PACKAGE) problems.push(`package_value ${w.packageValue}`);
  if (w.appId !== c.mobAppId) problems.push(`app_id ${w.appId} is not ${c.mobAppId}`);
  if (!w.prepareId) problems.push('no prepare_id');
  if (!/^\d{10}$/.test(w.timestamp)) problems.push(`timestamp ${w.timestamp}`);
  if (!w.nonceStr) problems.push('no nonce_str');
  // Sandbox only: the simulator signs with the payment key (the real sign is WeChat's).
  if (c.sandbox && w.sign !== (await hmacSha256Hex(c.paymentKey, wxpaySdkSignText(w)))) problems.push('sdk sign does not verify');
  if (problems.length > 0) throw new Error(`inconsistent sdk_args: ${problems.join('; ')}`);
}

async function main() {
  const c = await credentials();
  const outTradeNo = `${c.prefix}${Date.now()}${Math.floor(Math.random() * 1e4)}`.slice(0, 32);
  const mchKey = { payPlatform: 1, outMchId: c.outMchId, outSubMchId: c.outSubMchId, outShopId: c.outShopId };
  const created = await call(
    'app_pay',
    {
      outTradeNo,
      totalFee: fen(Number(process.env.AMOUNT_FEN ?? 100)),
      body: '演示App-会员充值',
      mchKey: { ...mchKey, mobAppId: c.mobAppId },
      nonce: randomNonce(32),
    },
    c.paymentKey,
  );
  if (classifyStatus(created.status, created.internalStatus) !== 'success' || !created.body) {
    throw new Error(`app_pay refused: ${created.status} ${created.description}`);
  }
  await checkSdkArgs(created.body.wxpay, c);
  log('app_pay', { outTradeNo, signatureVerified: true, sdkArgs: created.body.wxpay });
  const client = { terminalType: 4, sdkVersion: '1.0', spbillCreateIp: '127.0.0.1' };
  const queried = await call('query_order', { mchKey, client, outTradeNo, nonce: randomNonce(32) }, c.paymentKey);
  const order = queried.body?.order;
  if (queried.status !== 0 || !order) throw new Error(`query_order: ${queried.status} ${queried.description}`);
  log('query_order', {
    outTradeNo: order.outTradeNo,
    tradeType: order.tradeType,
    totalFee: order.totalFee,
    state: order.state,
    class: order.state ? classifyOrderState(order.state) : 'pending',
  });
}

main().catch((e) => {
  log('error', { kind: e instanceof ProtocolError ? 'protocol' : 'other', code: e.code, message: String(e.message ?? e) });
  process.exitCode = 1;
});
