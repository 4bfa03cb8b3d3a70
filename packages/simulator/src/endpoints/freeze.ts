/**
 * micro_freeze and query_freeze_order (spec §7.10): the customer code picks platform and
 * scenario exactly as for micropay (last four digits: 9101 password, 9102 cancel, 9103 declined,
 * 9104 insufficient, 9105 busy, 9106 unknown, …); order-number rules of §11 apply to out_freeze_no.
 */
import { bookOf, setFreezeState, type Freeze, type FreezeState } from '../deposit-state.js';
import { fingerprint, orderNoProblem } from '../orders.js';
import { platformOfCode, platformOfPayPlatform } from '../platforms.js';
import { ALNUM, DIGITS, nextString } from '../rng.js';
import { scenarioOfCode } from '../scenarios.js';
import type { AbstractState } from '../state.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, obj, optInt, optStr, str } from '../wire.js';
import { checkMerchant, isReply } from './common.js';
import { freezeContent, freezePmk } from './freeze-content.js';
import { bindingOf } from './payments.js';

/** Micropay scenario states → freeze states. */
const AS_FREEZE: Partial<Record<AbstractState, FreezeState>> = {
  initial: 'initial',
  accepting: 'initial',
  paying: 'paying',
  success: 'frozen',
  finished: 'frozen',
  cancelled: 'cancelled',
  reversed: 'cancelled',
  error: 'error',
  void: 'void',
};
const freezeState = (s: AbstractState): FreezeState => AS_FREEZE[s] ?? 'frozen';
const isFailed = (s: FreezeState) => s === 'cancelled' || s === 'error' || s === 'void';
const INSUFFICIENT = fail(104, 4003, '用户余额不足，请更换支付方式');

function answer(ctx: Ctx, f: Freeze, wrapper: string): Reply {
  const b = bindingOf(ctx);
  return ok(wrapper, { pay_mch_key: freezePmk(f, b), freeze_order_content: freezeContent(f), nonce_str: nextString(ctx.state, 32) });
}

function reuse(ctx: Ctx, f: Freeze, fp: string): Reply {
  if (f.fingerprint !== fp) {
    if (isFailed(f.state)) return fail(102, 4103, '押金单号已使用且冻结已结束，请使用新单号');
    return fail(104, 407, '押金单号重复且内容不一致（防重入拦截）。原押金可能已冻结，请勿撤销，请查询原押金单');
  }
  f.calls += 1;
  if (scenarioOfCode(f.authCode).firstReply === 'insufficient') return INSUFFICIENT;
  return answer(ctx, f, 'micro_freeze');
}

function readFreezeRequest(ctx: Ctx) {
  const fc = obj(ctx.inner, 'freeze_content');
  const f = {
    ofn: str(fc, 'out_freeze_no', 'freeze_content.out_freeze_no'),
    ac: str(fc, 'author_code', 'freeze_content.author_code'),
    fee: int(fc, 'freeze_fee', 'freeze_content.freeze_fee'),
    ft: str(fc, 'fee_type', 'freeze_content.fee_type'),
    body: str(fc, 'body', 'freeze_content.body'),
    remark: optStr(fc, 'remark', 'freeze_content.remark'),
  };
  str(ctx.inner, 'nonce_str');
  const bothExt = fc['wxpay_freeze_content_ext'] !== undefined && fc['alipay_freeze_content_ext'] !== undefined;
  return { f, bothExt };
}

/** micro_freeze. */
export function microFreeze(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const { f, bothExt } = readFreezeRequest(ctx);
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  if (bothExt) return fail(101, 4109, 'wxpay_freeze_content_ext 与 alipay_freeze_content_ext 只能填写一个');
  if (m.pmk['wxpay_pay_mch_key_ext'] !== undefined && m.pmk['alipay_pay_mch_key_ext'] !== undefined) {
    return fail(101, 4109, 'wxpay_pay_mch_key_ext 与 alipay_pay_mch_key_ext 只能填写一个');
  }
  str(m.oc, 'machine_no', 'order_client.machine_no');
  const pp = int(m.pmk, 'pay_platform', 'pay_mch_key.pay_platform');
  if (f.ft !== 'CNY') return fail(101, 4108, 'fee_type 只支持 CNY');
  const problem = orderNoProblem(f.ofn, b.cloudCashierId, 'freeze_content.out_freeze_no');
  if (problem) return fail(101, 4104, problem);
  if (f.fee <= 0) return fail(101, 4105, '押金金额必须大于0分');
  const book = bookOf(ctx.state);
  const fp = fingerprint({ ...f, ofn: undefined, pp, device: b.deviceId });
  const existing = book.freezes[f.ofn];
  if (existing) return reuse(ctx, existing, fp);
  if (ctx.state.orders[f.ofn] || book.consumes[f.ofn]) return fail(102, 4103, '单号已被支付订单使用，请使用新单号');
  const platform = platformOfCode(f.ac);
  if (!platform) return fail(104, 4001, '付款码无效，请让顾客刷新付款码后重新扫描');
  if (platform === 'card') return fail(104, 4301, '会员卡不支持押金，请使用微信或支付宝付款码');
  if (platform !== platformOfPayPlatform(pp)) return fail(104, 4002, `付款码与 pay_mch_key.pay_platform=${pp} 不是同一支付平台`);
  return createFreeze(ctx, { ...f, platform, fp });
}

function createFreeze(ctx: Ctx, f: { ofn: string; ac: string; fee: number; body: string; platform: 'wechat' | 'alipay'; fp: string }): Reply {
  const b = bindingOf(ctx);
  const scenario = scenarioOfCode(f.ac);
  const freeze: Freeze = {
    outFreezeNo: f.ofn,
    platform: f.platform,
    authCode: f.ac,
    freezeFee: f.fee,
    body: f.body,
    sn: b.sn,
    deviceId: b.deviceId,
    outShopId: b.outShopId,
    scenario: scenario.name,
    fingerprint: f.fp,
    freezeId: `2019${nextString(ctx.state, 24, DIGITS)}`,
    createdAt: ctx.now,
    state: 'initial',
    updatedAt: ctx.now,
    calls: 1,
    consumedFee: 0,
    releasedFee: 0,
    consumeNos: [],
    unfreezeNos: [],
    schedule: scenario.timeline.map((t) => ({ at: ctx.now + t.afterMs, to: freezeState(t.to) })),
    history: [{ at: ctx.now, state: 'initial' }],
  };
  setFreezeState(freeze, freezeState(scenario.start), ctx.now);
  bookOf(ctx.state).freezes[f.ofn] = freeze;
  switch (scenario.firstReply) {
    case 'status3':
      return fail(3, 5003, '冻结结果未知，请查询押金单确认结果');
    case 'status103':
      return fail(103, 5103, '系统繁忙，请3秒后重试或查询押金单');
    case 'insufficient':
      setFreezeState(freeze, 'error', ctx.now);
      return INSUFFICIENT;
    case 'hang':
      return { ...answer(ctx, freeze, 'micro_freeze'), hang: true };
    case 'slow':
      return { ...answer(ctx, freeze, 'micro_freeze'), delayMs: ctx.state.options.slowMs };
    default:
      return answer(ctx, freeze, 'micro_freeze');
  }
}

/**
 * scancode_freeze (003 L5918-6274): a deposit the customer leaves by scanning our QR, **Alipay
 * only** (003 L5920; else 104 / 4310). The deposit waits (AlipayFreezeOrderState 1) until
 * `POST /sandbox/scan/pay {code_url}` freezes it (2), or `time_expire` (default 2 h) closes it (3).
 * Identical retry → the same code_url; different content → 104 / 407 (102 after it closed).
 */
export function scanCodeFreeze(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const fc = obj(ctx.inner, 'freeze_content');
  const f = {
    ofn: str(fc, 'out_freeze_no', 'freeze_content.out_freeze_no'),
    fee: int(fc, 'freeze_fee', 'freeze_content.freeze_fee'),
    ft: str(fc, 'fee_type', 'freeze_content.fee_type'),
    body: str(fc, 'body', 'freeze_content.body'),
    exp: optInt(fc, 'time_expire', 'freeze_content.time_expire'),
    remark: optStr(fc, 'remark', 'freeze_content.remark'),
  };
  str(ctx.inner, 'nonce_str');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  if (fc['wxpay_freeze_content_ext'] !== undefined && fc['alipay_freeze_content_ext'] !== undefined) {
    return fail(101, 4109, 'wxpay_freeze_content_ext 与 alipay_freeze_content_ext 只能填写一个');
  }
  const pp = int(m.pmk, 'pay_platform', 'pay_mch_key.pay_platform');
  if (f.ft !== 'CNY') return fail(101, 4108, 'fee_type 只支持 CNY');
  const problem = orderNoProblem(f.ofn, b.cloudCashierId, 'freeze_content.out_freeze_no');
  if (problem) return fail(101, 4104, problem);
  if (f.fee <= 0) return fail(101, 4105, '押金金额必须大于0分');
  if (platformOfPayPlatform(pp) !== 'alipay') return fail(104, 4310, '扫码押金冻结当前仅支持支付宝（pay_platform 须为 2）');
  const book = bookOf(ctx.state);
  const fp = fingerprint({ ...f, ofn: undefined, pp, device: b.deviceId, qr: true });
  const existing = book.freezes[f.ofn];
  if (existing) {
    if (existing.fingerprint !== fp || existing.codeUrl === undefined) {
      return isFailed(existing.state)
        ? fail(102, 4103, '押金单号已使用且冻结已结束，请使用新单号')
        : fail(104, 407, '押金单号重复且内容不一致（防重入拦截）。原押金可能已冻结，请勿撤销，请查询原押金单');
    }
    return ok('scan_code_freeze', { code_url: existing.codeUrl, nonce_str: nextString(ctx.state, 32) });
  }
  if (ctx.state.orders[f.ofn] || book.consumes[f.ofn]) return fail(102, 4103, '单号已被支付订单使用，请使用新单号');
  const codeUrl = `https://qr.alipay.com/bax0${nextString(ctx.state, 20, ALNUM)}`;
  const expiresAt = f.exp !== undefined ? f.exp * 1000 : ctx.now + 2 * 3_600_000;
  const freeze: Freeze = {
    outFreezeNo: f.ofn,
    platform: 'alipay',
    authCode: '',
    freezeFee: f.fee,
    body: f.body,
    sn: b.sn,
    deviceId: b.deviceId,
    outShopId: b.outShopId,
    scenario: 'manual',
    fingerprint: fp,
    freezeId: `2019${nextString(ctx.state, 24, DIGITS)}`,
    createdAt: ctx.now,
    state: 'initial',
    updatedAt: ctx.now,
    calls: 1,
    consumedFee: 0,
    releasedFee: 0,
    consumeNos: [],
    unfreezeNos: [],
    schedule: [{ at: Math.max(expiresAt, ctx.now), to: 'cancelled' }],
    history: [{ at: ctx.now, state: 'initial' }],
    codeUrl,
    qrExpiresAt: Math.max(expiresAt, ctx.now),
  };
  book.freezes[f.ofn] = freeze;
  return ok('scan_code_freeze', { code_url: codeUrl, nonce_str: nextString(ctx.state, 32) });
}

/** The caller's freeze by `out_freeze_no`, or a 104. */
export function findFreeze(ctx: Ctx): Freeze | Reply {
  const ofn = str(ctx.inner, 'out_freeze_no');
  const f = bookOf(ctx.state).freezes[ofn];
  if (!f || f.outShopId !== bindingOf(ctx).outShopId) return fail(104, 4004, `押金单不存在：${ofn}`);
  return f;
}

/** query_freeze_order. */
export function queryFreezeOrder(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  str(ctx.inner, 'nonce_str');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  const f = findFreeze(ctx);
  if (isReply(f)) return f;
  return answer(ctx, f, 'query_freeze_order');
}
