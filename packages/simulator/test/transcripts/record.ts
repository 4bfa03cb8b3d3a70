/**
 * The transcript recorder: drives a fresh node server (seed 2024, clock frozen at T0) through
 * every endpoint over real HTTP, as a third-party client would, and returns each exchange with
 * the keys needed to verify its signatures. Used by scripts/record-transcripts.mjs.
 */
import {
  buildBindQrUrl,
  buildEnvelope,
  decryptAuthenKey,
  fen,
  hmacSha256Hex,
  prepareRequest,
  readResponse,
  type EndpointName,
  type MchKey,
  type OrderClient,
  type RequestOf,
} from '@cpay/protocol';
import { DEMO_DEVICE, SCENARIOS } from '../../src/index.js';
import { createSimulatorServer } from '../../src/node/index.js';
import { recordDeposits } from './record-deposits.js';

/** One recorded exchange. */
export interface Transcript {
  readonly step: number;
  readonly title: string;
  readonly kind: 'cpay' | 'control';
  readonly endpoint?: string;
  readonly keys: { readonly initial_key: string; readonly payment_key?: string };
  readonly request: { readonly method: string; readonly path: string; readonly body: string };
  readonly response: { readonly status: number; readonly body: string };
}

/** Seed and frozen clock the fixtures were recorded with (the replay uses the same). */
export const TRANSCRIPT_SEED = 2024;
export const TRANSCRIPT_T0 = 1_760_000_000_000;
/** Base URL written into generated links (the legacy configuration QR). */
export const TRANSCRIPT_PUBLIC_URL = 'http://localhost:8787';

const code = (name: string, p: 'wechat' | 'alipay' | 'card') => SCENARIOS.find((s) => s.name === name)!.codes[p];
const N32 = (c: string) => c.repeat(32);

/** Records the whole walk-through. */
export async function recordTranscripts(): Promise<Transcript[]> {
  const srv = createSimulatorServer({ seed: TRANSCRIPT_SEED, clock: () => TRANSCRIPT_T0, publicUrl: TRANSCRIPT_PUBLIC_URL });
  const base = await srv.listen();
  const out: Transcript[] = [];
  let paymentKey: string | undefined;
  const ts = Math.floor(TRANSCRIPT_T0 / 1000);
  const exchange = async (title: string, kind: Transcript['kind'], request: Transcript['request'], endpoint?: string) => {
    const res = await fetch(new URL(request.path, base), {
      method: request.method,
      body: request.method === 'GET' ? undefined : request.body,
      headers: { 'content-type': 'application/json' },
    });
    const response = { status: res.status, body: await res.text() };
    out.push({ step: out.length + 1, title, kind, endpoint, keys: { initial_key: DEMO_DEVICE.initialKey, payment_key: paymentKey }, request, response });
    return response.body;
  };
  const cpay = async <E extends EndpointName>(title: string, endpoint: E, req: RequestOf<E>, key: string | null = paymentKey ?? null) => {
    const body = await exchange(title, 'cpay', await prepareRequest(endpoint, req, key), endpoint);
    return readResponse(endpoint, body, key).catch(() => undefined);
  };
  const control = (title: string, method: string, path: string, body: unknown = {}) => exchange(title, 'control', { method, path, body: JSON.stringify(body) });
  try {
    const sn = DEMO_DEVICE.sn;
    const ik = DEMO_DEVICE.initialKey;
    await cpay('ping: server time', 'ping', {}, null);
    const qr = (await cpay(
      'binding QR data',
      'generate_bill_device_bind_qr_code',
      { snCode: sn, appCpayVersion: '1.0.0', nonce: 'ea90ceba', timestamp: ts },
      ik,
    ))!.body!;
    await cpay(
      'poll before the merchant confirms: activated 0',
      'get_bill_device_bind_info',
      { snCode: sn, token: qr.token, nonce: 'aa11bb22', timestamp: ts },
      ik,
    );
    const url = await buildBindQrUrl({ activator: qr.activator, nonce: 'c44f32e0', sn, initialKey: ik, keyCase: 'lower', miniProgramUrl: qr.miniProgramUrl });
    await control('merchant confirms the QR (sign checked)', 'POST', '/sandbox/bind/confirm', { qr_url: url });
    const info = (await cpay(
      'poll after confirmation: activated 1 with e_authen_key',
      'get_bill_device_bind_info',
      { snCode: sn, token: qr.token, nonce: 'cc33dd44', timestamp: ts },
      ik,
    ))!.body!;
    if (!info.activated) throw new Error('binding did not activate');
    paymentKey = await decryptAuthenKey(info.eAuthenKey!, ik);
    const b = info;
    await cpay(
      'boot check: bound, relation and key all fine',
      'check_bill_device_bind_info',
      { snCode: sn, outShopId: b.outShopId, deviceId: b.deviceId, nonce: 'ea90ceba', hashContent: await hmacSha256Hex(paymentKey, 'ea90ceba'), timestamp: ts },
      ik,
    );
    const pay = (otn: string, ac: string, tf: number, title: string) =>
      cpay(title, 'brief_micro_pay', {
        snCode: sn,
        outShopId: b.outShopId,
        nonce: N32('p'),
        outTradeNo: otn,
        authCode: ac,
        totalFee: fen(tf),
        body: '演示商品',
        deviceId: b.deviceId,
        subTerminalType: 2451,
      });
    const p = b.cloudCashierId;
    await pay(`${p}0001`, code('success', 'wechat'), 2, 'WeChat micropay, immediate success (cts 2)');
    await cpay('query the WeChat order', 'brief_query_order', { outShopId: b.outShopId, nonce: N32('q'), outTradeNo: `${p}0001` });
    await pay(`${p}0002`, code('password', 'alipay'), 150, 'Alipay micropay, customer enters a password (cts 4)');
    await pay(`${p}0003`, code('busy_then_success', 'card'), 80, 'member-card micropay answered 103 (signed)');
    await pay(`${p}0004`, code('unknown_status', 'wechat'), 60, 'micropay answered status 3 (unsigned)');
    await pay(`${p}0001`, code('success', 'wechat'), 3, 'same number, different amount: 104 + 407');
    const mch = (pp: 1 | 2): MchKey => ({ payPlatform: pp, outMchId: b.outMchId, outSubMchId: b.outSubMchId, outShopId: b.outShopId });
    const client: OrderClient = {
      deviceId: b.deviceId,
      terminalType: 2,
      subTerminalType: 2451,
      machineNo: 'WEB1',
      sdkVersion: '1.0.0',
      spbillCreateIp: '127.0.0.1',
      snCode: sn,
    };
    const refund = (orn: string, rf: number, title: string) =>
      cpay(title, 'refund', {
        outTradeNo: `${p}0001`,
        outRefundNo: orn,
        totalFee: fen(2),
        refundFee: fen(rf),
        mchKey: { ...mch(1), isSubMchAdmin: true },
        client,
        nonce: N32('r'),
      });
    await refund(`${p}R0001`, 3, 'refund 0.03 of 0.02: 104 超过可退金额');
    await refund(`${p}R0002`, 1, 'refund 0.01: accepted, processing (state 4)');
    await control('clock +3 s: the refund settles', 'POST', '/sandbox/time', { advance_ms: 3_000 });
    await cpay('query the refund: success (state 2)', 'query_refund_order', {
      mchKey: mch(1),
      client,
      outTradeNo: `${p}0001`,
      outRefundNo: `${p}R0002`,
      nonce: N32('s'),
    });
    const win = {
      outSubMchId: b.outSubMchId,
      outShopId: b.outShopId,
      deviceId: b.deviceId,
      orderType: 3 as const,
      startTime: ts - 3600,
      endTime: ts + 3600,
      nonce: N32('l'),
    };
    await cpay('order list (bo and bro entries)', 'brief_query_order_list', { ...win, pageNum: 1, pageSize: 10 });
    await cpay('overview of the same window', 'brief_query_order_list_overview', win);
    await cpay('device_report after the payment', 'device_report', {
      deviceType: 1,
      companyCode: 'CPAYSIM',
      model: 'WEB1',
      sn,
      beginTimestamp: ts - 600,
      endTimestamp: ts,
      networkType: 'wifi',
      wxPayCount: 1,
      wxPaySuccessCount: 1,
      wxPayAmount: 2,
      aliPayCount: 1,
      aliPaySuccessCount: 0,
      aliPayAmount: 0,
      otherPayCount: 1,
      otherPaySuccessCount: 0,
      otherPayAmount: 0,
      outMchId: b.outMchId,
      outSubMchId: b.outSubMchId,
      cloudCashierId: p,
      authenType: 1,
      outShopId: b.outShopId,
      deviceId: b.deviceId,
      appCpayVersion: '1.0.0',
      deviceShiftType: 1,
      nonce: N32('d'),
      apiCallingInfos: [
        {
          outTradeNo: `${p}0001`,
          code: 200,
          status: 0,
          internalStatus: 0,
          delayMs: 640,
          description: '操作成功。',
          payPlatform: 1,
          orderStatus: 2,
          tradeStateDesc: '支付成功',
        },
      ],
    });
    const scan = await cpay('scan_code_pay (WeChat): code_url', 'scan_code_pay', {
      outTradeNo: `${p}0005`,
      totalFee: fen(500),
      body: '扫码商品',
      productId: 'P1',
      mchKey: mch(1),
      client,
      nonce: N32('c'),
    });
    const qo = { mchKey: mch(1), client, outTradeNo: `${p}0005`, tradeType: 2, nonce: N32('o') };
    await cpay('query_order: waiting for the customer (cts 6)', 'query_order', qo);
    await control('customer pays the code_url', 'POST', '/sandbox/scan/pay', { code_url: scan?.body?.codeUrl });
    await cpay('query_order: paid (cts 3)', 'query_order', qo);
    await cpay('scan_code_pay (Alipay) to be closed', 'scan_code_pay', {
      outTradeNo: `${p}0006`,
      totalFee: fen(300),
      body: '扫码商品',
      mchKey: mch(2),
      client,
      nonce: N32('c'),
    });
    await cpay('close_order: closed (cts 5)', 'close_order', { mchKey: mch(2), client, outTradeNo: `${p}0006`, tradeType: 2, nonce: N32('x') });
    await exchange(
      'general-API micro_pay (legacy terminals), Alipay',
      'cpay',
      {
        method: 'POST',
        path: '/cpay/micro_pay',
        body: await buildEnvelope(
          'full',
          JSON.stringify({
            pay_content: { out_trade_no: `${p}0008`, author_code: code('success', 'alipay'), total_fee: 66, fee_type: 'CNY', body: '演示商品' },
            pay_mch_key: { pay_platform: 2, out_mch_id: b.outMchId, out_sub_mch_id: b.outSubMchId, out_shop_id: b.outShopId },
            order_client: { device_id: b.deviceId, terminal_type: 2, machine_no: 'WEB1', sdk_version: '1.0.0', spbill_create_ip: '127.0.0.1', sn_code: sn },
            nonce_str: N32('g'),
          }),
          paymentKey,
        ),
      },
      'micro_pay',
    );
    await exchange(
      'brief_micro_pay signed with a wrong key: 101, unsigned',
      'cpay',
      await prepareRequest(
        'brief_micro_pay',
        {
          snCode: sn,
          outShopId: b.outShopId,
          nonce: N32('w'),
          outTradeNo: `${p}0007`,
          authCode: code('success', 'wechat'),
          totalFee: fen(1),
          body: 'x',
          deviceId: b.deviceId,
          subTerminalType: 2451,
        },
        N32('0'),
      ),
      'brief_micro_pay',
    );
    await control('merchant changes the payment key', 'POST', '/sandbox/bind/rotate-key', {});
    await cpay(
      'boot check after the key change: 104 / 3303',
      'check_bill_device_bind_info',
      { snCode: sn, outShopId: b.outShopId, deviceId: b.deviceId, nonce: 'ff00ee11', hashContent: await hmacSha256Hex(paymentKey, 'ff00ee11'), timestamp: ts },
      ik,
    );
    const cfg = JSON.parse(await control('legacy configuration QR for a new device', 'POST', '/sandbox/legacy/config')) as { osi: string; si: string };
    const legacy = await cpay('legacy use_device_setting (GET, clear key)', 'use_device_setting', { osi: cfg.osi, si: cfg.si, sn }, null);
    paymentKey = legacy?.body?.authenKey;
    const lb = legacy!.body!;
    await cpay('legacy unbind_device_sn_code', 'unbind_device_sn_code', {
      outSubMchId: lb.outSubMchId,
      outShopId: lb.outShopId,
      deviceId: lb.deviceId,
      snCode: sn,
    });
    await cpay('legacy unbind again: 104 / 3215', 'unbind_device_sn_code', {
      outSubMchId: lb.outSubMchId,
      outShopId: lb.outShopId,
      deviceId: lb.deviceId,
      snCode: sn,
    });
    await recordDeposits(
      cpay,
      control,
      (k) => {
        paymentKey = k;
      },
      sn,
    );
    return out;
  } finally {
    await srv.close();
  }
}
