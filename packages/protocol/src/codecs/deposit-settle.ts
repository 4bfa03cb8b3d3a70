/**
 * Settling a deposit (spec §7.10): deposit_consume (a payment order taken from the frozen money,
 * `is_confirm_unfreeze` releasing the rest), unfreeze (release an amount) and
 * query_unfreeze_order (`order_client` object or array, §15 #44).
 */
import { decodeMchKey, decodeOrderClient, encodeMchKey, encodeOrderClient, readPayPlatform } from './common.js';
import { defineCodec } from './codec.js';
import type {
  ConsumeDetails,
  DepositConsumeRequest,
  DepositConsumeResponse,
  QueryUnfreezeRequest,
  QueryUnfreezeResponse,
  UnfreezeRequest,
  UnfreezeResponse,
} from './deposit-types.js';
import { decodeUnfreezeOrder, encodeUnfreezeOrder } from './freeze-content.js';
import { decodeOrderContent, encodeOrderContent } from './order-content.js';
import { type WireReader, compact } from './read.js';

const optBool = (r: WireReader, key: string): boolean | undefined => (r.has(key) ? r.bool(key) : undefined);
const optMchKey = (r: WireReader) => (r.has('pay_mch_key') ? decodeMchKey(r.child('pay_mch_key')) : undefined);

const decodeConsume = (r: WireReader): ConsumeDetails =>
  compact({
    outFreezeNo: r.optStr('out_freeze_no'),
    freezeFee: r.optFen('freeze_fee'),
    isConfirmUnfreeze: optBool(r, 'is_confirm_unfreeze'),
    manualUnfreezeFee: r.optFen('manual_unfreeze_fee'),
    freezeId: r.optStr('freeze_id'),
  });

/** `deposit_consume`: `pay_mch_key.pay_platform` always sent (the example omits it, §15 #42). */
export const depositConsumeCodec = defineCodec<DepositConsumeRequest, DepositConsumeResponse>('deposit_consume', {
  head: 'full',
  bodyOnSuccess: 'required',
  encodeRequest: (q) => ({
    pay_content: compact({
      out_trade_no: q.outTradeNo,
      total_fee: q.totalFee,
      fee_type: 'CNY',
      body: q.body,
      remark: q.remark,
      out_freeze_no: q.outFreezeNo,
      is_confirm_unfreeze: q.isConfirmUnfreeze,
    }),
    pay_mch_key: encodeMchKey(q.mchKey),
    order_client: encodeOrderClient(q.client),
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => {
    const pc = r.child('pay_content');
    if (pc.str('fee_type') !== 'CNY') throw pc.fail('bad_value', 'fee_type', 'only CNY is supported');
    return compact({
      outTradeNo: pc.str('out_trade_no'),
      totalFee: pc.fen('total_fee'),
      body: pc.str('body'),
      remark: pc.optStr('remark'),
      outFreezeNo: pc.str('out_freeze_no'),
      isConfirmUnfreeze: pc.bool('is_confirm_unfreeze'),
      mchKey: decodeMchKey(r.child('pay_mch_key')),
      client: decodeOrderClient(r),
      nonce: r.str('nonce_str'),
    });
  },
  encodeBody: (b) =>
    compact({
      order_content: {
        ...encodeOrderContent(b.order),
        ...compact({
          out_freeze_no: b.consume.outFreezeNo,
          freeze_fee: b.consume.freezeFee,
          is_confirm_unfreeze: b.consume.isConfirmUnfreeze,
          manual_unfreeze_fee: b.consume.manualUnfreezeFee,
          freeze_id: b.consume.freezeId,
        }),
      },
      pay_mch_key: b.mchKey && encodeMchKey(b.mchKey),
      nonce_str: b.nonce,
    }),
  decodeBody: (r) => {
    const oc = r.child('order_content');
    // The deposit fields are read once, into `consume` (OrderContent's out_freeze_no is the same value).
    const { outFreezeNo: _sameAsConsume, ...order } = decodeOrderContent(oc);
    return compact({ order, consume: decodeConsume(oc), mchKey: optMchKey(r), nonce: r.optStr('nonce_str') });
  },
});

/** `unfreeze`: releases `unfreeze_fee` of a deposit; operator fields as in refund. */
export const unfreezeCodec = defineCodec<UnfreezeRequest, UnfreezeResponse>('unfreeze', {
  head: 'full',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) => ({
    unfreeze_content: compact({ out_freeze_no: q.outFreezeNo, out_unfreeze_no: q.outUnfreezeNo, unfreeze_fee: q.unfreezeFee, remark: q.remark }),
    pay_mch_key: compact({
      pay_platform: q.mchKey.payPlatform,
      sub_pay_platform: q.mchKey.subPayPlatform,
      out_mch_id: q.mchKey.outMchId,
      out_sub_mch_id: q.mchKey.outSubMchId,
      out_shop_id: q.mchKey.outShopId,
      is_sub_mch_admin: q.mchKey.isSubMchAdmin,
      authorization_staff_id: q.mchKey.authorizationStaffId,
    }),
    order_client: encodeOrderClient(q.client),
    nonce_str: q.nonce,
  }),
  decodeRequest: (r) => {
    const uc = r.child('unfreeze_content');
    const mk = r.child('pay_mch_key');
    const payPlatform = readPayPlatform(mk, 'pay_platform');
    return compact({
      outFreezeNo: uc.str('out_freeze_no'),
      outUnfreezeNo: uc.str('out_unfreeze_no'),
      unfreezeFee: uc.fen('unfreeze_fee'),
      remark: uc.optStr('remark'),
      mchKey: compact({
        payPlatform,
        subPayPlatform: mk.optInt('sub_pay_platform'),
        outMchId: mk.optStr('out_mch_id'),
        outSubMchId: mk.optStr('out_sub_mch_id'),
        outShopId: mk.str('out_shop_id'),
        isSubMchAdmin: mk.bool('is_sub_mch_admin'),
        authorizationStaffId: mk.optStr('authorization_staff_id'),
      }),
      client: decodeOrderClient(r),
      nonce: r.str('nonce_str'),
    });
  },
  encodeBody: (b) =>
    compact({
      pay_mch_key: b.mchKey && encodeMchKey(b.mchKey),
      unfreeze_order_content: b.unfreeze && encodeUnfreezeOrder(b.unfreeze),
      nonce_str: b.nonce,
    }),
  decodeBody: (r) =>
    compact({
      unfreeze: r.has('unfreeze_order_content') ? decodeUnfreezeOrder(r.child('unfreeze_order_content')) : undefined,
      mchKey: optMchKey(r),
      nonce: r.optStr('nonce_str'),
    }),
});

/** `query_unfreeze_order`: every unfreeze of the deposit (or the one named). */
export const queryUnfreezeCodec = defineCodec<QueryUnfreezeRequest, QueryUnfreezeResponse>('query_unfreeze_order', {
  head: 'full',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) =>
    compact({
      pay_mch_key: encodeMchKey(q.mchKey),
      order_client: encodeOrderClient(q.client),
      out_freeze_no: q.outFreezeNo,
      out_unfreeze_no: q.outUnfreezeNo,
      nonce_str: q.nonce,
    }),
  decodeRequest: (r) =>
    compact({
      mchKey: decodeMchKey(r.child('pay_mch_key')),
      client: decodeOrderClient(r),
      outFreezeNo: r.str('out_freeze_no'),
      outUnfreezeNo: r.optStr('out_unfreeze_no'),
      nonce: r.str('nonce_str'),
    }),
  encodeBody: (b) =>
    compact({
      pay_mch_key: b.mchKey && encodeMchKey(b.mchKey),
      unfreeze_order_content: b.unfreezes.map(encodeUnfreezeOrder),
      nonce_str: b.nonce,
    }),
  decodeBody: (r) => compact({ unfreezes: r.objects('unfreeze_order_content').map(decodeUnfreezeOrder), mchKey: optMchKey(r), nonce: r.optStr('nonce_str') }),
});
