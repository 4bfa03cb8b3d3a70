/**
 * The deposit and app_pay part of the transcript walk-through, appended after the legacy steps:
 * re-bind the demo sn directly, freeze 100.00, consume 37.50 with the rest released, refuse a
 * second settlement, freeze and unfreeze another deposit in full, and create an app_pay order;
 * then the go-live answers (issue 14): the consumption as an order and its deposit-mode refunds, a
 * merchant-console refund, a query for a missing order, and the merchant-level query_order_list.
 */
import { fen, type EndpointName, type MchKey, type OrderClient, type Reply, type RequestOf, type ResponseOf } from '@cpay/protocol';

type Cpay = <E extends EndpointName>(title: string, endpoint: E, req: RequestOf<E>, key?: string | null) => Promise<Reply<ResponseOf<E>> | undefined>;
type Control = (title: string, method: string, path: string, body?: unknown) => Promise<string>;

/** Records the deposit steps; `setKey` makes the recorder write the new payment key into each transcript. */
export async function recordDeposits(cpay: Cpay, control: Control, setKey: (k: string) => void, sn: string): Promise<void> {
  const b = JSON.parse(await control('bind the demo terminal again (direct) for the deposit steps', 'POST', '/sandbox/bind/direct', {})) as {
    payment_key: string;
    out_mch_id: string;
    out_sub_mch_id: string;
    out_shop_id: string;
    device_id: string;
    cloud_cashier_id: string;
  };
  setKey(b.payment_key);
  const p = b.cloud_cashier_id;
  const mch: MchKey = { payPlatform: 1, outMchId: b.out_mch_id, outSubMchId: b.out_sub_mch_id, outShopId: b.out_shop_id };
  const client: OrderClient = {
    deviceId: b.device_id,
    terminalType: 2,
    subTerminalType: 2451,
    machineNo: 'WEB1',
    sdkVersion: '1.0.0',
    spbillCreateIp: '127.0.0.1',
    snCode: sn,
  };
  const n = (c: string) => c.repeat(32);
  const freeze = (ofn: string, fee: number, title: string) =>
    cpay(title, 'micro_freeze', {
      outFreezeNo: ofn,
      authorCode: '135005875955000000',
      freezeFee: fen(fee),
      body: '押金',
      ext: { platform: 'wechat' },
      mchKey: { ...mch, ext: { platform: 'wechat' } },
      client,
      nonce: n('f'),
    });
  await freeze(`${p}D0001`, 10000, 'micro_freeze 100.00 (WeChat): frozen (WxpayFreezeOrderState 2)');
  await cpay('query_freeze_order: frozen', 'query_freeze_order', { mchKey: mch, client, outFreezeNo: `${p}D0001`, nonce: n('q') });
  const consume = (otn: string, fee: number, title: string) =>
    cpay(title, 'deposit_consume', {
      outTradeNo: otn,
      totalFee: fen(fee),
      body: '租金',
      outFreezeNo: `${p}D0001`,
      isConfirmUnfreeze: true,
      mchKey: mch,
      client,
      nonce: n('c'),
    });
  await consume(`${p}D0002`, 3750, 'deposit_consume 37.50, rest released (order cts 14, manual_unfreeze_fee 62.50)');
  await consume(`${p}D0003`, 100, 'a second settlement: 104 / 4302');
  await freeze(`${p}D0004`, 2000, 'micro_freeze 20.00 to be unfrozen in full');
  await cpay('unfreeze 20.00: processing (1)', 'unfreeze', {
    outFreezeNo: `${p}D0004`,
    outUnfreezeNo: `${p}D0005`,
    unfreezeFee: fen(2000),
    mchKey: { payPlatform: 1, outShopId: b.out_shop_id, isSubMchAdmin: true },
    client,
    nonce: n('u'),
  });
  await control('clock +3 s: the unfreeze settles', 'POST', '/sandbox/time', { advance_ms: 3_000 });
  await cpay('query_unfreeze_order: success (2)', 'query_unfreeze_order', { mchKey: mch, client, outFreezeNo: `${p}D0004`, nonce: n('v') });
  await control('server truth of the first deposit', 'GET', `/sandbox/deposits/${p}D0001`);
  await cpay('app_pay (merchant back end): sdk_args.wxpay', 'app_pay', {
    outTradeNo: `${p}A0001`,
    totalFee: fen(100),
    body: '演示App-会员充值',
    mchKey: { ...mch, mobAppId: 'wx87dd198b78jucir8' },
    nonce: n('a'),
  });
  // Go-live answers (issue 14): a consumption is an order; deposit-mode refunds; not found; merchant list.
  await cpay('brief_query_order on the consumption: an order in WeChat state 14', 'brief_query_order', {
    outShopId: b.out_shop_id,
    nonce: n('b'),
    outTradeNo: `${p}D0002`,
  });
  const refundConsumption = (orn: string, ofn: string | undefined, title: string) =>
    cpay(title, 'refund', {
      outTradeNo: `${p}D0002`,
      outRefundNo: orn,
      totalFee: fen(3750),
      refundFee: fen(500),
      ...(ofn ? { outFreezeNo: ofn } : {}),
      mchKey: { ...mch, isSubMchAdmin: true },
      client,
      nonce: n('r'),
    });
  await refundConsumption(`${p}D0006`, undefined, 'refund of the consumption without out_freeze_no: 104 / 4309 (押金模式退款单必填)');
  await refundConsumption(`${p}D0007`, `${p}D0001`, 'refund 5.00 of the consumption with out_freeze_no: accepted');
  await control('the merchant refunds 1.00 of the consumption in the merchant console (no device)', 'POST', `/sandbox/orders/${p}D0002/merchant-refund`, {
    refund_fee: 100,
  });
  await control('clock +3 s: both refunds settle', 'POST', '/sandbox/time', { advance_ms: 3_000 });
  await cpay('brief_query_order for an order cpay does not have: status 0, Alipay state 7 订单不存在', 'brief_query_order', {
    outShopId: b.out_shop_id,
    nonce: n('m'),
    outTradeNo: `${p}X0404`,
  });
  await cpay('query_order for an order cpay does not have (WeChat named): WeChat state 11', 'query_order', {
    mchKey: mch,
    client,
    outTradeNo: `${p}X0404`,
    nonce: n('o'),
  });
  await cpay(
    'query_order_list (merchant level, every device): the consumption with refunded_fee 6.00, the terminal and merchant-console refunds',
    'query_order_list',
    {
      outSubMchId: b.out_sub_mch_id,
      outShopId: b.out_shop_id,
      orderType: 3,
      startTime: 1_759_990_000,
      endTime: 1_760_010_000,
      pageNum: 1,
      pageSize: 20,
      payTimeType: 1,
      refundTimeType: 1,
      timeFilter: 1,
      status: 1,
      nonce: n('l'),
    },
  );
  const ali: MchKey = { ...mch, payPlatform: 2 };
  const qr = await cpay('scancode_freeze 30.00 (Alipay only): the QR the customer scans', 'scancode_freeze', {
    outFreezeNo: `${p}D0008`,
    freezeFee: fen(3000),
    body: '押金',
    mchKey: { ...ali, ext: { platform: 'alipay' } },
    client,
    nonce: n('z'),
  });
  await control('the customer scans the QR and leaves the deposit', 'POST', '/sandbox/scan/pay', { code_url: qr?.body?.codeUrl });
  await cpay('query_freeze_order: the QR deposit is frozen (Alipay 2)', 'query_freeze_order', { mchKey: ali, client, outFreezeNo: `${p}D0008`, nonce: n('y') });
}
