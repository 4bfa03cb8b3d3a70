/**
 * Brief payment endpoints (spec §6.5, §6.6): short names, `wx`/`ali`/`cd` order states.
 * The request key order follows the seed example, so §3.6's synthetic vector is reproduced.
 */
import { type MicroPayRequest, type MicroPayResponse, PayPlatform, type QueryOrderRequest, type QueryOrderResponse } from '../types.js';
import { decodeBriefState, encodeBriefState, readPayPlatformEntry } from './common.js';
import { defineCodec } from './codec.js';
import { compact } from './read.js';

/**
 * `brief_micro_pay`: charge a scanned customer code; the result is `cts`, not `s`. A success reply
 * without `wx`/`ali`/`cd` decodes with `state` undefined: the caller must poll (outcome unknown).
 */
export const briefMicroPayCodec = defineCodec<MicroPayRequest, MicroPayResponse>('brief_micro_pay', {
  head: 'brief',
  bodyOnSuccess: 'optional',
  encodeRequest: (q) => ({
    ns: q.nonce,
    osi: q.outShopId,
    otn: q.outTradeNo,
    ac: q.authCode,
    tf: q.totalFee,
    bd: q.body,
    di: q.deviceId,
    sc: q.snCode,
    stt: q.subTerminalType,
  }),
  decodeRequest: (r) => ({
    snCode: r.str('sc'),
    outShopId: r.str('osi'),
    nonce: r.str('ns'),
    outTradeNo: r.str('otn'),
    authCode: r.str('ac'),
    totalFee: r.fen('tf'),
    body: r.str('bd'),
    deviceId: r.str('di'),
    subTerminalType: r.int('stt'),
  }),
  encodeBody: (b) => ({ ...encodeBriefState(b.state), ...compact({ ns: b.nonce }) }),
  decodeBody: (r) => compact({ state: decodeBriefState(r), nonce: r.optStr('ns') }),
});

/** `brief_query_order`: `pp`, `otn`, `tf` and the state; `di`/`sc` optional (§15 #16). */
export const briefQueryOrderCodec = defineCodec<QueryOrderRequest, QueryOrderResponse>('brief_query_order', {
  head: 'brief',
  bodyOnSuccess: 'required',
  encodeRequest: (q) => compact({ ns: q.nonce, otn: q.outTradeNo, osi: q.outShopId, di: q.deviceId, sc: q.snCode }),
  decodeRequest: (r) =>
    compact({
      outShopId: r.str('osi'),
      nonce: r.str('ns'),
      outTradeNo: r.str('otn'),
      deviceId: r.optStr('di'),
      snCode: r.optStr('sc'),
    }),
  encodeBody: (b) => ({
    otn: b.outTradeNo,
    tf: b.totalFee,
    pp: PayPlatform[b.platform],
    ...encodeBriefState(b.state),
    ...compact({ ns: b.nonce }),
  }),
  decodeBody: (r) => {
    const [, platform] = readPayPlatformEntry(r, 'pp');
    return compact({ platform, outTradeNo: r.str('otn'), totalFee: r.fen('tf'), state: decodeBriefState(r), nonce: r.optStr('ns') });
  },
});
