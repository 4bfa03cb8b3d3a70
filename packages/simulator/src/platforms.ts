/**
 * Customer payment code → platform (spec §16: the seeds are silent, so this is our rule), and the
 * per-platform wire values of the simulator's platform-neutral order and refund states (spec §8).
 */
import type { AbstractState, RefundState } from './order-states.js';

/** Platforms a customer code can belong to. */
export type Platform = 'wechat' | 'alipay' | 'card';

/** Code formats (documented in the README):
 *  - WeChat Pay: 18 digits starting 10-15 (the seed examples use `13…`);
 *  - Alipay: 16-24 digits starting 25-30;
 *  - member card: 18 digits starting 88. */
export const CODE_FORMATS: readonly { platform: Platform; pattern: RegExp; description: string }[] = [
  { platform: 'wechat', pattern: /^1[0-5]\d{16}$/, description: '18 digits starting 10-15' },
  { platform: 'alipay', pattern: /^(2[5-9]|30)\d{14,22}$/, description: '16-24 digits starting 25-30' },
  { platform: 'card', pattern: /^88\d{16}$/, description: '18 digits starting 88' },
];

/** The platform of a customer code, or undefined when it matches no format. */
export function platformOfCode(code: string): Platform | undefined {
  return CODE_FORMATS.find((f) => f.pattern.test(code))?.platform;
}

/** PayPlatform (§8) and SubPayPlatform of the brief lists. */
export const PAY_PLATFORM: Record<Platform, number> = { wechat: 1, alipay: 2, card: 3 };
export const SUB_PAY_PLATFORM: Record<Platform, number> = { wechat: 100, alipay: 200, card: 300 };

/** Platform of a PayPlatform number (1 WeChat, 2 Alipay, 3 member card). */
export function platformOfPayPlatform(n: unknown): Platform | undefined {
  return n === 1 ? 'wechat' : n === 2 ? 'alipay' : n === 3 ? 'card' : undefined;
}

/** Wire state (`cts`) per platform: WxpayOrderState / AlipayOrderState / CardOrderState. */
const CTS: Record<AbstractState, Record<Platform, number>> = {
  initial: { wechat: 1, alipay: 1, card: 1 },
  accepting: { wechat: 12, alipay: 1, card: 1 },
  paying: { wechat: 9, alipay: 4, card: 3 },
  success: { wechat: 2, alipay: 2, card: 2 },
  cancelled: { wechat: 5, alipay: 5, card: 5 },
  error: { wechat: 10, alipay: 5, card: 5 },
  reversed: { wechat: 8, alipay: 5, card: 5 },
  void: { wechat: 11, alipay: 7, card: 5 },
  finished: { wechat: 2, alipay: 6, card: 2 },
  waiting: { wechat: 6, alipay: 4, card: 3 },
  paid: { wechat: 3, alipay: 2, card: 2 },
  closed: { wechat: 7, alipay: 5, card: 5 },
  refunded: { wechat: 4, alipay: 5, card: 4 },
  consumed: { wechat: 14, alipay: 2, card: 2 },
};

/** WeChat `tsd` texts (trade state description and next-step hint). */
const TSD: Record<AbstractState, string> = {
  initial: '订单已创建',
  accepting: '订单受理中，请稍后查询',
  paying: '需要用户输入支付密码',
  success: '支付成功',
  cancelled: '用户取消支付',
  error: '支付失败，请让用户换卡或更换支付方式',
  reversed: '订单已撤销',
  void: '订单不存在于第三方支付平台',
  finished: '支付成功',
  waiting: '等待用户扫码支付',
  paid: '支付成功',
  closed: '订单已关闭',
  refunded: '订单已转入退款',
  consumed: '押金消费成功',
};

/** The `cts` a terminal sees for `state` on `platform`. */
export function ctsOf(state: AbstractState, platform: Platform): number {
  return CTS[state][platform];
}

/** WeChat's `tsd` for a state (other platforms carry none). */
export function tsdOf(state: AbstractState): string {
  return TSD[state];
}

/** Refund states per platform: WxpayRefundOrderState / AlipayRefundOrderState / CardRefundOrderState. */
const REFUND_STATE: Record<RefundState, Record<Platform, number>> = {
  processing: { wechat: 4, alipay: 4, card: 1 },
  success: { wechat: 2, alipay: 2, card: 2 },
  failed: { wechat: 3, alipay: 3, card: 3 },
};

/** The refund state number a terminal sees. */
export function refundStateOf(state: RefundState, platform: Platform): number {
  return REFUND_STATE[state][platform];
}

/** States from which nothing changes except by refunds. */
export function isFinalFailure(s: AbstractState): boolean {
  return s === 'cancelled' || s === 'error' || s === 'reversed' || s === 'void' || s === 'closed';
}

/** States that mean "the customer paid". */
export function isPaid(s: AbstractState): boolean {
  return s === 'success' || s === 'paid' || s === 'finished' || s === 'refunded' || s === 'consumed';
}

/** States still waiting for something to happen. */
export function isPending(s: AbstractState): boolean {
  return s === 'initial' || s === 'accepting' || s === 'paying' || s === 'waiting';
}
