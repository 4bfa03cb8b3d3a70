/**
 * Deposit freeze calls (spec §7.10): micro_freeze (scan the customer code, freeze an amount) and
 * query_freeze_order. Full envelope, payment key. The freeze's result is `current_trade_state`
 * in its platform extension; `status` only says how the call went (003 L5705-5708).
 */
import { decodeMchKey, decodeOrderClient, encodeMchKey, encodeOrderClient, presentPlatform } from './common.js';
import { defineCodec } from './codec.js';
import type {
  FreezeContentExt,
  FreezeResponse,
  MicroFreezeRequest,
  QueryFreezeRequest,
  ScanCodeFreezeRequest,
  ScanCodeFreezeResponse,
} from './deposit-types.js';
import { decodeDepositMchKey, decodeFreezeOrder, encodeDepositMchKey, encodeFreezeOrder } from './freeze-content.js';
import { type Json, type WireReader, compact } from './read.js';

const FREEZE_CONTENT_EXT = { wechat: 'wxpay_freeze_content_ext', alipay: 'alipay_freeze_content_ext' } as const;

function encodeFreezeExt(ext: FreezeContentExt | undefined): Json {
  if (!ext) return {};
  if (ext.platform === 'wechat') return { wxpay_freeze_content_ext: compact({ attach: ext.attach, goods_tag: ext.goodsTag, limit_pay: ext.limitPay }) };
  return { alipay_freeze_content_ext: compact({ enable_pay_channels: ext.enablePayChannels }) };
}

function decodeFreezeExt(fc: WireReader): FreezeContentExt | undefined {
  const hit = presentPlatform(fc, FREEZE_CONTENT_EXT);
  if (!hit) return undefined;
  const e = fc.child(hit[1]);
  return hit[0] === 'wechat'
    ? compact({ platform: 'wechat' as const, attach: e.optStr('attach'), goodsTag: e.optStr('goods_tag'), limitPay: e.optStr('limit_pay') })
    : compact({ platform: 'alipay' as const, enablePayChannels: e.optStr('enable_pay_channels') });
}

const encodeFreezeBody = (b: FreezeResponse): Json =>
  compact({
    freeze_order_content: encodeFreezeOrder(b.freeze),
    pay_mch_key: b.mchKey && encodeDepositMchKey(b.mchKey),
    nonce_str: b.nonce,
  });
const decodeFreezeBody = (r: WireReader): FreezeResponse =>
  compact({
    freeze: decodeFreezeOrder(r.child('freeze_order_content')),
    mchKey: r.has('pay_mch_key') ? decodeDepositMchKey(r.child('pay_mch_key')) : undefined,
    nonce: r.optStr('nonce_str'),
  });

/** `micro_freeze`: only one of each wx/ali extension pair may be sent (004 L137-139). */
export const microFreezeCodec = defineCodec<MicroFreezeRequest, FreezeResponse>('micro_freeze', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) => ({
    freeze_content: compact({
      out_freeze_no: q.outFreezeNo,
      author_code: q.authorCode,
      freeze_fee: q.freezeFee,
      fee_type: 'CNY',
      body: q.body,
      remark: q.remark,
      ...encodeFreezeExt(q.ext),
    }),
    pay_mch_key: encodeDepositMchKey(q.mchKey),
    order_client: encodeOrderClient(q.client),
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => {
    const fc = r.child('freeze_content');
    if (fc.str('fee_type') !== 'CNY') throw fc.fail('bad_value', 'fee_type', 'only CNY is supported');
    return compact({
      outFreezeNo: fc.str('out_freeze_no'),
      authorCode: fc.str('author_code'),
      freezeFee: fc.fen('freeze_fee'),
      body: fc.str('body'),
      remark: fc.optStr('remark'),
      ext: decodeFreezeExt(fc),
      mchKey: decodeDepositMchKey(r.child('pay_mch_key')),
      client: decodeOrderClient(r),
      nonce: r.str('nonce_str'),
    });
  },
  encodeBody: encodeFreezeBody,
  decodeBody: decodeFreezeBody,
});

/** `query_freeze_order`: the deposit's FreezeOrderContent. */
export const queryFreezeCodec = defineCodec<QueryFreezeRequest, FreezeResponse>('query_freeze_order', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) => ({
    pay_mch_key: encodeMchKey(q.mchKey),
    order_client: encodeOrderClient(q.client),
    out_freeze_no: q.outFreezeNo,
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => ({
    mchKey: decodeMchKey(r.child('pay_mch_key')),
    client: decodeOrderClient(r),
    outFreezeNo: r.str('out_freeze_no'),
    nonce: r.str('nonce_str'),
  }),
  encodeBody: encodeFreezeBody,
  decodeBody: decodeFreezeBody,
});

/** `scancode_freeze` (003 L5918-6274): Alipay only; answers the QR (`scan_code_freeze.code_url`). */
export const scanCodeFreezeCodec = defineCodec<ScanCodeFreezeRequest, ScanCodeFreezeResponse>('scancode_freeze', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) => ({
    freeze_content: compact({
      out_freeze_no: q.outFreezeNo,
      freeze_fee: q.freezeFee,
      fee_type: 'CNY',
      time_expire: q.timeExpire,
      body: q.body,
      remark: q.remark,
      ...encodeFreezeExt(q.ext),
    }),
    pay_mch_key: encodeDepositMchKey(q.mchKey),
    order_client: encodeOrderClient(q.client),
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => {
    const fc = r.child('freeze_content');
    if (fc.str('fee_type') !== 'CNY') throw fc.fail('bad_value', 'fee_type', 'only CNY is supported');
    return compact({
      outFreezeNo: fc.str('out_freeze_no'),
      freezeFee: fc.fen('freeze_fee'),
      body: fc.str('body'),
      timeExpire: fc.optInt('time_expire'),
      remark: fc.optStr('remark'),
      ext: decodeFreezeExt(fc),
      mchKey: decodeDepositMchKey(r.child('pay_mch_key')),
      client: decodeOrderClient(r),
      nonce: r.str('nonce_str'),
    });
  },
  encodeBody: (b) => compact({ code_url: b.codeUrl, nonce_str: b.nonce }),
  decodeBody: (r) => compact({ codeUrl: r.str('code_url'), nonce: r.optStr('nonce_str') }),
});
