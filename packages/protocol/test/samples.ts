/**
 * One representative domain request and reply per endpoint, with fixed keys and nonces. Used by
 * the round-trip tests and to generate the wire transcripts in fixtures/transcripts/.
 */
import type { EndpointName } from '../src/index.js';
import type { Sample } from './sample.js';
import { fen } from '../src/index.js';
import { DEPOSIT_SAMPLES } from './samples-deposit.js';

/** Fixed keys: the spec's QR-example initial key and the §3.6 synthetic payment key. */
export const KEYS = { initialKey: 'C852274D372982D5530B692FD77124D3', paymentKey: '0123456789ABCDEF0123456789ABCDEF' } as const;
/** §5.5 vector 1: the payment key encrypted with the initial key (salt 0102030405060708). */
export const E_AUTHEN_KEY = 'AQIDBAUGBwik3tQr4ftqlAVIhW+8U/nU3XYYpq9nSsgHIOzwRVzsqiqDRahGaTDtu1SvfE6jUVM=';

const ok = { status: 0, description: '', logId: 18654852, internalStatus: 0 } as const;
const mchKey = { payPlatform: 1, outMchId: 'sz01M43ouf007JL1sn33', outSubMchId: 'sz01NI6PoQVvYEmOcoRp', outShopId: 'sz01aZk73lnFVxX6XSWp' } as const;
const client = {
  deviceId: 'kUwbvm1cpdGn4Kxm',
  terminalType: 2,
  subTerminalType: 2451,
  machineNo: 'kUwbvm1cpdGn4Kxm',
  sdkVersion: '1.0',
  spbillCreateIp: '127.0.0.1',
  snCode: 'LANDI_QM800_LA198KBQ8W1666',
} as const;
const NS = '69050786d195198efe9070ae45857070';

export type { Sample } from './sample.js';

export const SAMPLES: { readonly [E in EndpointName]: Sample<E> } = {
  ping: { req: {}, reply: { status: 0, description: 'ok', internalStatus: 0, body: { timestamp: 1568810077, status: 0, description: 'ok' } } },
  check_bill_device_bind_info: {
    req: {
      snCode: 'LANDI_QM600_LA190000000',
      outShopId: 'sz01aZk73lnFVxX6XSWp',
      deviceId: 'kUwbvm1cpdGn4Kxm',
      nonce: 'ea90ceba',
      hashContent: '3FC3D67779E765BD8563A3C935741454EAC8CEE4500BCD842AE168F897117090',
      timestamp: 1568859333,
    },
    reply: { ...ok },
  },
  generate_bill_device_bind_qr_code: {
    req: { snCode: 'LANDI_QM600_LA190000000', appCpayVersion: '1.0.0', nonce: 'ea90ceba', timestamp: 1568859333, mcc: '460', mnc: '00' },
    reply: {
      ...ok,
      body: {
        activator: 'p9fa01zex4mi',
        token: '8azip8115bq',
        ttlSeconds: 180,
        miniProgramUrl: 'https://payapp.weixin.qq.com/smartqr/entry/home',
        intervalSeconds: 1,
      },
    },
  },
  get_bill_device_bind_info: {
    req: { snCode: 'LANDI_QM600_LA190000000', token: '8azip8115bq', nonce: 'ea90ceba', timestamp: 1568859333 },
    reply: {
      ...ok,
      body: {
        activated: true,
        nonce: '416492026bc84091bcaf7e74ea90ceba',
        outMchId: 'sz01M43ouf007JL1sn33',
        outSubMchId: 'sz01NI6PoQVvYEmOcoRp',
        cloudCashierId: '01008266',
        authenType: 1,
        eAuthenKey: E_AUTHEN_KEY,
        outShopId: 'sz01aZk73lnFVxX6XSWp',
        shopName: '测试门店 / Test shop',
        deviceId: 'kUwbvm1cpdGn4Kxm',
        deviceName: '收银台1',
        deviceShiftType: 1,
      },
    },
  },
  brief_micro_pay: {
    req: {
      nonce: NS,
      outShopId: 'sz01QgJZkxDB7RVeL6XY',
      outTradeNo: '0100826651692015704554111',
      authCode: '135005875955002257',
      totalFee: fen(900),
      body: 'test',
      deviceId: 'tdFQtGl2M9MOcgTn',
      snCode: 'LANDI_QM800_LA198KBQ8W1666',
      subTerminalType: 2451,
    },
    reply: { status: 0, description: '操作成功。', logId: 2643575008, internalStatus: 0, body: { state: { platform: 'wechat', cts: 2 }, nonce: 'dJMSHgYs' } },
  },
  brief_query_order: {
    req: { nonce: NS, outTradeNo: '0100826651692015704554111', outShopId: 'sz01QgJZkxDB7RVeL6XY', deviceId: 'tdFQtGl2M9MOcgTn' },
    reply: {
      status: 0,
      description: '操作成功。',
      logId: 2185455507,
      internalStatus: 0,
      body: {
        platform: 'wechat',
        outTradeNo: '0100826651692015704554111',
        totalFee: fen(900),
        state: { platform: 'wechat', cts: 9, tradeStateDesc: '需要用户输入支付密码' },
        nonce: 'sclBgLM9',
      },
    },
  },
  brief_query_order_list: {
    req: {
      subPayPlatforms: [100, 200],
      outSubMchId: 'sz0138zjfiwezee',
      outShopId: 'sz01FzZfei91',
      deviceId: 'FzZfei91iefaefz',
      orderType: 3,
      startTime: 1571817655,
      endTime: 1571817755,
      pageNum: 1,
      pageSize: 2,
      tradeType: 1,
      nonce: NS,
    },
    reply: {
      status: 0,
      description: '',
      internalStatus: 0,
      body: {
        totalCount: 102,
        nonce: 'faeofeifazfeijfi',
        items: [
          {
            kind: 'order',
            subPayPlatform: 100,
            tradeType: 1,
            outTradeNo: '110138591298768',
            totalFee: fen(200),
            createTime: 1571817657,
            state: { platform: 'wechat', cts: 2 },
          },
          {
            kind: 'refund',
            subPayPlatform: 200,
            tradeType: 1,
            outTradeNo: '110187443881321',
            totalFee: fen(300),
            outRefundNo: '110187812300831',
            refundFee: fen(100),
            createTime: 1571817660,
            refundState: { platform: 'alipay', state: 2 },
          },
        ],
      },
    },
  },
  brief_query_order_list_overview: {
    req: {
      subPayPlatforms: [100, 200],
      outSubMchId: 'sz0138zjfiwezee',
      outShopId: 'sz01FzZfei91',
      deviceId: 'FzZfei91iefaefz',
      orderType: 1,
      startTime: 1571817655,
      endTime: 1571817755,
      tradeType: 1,
      nonce: NS,
    },
    reply: {
      status: 0,
      description: '',
      internalStatus: 0,
      body: {
        nonce: 'ZMEEOPPfeaeiwf122',
        rows: [
          {
            subPayPlatform: 200,
            tradeType: 1,
            successCount: 4,
            successAmount: 2400,
            settlementAmount: 2400,
            discountAmount: 0,
            paySettleAmount: 2400,
            refundSettleAmount: 2100,
            refundCreateCount: 1,
            refundCreateAmount: 300,
            poundage: -200,
            incomeAmount: 1900,
            orderRefundedAmount: 300,
          },
        ],
      },
    },
  },
  device_report: {
    req: {
      nonce: '4db12671e9510667d9c8d65bdf50a27b',
      deviceType: 1,
      companyCode: 'LANDI',
      model: 'LANDI_QM600',
      sn: 'LANDI_QM600_LA197LB331212',
      beginTimestamp: 1570458756,
      endTimestamp: 1570462751,
      networkType: 'wifi',
      mcc: '460',
      mnc: '00',
      wxPayCount: 1,
      wxPaySuccessCount: 1,
      wxPayAmount: 900,
      aliPayCount: 0,
      aliPaySuccessCount: 0,
      aliPayAmount: 0,
      otherPayCount: 0,
      otherPaySuccessCount: 0,
      otherPayAmount: 0,
      outMchId: 'sz01M43ouf007JL1sn33',
      outSubMchId: 'sz01NI6PoQVvYEmOcoRp',
      cloudCashierId: '010110893',
      authenType: 1,
      outShopId: 'sz01aZk73lnFVxX6XSWp',
      deviceId: 'kUwbvm1cpdGn4Kxm',
      appCpayVersion: '1.0.0',
      deviceShiftType: 1,
      apiCallingInfos: [
        { outTradeNo: '0101108936210615704627481', code: 200, status: 0, internalStatus: 0, delayMs: 2060, description: 'ok', payPlatform: 1, orderStatus: 2 },
      ],
    },
    reply: { status: 0, description: 'xxxx', logId: 973138369, internalStatus: 0, body: { nonce: '4dOOZyhxzTRexn5OBDqA8vhve3FqnCHL' } },
  },
  refund: {
    req: {
      outTradeNo: '0100826651692015704554111',
      outRefundNo: '0100826651692015704554112',
      totalFee: fen(900),
      refundFee: fen(100),
      refundReason: 'returns',
      mchKey: { ...mchKey, isSubMchAdmin: false, authorizationStaffId: '1206' },
      client,
      apiVersion: 2,
      nonce: NS,
    },
    reply: {
      ...ok,
      body: {
        mchKey,
        nonce: NS,
        refund: {
          outRefundNo: '0100826651692015704554112',
          outTradeNo: '0100826651692015704554111',
          totalFee: fen(900),
          refundFee: fen(100),
          createTime: 1570462800,
          refundState: { platform: 'wechat', state: 4 },
          refundReason: 'returns',
        },
      },
    },
  },
  query_refund_order: {
    req: { mchKey, client, outTradeNo: '0100826651692015704554111', outRefundNo: '0100826651692015704554112', nonce: NS },
    reply: {
      ...ok,
      body: {
        mchKey,
        nonce: NS,
        refunds: [
          {
            outRefundNo: '0100826651692015704554112',
            outTradeNo: '0100826651692015704554111',
            totalFee: fen(900),
            refundFee: fen(100),
            createTime: 1570462800,
            refundState: { platform: 'wechat', state: 2 },
          },
        ],
      },
    },
  },
  scan_code_pay: {
    req: { outTradeNo: '0100826651692015704554113', totalFee: fen(1), body: 'test', timeExpire: 1570463000, productId: 'p1', mchKey, client, nonce: NS },
    reply: { ...ok, body: { codeUrl: 'weixin://wxpay/bizpayurl?pr=3oi3IB6', nonce: NS } },
  },
  query_order: {
    req: {
      mchKey: { outMchId: mchKey.outMchId, outSubMchId: mchKey.outSubMchId, outShopId: mchKey.outShopId },
      client,
      outTradeNo: '0100826651692015704554113',
      tradeType: 2,
      nonce: NS,
    },
    reply: {
      ...ok,
      body: {
        mchKey,
        nonce: NS,
        order: {
          outTradeNo: '0100826651692015704554113',
          transactionId: '4200000001',
          tradeType: 2,
          codeUrl: 'weixin://wxpay/bizpayurl?pr=3oi3IB6',
          totalFee: fen(1),
          timeEnd: 1570462900,
          createTime: 1570462800,
          body: 'test',
          state: { platform: 'wechat', cts: 3, tradeStateDesc: '支付成功' },
        },
      },
    },
  },
  query_order_list: {
    req: {
      outSubMchId: mchKey.outSubMchId,
      outShopId: mchKey.outShopId,
      orderType: 3,
      startTime: 1570462800,
      endTime: 1570466400,
      pageNum: 1,
      pageSize: 100,
      payTimeType: 1,
      refundTimeType: 1,
      timeFilter: 1,
      status: 1,
      nonce: NS,
    },
    reply: {
      ...ok,
      body: {
        nonce: NS,
        totalCount: 2,
        items: [
          {
            kind: 'order',
            outTradeNo: '0100826651692015704554113',
            subPayPlatform: 100,
            tradeType: 1,
            deviceId: 'tdFQtGl2M9MOcgTn',
            totalFee: fen(300),
            refundedFee: fen(100),
            poundage: 2,
            createTime: 1570462800,
            state: { platform: 'wechat', cts: 2 },
          },
          {
            kind: 'refund',
            outTradeNo: '0100826651692015704554113',
            outRefundNo: '0100826651692015704554114',
            subPayPlatform: 100,
            tradeType: 1,
            totalFee: fen(300),
            refundFee: fen(100),
            createTime: 1570463000,
            refundState: { platform: 'wechat', state: 2 },
          },
        ],
      },
    },
  },
  close_order: {
    req: { mchKey, client, outTradeNo: '0100826651692015704554113', tradeType: 2, nonce: NS },
    reply: { ...ok, body: { nonce: NS } },
  },
  use_device_setting: {
    req: { osi: 'sz01aZk73lnFVxX6XSWp', si: 'si0000000000000001', sn: 'LANDI_QM500_1923840238029389' },
    reply: {
      ...ok,
      body: {
        outMchId: 'sz01M43ouf007JL1sn33',
        outSubMchId: 'sz01NI6PoQVvYEmOcoRp',
        cloudCashierId: '01008266',
        authenType: 1,
        authenKey: KEYS.paymentKey,
        outShopId: 'sz01aZk73lnFVxX6XSWp',
        shopName: 'Test shop',
        deviceId: 'kUwbvm1cpdGn4Kxm',
        deviceName: 'POS 1',
        staffId: '1206',
        staffName: 'dianyuan',
      },
    },
  },
  unbind_device_sn_code: {
    req: { outSubMchId: 'sz01NI6PoQVvYEmOcoRp', outShopId: 'sz01aZk73lnFVxX6XSWp', deviceId: 'kUwbvm1cpdGn4Kxm', snCode: 'LANDI_QM500_1923840238029389' },
    reply: { ...ok },
  },
  ...DEPOSIT_SAMPLES,
};
