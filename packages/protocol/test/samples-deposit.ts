/**
 * Samples for the deposit endpoints and app_pay (spec §7.8, §7.10), shaped after the seed
 * examples 004 (micro_freeze, WxpayFreezeOrderState 2) and 001 (app_pay).
 */
import { fen } from '../src/index.js';
import type { Sample } from './sample.js';

const ok = { status: 0, description: '操作成功。', logId: 1971094428, internalStatus: 0 } as const;
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
const NS = 'E94C00688C3F429CA2B0B396BF823548';
const OFN = '0100826651692015704554200';
const freeze = {
  outFreezeNo: OFN,
  tradeType: 1,
  authorCode: '134550264496882447',
  timeExpire: 1564386901,
  timeEnd: 1564386782,
  createTime: 1564386781,
  lastUpdateTime: 1564386783,
  isTransforming: false,
  freezeFee: fen(10000),
  cashFee: fen(10000),
  settlementTotalFee: fen(10000),
  body: 'deposit',
  state: { platform: 'wechat', cts: 2 },
} as const;
const unfreezeOrder = {
  outFreezeNo: OFN,
  outUnfreezeNo: '0100826651692015704554202',
  unfreezeId: '5000000001',
  tradeType: 1,
  timeEnd: 1564387000,
  createTime: 1564386990,
  lastUpdateTime: 1564387000,
  isTransforming: false,
  unfreezeFee: fen(6250),
  state: { platform: 'wechat', cts: 2 },
} as const;

/** The deposit and app_pay samples (merged into SAMPLES). */
export const DEPOSIT_SAMPLES: {
  readonly [E in 'micro_freeze' | 'query_freeze_order' | 'deposit_consume' | 'unfreeze' | 'query_unfreeze_order' | 'app_pay' | 'scancode_freeze']: Sample<E>;
} = {
  scancode_freeze: {
    // 003 L6150-6200 (example request: Alipay, 0.10, no extension).
    req: {
      outFreezeNo: 'sz010002cz11566388969',
      freezeFee: fen(10),
      body: 'body',
      mchKey: { ...mchKey, payPlatform: 2, subPayPlatform: 200 },
      client,
      nonce: NS,
    },
    reply: { ...ok, body: { codeUrl: 'https://qr.alipay.com/bax03431ljhokirwl38f00a7', nonce: NS } },
  },
  micro_freeze: {
    req: {
      outFreezeNo: OFN,
      authorCode: '134550264496882447',
      freezeFee: fen(10000),
      body: 'deposit',
      ext: { platform: 'wechat', attach: 'bike 7' },
      mchKey: { ...mchKey, subPayPlatform: 100, ext: { platform: 'wechat', appId: 'wx998fa95558590e1c' } },
      client,
      nonce: NS,
    },
    reply: {
      ...ok,
      body: {
        freeze,
        nonce: 'hFiSO4JaMpDB38qWELxmG45Maue5Wdzp',
        mchKey: { ...mchKey, subPayPlatform: 100, ext: { platform: 'wechat', appId: 'wx998fa95558590e1c' } },
      },
    },
  },
  query_freeze_order: {
    req: { mchKey, client, outFreezeNo: OFN, nonce: NS },
    reply: {
      ...ok,
      body: { freeze: { ...freeze, totalConsumeFee: fen(3750), totalManualUnfreezeFee: fen(6250), state: { platform: 'wechat', cts: 5 } }, mchKey, nonce: NS },
    },
  },
  deposit_consume: {
    req: {
      outTradeNo: '0100826651692015704554201',
      totalFee: fen(3750),
      body: 'bike rental',
      outFreezeNo: OFN,
      isConfirmUnfreeze: true,
      mchKey,
      client,
      nonce: NS,
    },
    reply: {
      ...ok,
      body: {
        mchKey,
        nonce: NS,
        order: {
          outTradeNo: '0100826651692015704554201',
          transactionId: '4200000002',
          tradeType: 1,
          totalFee: fen(3750),
          timeEnd: 1564386990,
          createTime: 1564386990,
          body: 'bike rental',
          state: { platform: 'wechat', cts: 14 },
        },
        consume: { outFreezeNo: OFN, freezeFee: fen(10000), isConfirmUnfreeze: true, manualUnfreezeFee: fen(6250) },
      },
    },
  },
  unfreeze: {
    req: {
      outFreezeNo: OFN,
      outUnfreezeNo: '0100826651692015704554202',
      unfreezeFee: fen(6250),
      remark: 'returned',
      mchKey: { payPlatform: 1, outShopId: mchKey.outShopId, isSubMchAdmin: false, authorizationStaffId: '1206' },
      client,
      nonce: NS,
    },
    reply: { ...ok, body: { mchKey, unfreeze: { ...unfreezeOrder, state: { platform: 'wechat', cts: 1 } }, nonce: NS } },
  },
  query_unfreeze_order: {
    req: { mchKey, client, outFreezeNo: OFN, outUnfreezeNo: '0100826651692015704554202', nonce: NS },
    reply: { ...ok, body: { mchKey, unfreezes: [unfreezeOrder], nonce: NS } },
  },
  app_pay: {
    req: {
      outTradeNo: '011888520000211567600739877620',
      totalFee: fen(100),
      body: 'body',
      timeExpire: 1567601636,
      mchKey: {
        payPlatform: 1,
        outMchId: 'sz01fdd7icm7JKjkkfc3',
        outSubMchId: 'sz01LG0dvp4O09jjuPbA',
        outShopId: 'sz011Zszd73bocifI9eG',
        mobAppId: 'wx87dd198b78jucir8',
      },
      nonce: 'k8s03nyOPIQxju4lw69CCfeUWL66GDBH',
    },
    reply: {
      status: 0,
      description: '操作成功。',
      logId: 3637968353,
      internalStatus: 0,
      body: {
        mchKey: {
          payPlatform: 1,
          subPayPlatform: 100,
          outMchId: 'sz01fdd7icm7JKjkkfc3',
          outSubMchId: 'sz01LG0dvp4O09jjuPbA',
          outShopId: 'sz011Zszd73bocifI9eG',
          ext: { platform: 'wechat', appId: 'wx0b0ebc671d51405b' },
        },
        nonce: 'zWbxyYBupz2DDIRiO9u9BsmjbAQsmnGv',
        wxpay: {
          appId: 'wx87dd198b78jucir8',
          partnerId: '257300488',
          packageValue: 'Sign=WXPay',
          nonceStr: 'k8s03nyOPIQxju4lw69CCfeUWL66GDBH',
          timestamp: '1567600739',
          sign: 'B3E62ECF398573085397AFCAE1568A8A',
          prepareId: 'wx201410272009395522657a690389285100',
        },
      },
    },
  },
};
