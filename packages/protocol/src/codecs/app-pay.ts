/**
 * `app_pay` (spec §7.8, seed 001): a merchant's back end creates a WeChat in-app order and hands
 * `sdk_args.wxpay` to its mobile app. Not a terminal call: no `order_client`.
 */
import type { Fen, PayPlatformCode } from '../types.js';
import { readPayPlatform } from './common.js';
import { defineCodec } from './codec.js';
import type { DepositMchKey } from './deposit-types.js';
import { decodeDepositMchKey, encodeDepositMchKey } from './freeze-content.js';
import { type WireReader, compact } from './read.js';

/** app_pay request (no order_client). */
export interface AppPayRequest {
  readonly outTradeNo: string;
  readonly totalFee: Fen;
  /** "App name-item", e.g. "天天爱消除-游戏充值". */
  readonly body: string;
  readonly timeExpire?: number;
  /** 001 only (§15 #40): optional. */
  readonly callerNotifyUrl?: string;
  readonly remark?: string;
  readonly attach?: string;
  readonly mchKey: {
    readonly payPlatform: PayPlatformCode;
    readonly outMchId: string;
    readonly outSubMchId: string;
    readonly outShopId: string;
    /** APPID bound on the WeChat Open Platform. */
    readonly mobAppId: string;
  };
  readonly nonce: string;
}

/** WxpaySdkArguments: what the merchant's app hands to the WeChat SDK. */
export interface WxpaySdkArgs {
  readonly appId: string;
  readonly partnerId: string;
  /** Always `Sign=WXPay`. */
  readonly packageValue: string;
  readonly nonceStr: string;
  readonly timestamp: string;
  readonly sign: string;
  /** Required in the table, absent from the example (§15 #40): optional when decoding. */
  readonly prepareId?: string;
}

/** app_pay reply. */
export interface AppPayResponse {
  readonly mchKey?: DepositMchKey;
  readonly nonce?: string;
  readonly wxpay: WxpaySdkArgs;
}

/** The fixed `package_value` of WeChat App pay. */
export const WXPAY_APP_PACKAGE = 'Sign=WXPay';

/**
 * The text WeChat signs for App pay: the SDK fields sorted by name, `k=v` joined by `&`
 * (appid, noncestr, package, partnerid, prepayid, timestamp). Whoever holds the signing key
 * (WeChat Pay in production, the simulator's payment key in sandbox) signs this.
 */
export function wxpaySdkSignText(a: Omit<WxpaySdkArgs, 'sign'>): string {
  return `appid=${a.appId}&noncestr=${a.nonceStr}&package=${a.packageValue}&partnerid=${a.partnerId}&prepayid=${a.prepareId ?? ''}&timestamp=${a.timestamp}`;
}

const decodeSdk = (w: WireReader): WxpaySdkArgs =>
  compact({
    appId: w.str('app_id'),
    partnerId: w.str('partner_id'),
    packageValue: w.str('package_value'),
    nonceStr: w.str('nonce_str'),
    timestamp: w.str('timestamp'),
    sign: w.str('sign'),
    prepareId: w.optStr('prepare_id'),
  });

/** `app_pay`: WeChat only; `caller_notify_url` optional (§15 #40). */
export const appPayCodec = defineCodec<AppPayRequest, AppPayResponse>('app_pay', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) => ({
    pay_content: compact({
      out_trade_no: q.outTradeNo,
      total_fee: q.totalFee,
      fee_type: 'CNY',
      time_expire: q.timeExpire,
      caller_notify_url: q.callerNotifyUrl,
      body: q.body,
      remark: q.remark,
      wxpay_pay_content_ext: q.attach === undefined ? undefined : { attach: q.attach },
    }),
    pay_mch_key: {
      pay_platform: q.mchKey.payPlatform,
      out_mch_id: q.mchKey.outMchId,
      out_sub_mch_id: q.mchKey.outSubMchId,
      out_shop_id: q.mchKey.outShopId,
      wxpay_pay_mch_key_ext: { mob_app_id: q.mchKey.mobAppId },
    },
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => {
    const pc = r.child('pay_content');
    if (pc.str('fee_type') !== 'CNY') throw pc.fail('bad_value', 'fee_type', 'only CNY is supported');
    const mk = r.child('pay_mch_key');
    return compact({
      outTradeNo: pc.str('out_trade_no'),
      totalFee: pc.fen('total_fee'),
      body: pc.str('body'),
      timeExpire: pc.optInt('time_expire'),
      callerNotifyUrl: pc.optStr('caller_notify_url'),
      remark: pc.optStr('remark'),
      attach: pc.optChild('wxpay_pay_content_ext')?.optStr('attach'),
      mchKey: {
        payPlatform: readPayPlatform(mk, 'pay_platform'),
        outMchId: mk.str('out_mch_id'),
        outSubMchId: mk.str('out_sub_mch_id'),
        outShopId: mk.str('out_shop_id'),
        mobAppId: mk.child('wxpay_pay_mch_key_ext').str('mob_app_id'),
      },
      nonce: r.str('nonce_str'),
    });
  },
  encodeBody: (b) =>
    compact({
      pay_mch_key: b.mchKey && encodeDepositMchKey(b.mchKey),
      nonce_str: b.nonce,
      sdk_args: {
        wxpay: compact({
          app_id: b.wxpay.appId,
          partner_id: b.wxpay.partnerId,
          package_value: b.wxpay.packageValue,
          nonce_str: b.wxpay.nonceStr,
          timestamp: b.wxpay.timestamp,
          sign: b.wxpay.sign,
          prepare_id: b.wxpay.prepareId,
        }),
      },
    }),
  decodeBody: (r) =>
    compact({
      mchKey: r.has('pay_mch_key') ? decodeDepositMchKey(r.child('pay_mch_key')) : undefined,
      nonce: r.optStr('nonce_str'),
      wxpay: decodeSdk(r.child('sdk_args').child('wxpay')),
    }),
});
