/**
 * Settling a deposit (spec §7.10): deposit_consume takes money from a frozen deposit (WeChat:
 * `is_confirm_unfreeze` must be true and releases the rest at once; Alipay may keep the rest
 * frozen), unfreeze releases an amount (processing, then success after options.refundSettleMs),
 * query_unfreeze_order lists them. Over-consumption and a second settlement answer 104 with a
 * description naming the amounts.
 */
import { bookOf, remainingFee, setFreezeState, type Consume, type Freeze, type Unfreeze } from '../deposit-state.js';
import { fingerprint, orderNoProblem, yuan } from '../orders.js';
import { DIGITS, nextString } from '../rng.js';
import { fail, ok, type Ctx, type Reply } from '../types.js';
import { int, obj, optStr, str } from '../wire.js';
import { checkMerchant, isReply, pmkOf } from './common.js';
import { findFreeze } from './freeze.js';
import { consumeContent, unfreezeContent } from './freeze-content.js';
import { scenarioByName } from '../scenarios.js';
import { bindingOf } from './payments.js';

/** Why a frozen deposit cannot give `fee` now, or undefined. */
function settleProblem(f: Freeze, fee: number, what: string): Reply | undefined {
  if (f.state === 'ended') return fail(104, 4302, `押金单 ${f.outFreezeNo} 已结算（已全部消费或解冻），不能重复结算`);
  if (f.state !== 'frozen') return fail(104, 4303, `押金单 ${f.outFreezeNo} 未冻结成功，不能${what}`);
  const left = remainingFee(f);
  if (left === 0) return fail(104, 4302, `押金单 ${f.outFreezeNo} 的押金已全部解冻或消费，不能重复结算`);
  if (fee > left) return fail(104, 4304, `${what}金额 ${yuan(fee)} 元超过剩余冻结金额 ${yuan(left)} 元`);
  return undefined;
}

function readConsume(ctx: Ctx) {
  const pc = obj(ctx.inner, 'pay_content');
  const v = {
    otn: str(pc, 'out_trade_no', 'pay_content.out_trade_no'),
    fee: int(pc, 'total_fee', 'pay_content.total_fee'),
    ft: str(pc, 'fee_type', 'pay_content.fee_type'),
    body: str(pc, 'body', 'pay_content.body'),
    ofn: str(pc, 'out_freeze_no', 'pay_content.out_freeze_no'),
    confirm: pc['is_confirm_unfreeze'],
  };
  if (typeof v.confirm !== 'boolean') return fail(101, 1002, '缺少参数 pay_content.is_confirm_unfreeze（布尔值）');
  str(ctx.inner, 'nonce_str');
  return { ...v, confirm: v.confirm };
}

/** deposit_consume. */
export function depositConsume(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const v = readConsume(ctx);
  if (isReply(v)) return v;
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  int(m.pmk, 'pay_platform', 'pay_mch_key.pay_platform');
  if (v.ft !== 'CNY') return fail(101, 4108, 'fee_type 只支持 CNY');
  const problem = orderNoProblem(v.otn, b.cloudCashierId, 'pay_content.out_trade_no');
  if (problem) return fail(101, 4104, problem);
  if (v.fee <= 0) return fail(101, 4105, '消费金额必须大于0分；不消费请全额解冻');
  const book = bookOf(ctx.state);
  const fp = fingerprint({ fee: v.fee, body: v.body, ofn: v.ofn, confirm: v.confirm });
  const done = book.consumes[v.otn];
  if (done) return done.fingerprint === fp ? consumeAnswer(ctx, done) : fail(102, 4103, '订单号已使用，请使用新订单号');
  if (ctx.state.orders[v.otn] || book.freezes[v.otn]) return fail(102, 4103, '订单号已使用，请使用新订单号');
  const f = book.freezes[v.ofn];
  if (!f || f.outShopId !== b.outShopId) return fail(104, 4004, `押金单不存在：${v.ofn}`);
  if (f.platform === 'wechat' && !v.confirm) return fail(104, 4305, '微信支付押金消费必须同时解冻剩余金额（is_confirm_unfreeze 须为 true）');
  const refused = settleProblem(f, v.fee, '消费');
  if (refused) return refused;
  const released = v.confirm ? remainingFee(f) - v.fee : 0;
  const c: Consume = {
    outTradeNo: v.otn,
    outFreezeNo: f.outFreezeNo,
    totalFee: v.fee,
    body: v.body,
    isConfirmUnfreeze: v.confirm,
    releasedFee: released,
    fingerprint: fp,
    transactionId: `42000${nextString(ctx.state, 23, DIGITS)}`,
    createdAt: ctx.now,
  };
  book.consumes[v.otn] = c;
  // On cpay a consumption is an order of its own (WeChat state 14, 003 L506): queried, listed
  // and refunded like a payment; its refunds name the deposit (out_freeze_no, 003 L3915).
  ctx.state.orders[v.otn] = {
    outTradeNo: v.otn,
    platform: f.platform,
    tradeType: 1,
    totalFee: v.fee,
    body: v.body,
    sn: b.sn,
    deviceId: b.deviceId,
    outShopId: b.outShopId,
    scenario: f.scenario,
    fingerprint: fp,
    createdAt: ctx.now,
    transactionId: c.transactionId,
    state: 'consumed',
    paidAt: ctx.now,
    updatedAt: ctx.now,
    schedule: [],
    calls: 1,
    refundNos: [],
    history: [{ at: ctx.now, state: 'consumed' }],
    outFreezeNo: f.outFreezeNo,
  };
  f.consumedFee += v.fee;
  f.releasedFee += released;
  f.consumeNos.push(v.otn);
  f.updatedAt = ctx.now;
  if (remainingFee(f) === 0) setFreezeState(f, 'ended', ctx.now);
  return consumeAnswer(ctx, c);
}

function consumeAnswer(ctx: Ctx, c: Consume): Reply {
  const b = bindingOf(ctx);
  const f = bookOf(ctx.state).freezes[c.outFreezeNo] as Freeze;
  return ok('deposit_consume', {
    order_content: consumeContent(c, f, nextString(ctx.state, 32)),
    pay_mch_key: pmkOf(f, b),
    nonce_str: nextString(ctx.state, 32),
  });
}

/** unfreeze. */
export function unfreeze(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  const uc = obj(ctx.inner, 'unfreeze_content');
  const v = {
    ofn: str(uc, 'out_freeze_no', 'unfreeze_content.out_freeze_no'),
    oun: str(uc, 'out_unfreeze_no', 'unfreeze_content.out_unfreeze_no'),
    fee: int(uc, 'unfreeze_fee', 'unfreeze_content.unfreeze_fee'),
    remark: optStr(uc, 'remark', 'unfreeze_content.remark'),
  };
  const pmk = obj(ctx.inner, 'pay_mch_key');
  int(pmk, 'pay_platform', 'pay_mch_key.pay_platform');
  if (str(pmk, 'out_shop_id', 'pay_mch_key.out_shop_id') !== b.outShopId) return fail(101, 4106, 'pay_mch_key.out_shop_id 与机具绑定信息不符');
  if (typeof pmk['is_sub_mch_admin'] !== 'boolean') return fail(101, 1002, '缺少参数 pay_mch_key.is_sub_mch_admin（布尔值）');
  obj(ctx.inner, 'order_client');
  str(ctx.inner, 'nonce_str');
  const problem = orderNoProblem(v.oun, b.cloudCashierId, 'unfreeze_content.out_unfreeze_no');
  if (problem) return fail(101, 4104, problem);
  if (v.fee <= 0) return fail(101, 4105, '解冻金额必须大于0分');
  const book = bookOf(ctx.state);
  const fp = fingerprint(v);
  const done = book.unfreezes[v.oun];
  const f = book.freezes[v.ofn];
  if (done) return done.fingerprint === fp && f ? unfreezeAnswer(ctx, done, f) : fail(102, 4103, '解冻单号已使用，请使用新单号');
  if (!f || f.outShopId !== b.outShopId) return fail(104, 4004, `押金单不存在：${v.ofn}`);
  const refused = settleProblem(f, v.fee, '解冻');
  if (refused) return refused;
  // The deposit's scenario decides how its unfreezes end, as for refunds (9111: they fail).
  const rule = scenarioByName(f.scenario).refund;
  const u: Unfreeze = {
    outUnfreezeNo: v.oun,
    outFreezeNo: v.ofn,
    unfreezeFee: v.fee,
    remark: v.remark,
    fingerprint: fp,
    unfreezeId: `5000${nextString(ctx.state, 24, DIGITS)}`,
    createdAt: ctx.now,
    state: 'processing',
    settleAt: ctx.now + (rule.settleMs ?? ctx.state.options.refundSettleMs),
    outcome: rule.outcome,
    updatedAt: ctx.now,
  };
  book.unfreezes[v.oun] = u;
  f.releasedFee += v.fee;
  f.unfreezeNos.push(v.oun);
  f.updatedAt = ctx.now;
  return unfreezeAnswer(ctx, u, f);
}

function unfreezeAnswer(ctx: Ctx, u: Unfreeze, f: Freeze): Reply {
  return ok('unfreeze', {
    pay_mch_key: pmkOf(f, bindingOf(ctx)),
    unfreeze_order_content: unfreezeContent(u, f),
    nonce_str: nextString(ctx.state, 32),
  });
}

/** query_unfreeze_order: every unfreeze of the deposit, or the one named. */
export function queryUnfreezeOrder(ctx: Ctx): Reply {
  const b = bindingOf(ctx);
  str(ctx.inner, 'nonce_str');
  const oun = optStr(ctx.inner, 'out_unfreeze_no');
  const m = checkMerchant(ctx.inner, b);
  if (isReply(m)) return m;
  const f = findFreeze(ctx);
  if (isReply(f)) return f;
  const book = bookOf(ctx.state);
  const list = f.unfreezeNos
    .filter((no) => oun === undefined || no === oun)
    .map((no) => book.unfreezes[no])
    .filter((u): u is Unfreeze => u !== undefined);
  if (oun !== undefined && list.length === 0) return fail(104, 4004, `解冻单不存在：${oun}`);
  return ok('query_unfreeze_order', {
    pay_mch_key: pmkOf(f, b),
    unfreeze_order_content: list.map((u) => unfreezeContent(u, f)),
    nonce_str: nextString(ctx.state, 32),
  });
}
