/**
 * The deposit and app_pay part of the transcript walk-through, appended after the legacy steps:
 * re-bind the demo sn directly, freeze 100.00, consume 37.50 with the rest released, refuse a
 * second settlement, freeze and unfreeze another deposit in full, and create an app_pay order.
 */
import { fen, type EndpointName, type MchKey, type OrderClient, type Reply, type RequestOf, type ResponseOf } from '@cpay/protocol';

type Cpay = <E extends EndpointName>(title: string, endpoint: E, req: RequestOf<E>, key?: string | null) => Promise<Reply<ResponseOf<E>> | undefined>;
type Control = (title: string, method: string, path: string, body?: unknown) => Promise<string>;

/** Records the deposit steps; `setKey` makes the recorder write the new payment key into each transcript. */
export async function recordDeposits(cpay: Cpay, control: Control, setKey: (k: string) => void, sn: string): Promise<void> {
  const b = JSON.parse(await control('bind the demo terminal again (direct) for the deposit steps', 'POST', '/sandbox/bind/direct', {})) as {
    payment_key: string; out_mch_id: string; out_sub_mch_id: string; out_shop_id: string; device_id: string; cloud_cashier_id: string;
  };
  setKey(b.payment_key);
  const p = b.cloud_cashier_id;
  const mch: MchKey = { payPlatform: 1, outMchId: b.out_mch_id, outSubMchId: b.out_sub_mch_id, outShopId: b.out_shop_id };
  const client: OrderClient = { deviceId: b.device_id, terminalType: 2, subTerminalType: 2451, machineNo: 'WEB1', sdkVersion: '1.0.0', spbillCreateIp: '127.0.0.1', snCode: sn };
  const n = (c: string) => c.repeat(32);
  const freeze = (ofn: string, fee: number, title: string) => cpay(title, 'micro_freeze', {
    outFreezeNo: ofn, authorCode: '135005875955000000', freezeFee: fen(fee), body: '押金', ext: { platform: 'wechat' },
    mchKey: { ...mch, ext: { platform: 'wechat' } }, client, nonce: n('f'),
  });
  await freeze(`${p}D0001`, 10000, 'micro_freeze 100.00 (WeChat): frozen (WxpayFreezeOrderState 2)');
  await cpay('query_freeze_order: frozen', 'query_freeze_order', { mchKey: mch, client, outFreezeNo: `${p}D0001`, nonce: n('q') });
  const consume = (otn: string, fee: number, title: string) => cpay(title, 'deposit_consume', {
    outTradeNo: otn, totalFee: fen(fee), body: '租金', outFreezeNo: `${p}D0001`, isConfirmUnfreeze: true, mchKey: mch, client, nonce: n('c'),
  });
  await consume(`${p}D0002`, 3750, 'deposit_consume 37.50, rest released (order cts 14, manual_unfreeze_fee 62.50)');
  await consume(`${p}D0003`, 100, 'a second settlement: 104 / 4302');
  await freeze(`${p}D0004`, 2000, 'micro_freeze 20.00 to be unfrozen in full');
  await cpay('unfreeze 20.00: processing (1)', 'unfreeze', {
    outFreezeNo: `${p}D0004`, outUnfreezeNo: `${p}D0005`, unfreezeFee: fen(2000),
    mchKey: { payPlatform: 1, outShopId: b.out_shop_id, isSubMchAdmin: true }, client, nonce: n('u'),
  });
  await control('clock +3 s: the unfreeze settles', 'POST', '/sandbox/time', { advance_ms: 3_000 });
  await cpay('query_unfreeze_order: success (2)', 'query_unfreeze_order', { mchKey: mch, client, outFreezeNo: `${p}D0004`, nonce: n('v') });
  await control('server truth of the first deposit', 'GET', `/sandbox/deposits/${p}D0001`);
  await cpay('app_pay (merchant back end): sdk_args.wxpay', 'app_pay', {
    outTradeNo: `${p}A0001`, totalFee: fen(100), body: '演示App-会员充值', mchKey: { ...mch, mobAppId: 'wx87dd198b78jucir8' }, nonce: n('a'),
  });
}
