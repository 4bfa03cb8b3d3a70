/**
 * Deposit truth (spec §7.10, §8): freezes, their consumptions and unfreezes, and app_pay orders,
 * kept in `state.deposits` (created on first use). Platform-neutral freeze states map to
 * WxpayFreezeOrderState / AlipayFreezeOrderState; unfreezes settle after options.refundSettleMs.
 */
import type { ScenarioName } from './scenarios.js';

/** Platform-neutral freeze states. */
export type FreezeState = 'initial' | 'paying' | 'frozen' | 'cancelled' | 'error' | 'void' | 'ended';

/** One deposit freeze: the server's truth. */
export interface Freeze {
  readonly outFreezeNo: string;
  readonly platform: 'wechat' | 'alipay';
  readonly authCode: string;
  readonly freezeFee: number;
  readonly body: string;
  readonly sn: string;
  readonly deviceId: string;
  readonly outShopId: string;
  readonly scenario: ScenarioName;
  readonly fingerprint: string;
  readonly freezeId: string;
  readonly createdAt: number;
  state: FreezeState;
  updatedAt: number;
  frozenAt?: number;
  schedule: { readonly at: number; readonly to: FreezeState }[];
  calls: number;
  /** Money taken by deposit_consume. */
  consumedFee: number;
  /** Money released: by unfreeze (success or processing) and by consumptions with is_confirm_unfreeze. */
  releasedFee: number;
  consumeNos: string[];
  unfreezeNos: string[];
  history: { at: number; state: FreezeState }[];
  /** scancode_freeze: the QR the customer scans (paid with POST /sandbox/scan/pay). */
  readonly codeUrl?: string;
  /** scancode_freeze: when the QR stops being payable (`time_expire`, server ms). */
  readonly qrExpiresAt?: number;
}

/** One deposit consumption (a payment order taken from the frozen money). */
export interface Consume {
  readonly outTradeNo: string;
  readonly outFreezeNo: string;
  readonly totalFee: number;
  readonly body: string;
  readonly isConfirmUnfreeze: boolean;
  /** Released together with this consumption (manual_unfreeze_fee). */
  readonly releasedFee: number;
  readonly fingerprint: string;
  readonly transactionId: string;
  readonly createdAt: number;
}

/** One unfreeze. */
export interface Unfreeze {
  readonly outUnfreezeNo: string;
  readonly outFreezeNo: string;
  readonly unfreezeFee: number;
  readonly remark?: string;
  readonly fingerprint: string;
  readonly unfreezeId: string;
  readonly createdAt: number;
  state: 'processing' | 'success' | 'failed';
  settleAt?: number;
  /** How it ends at `settleAt` (the deposit's scenario; refund_fails → failed). */
  readonly outcome?: 'success' | 'failed';
  updatedAt: number;
}

/** One app_pay order (WeChat in-app; the customer pays in the merchant's app, never here). */
export interface AppOrder {
  readonly outTradeNo: string;
  readonly totalFee: number;
  readonly body: string;
  readonly mobAppId: string;
  readonly prepareId: string;
  readonly fingerprint: string;
  readonly createdAt: number;
  readonly sdk: Readonly<Record<string, string>>;
}

/** Everything deposit-related in the simulator state. */
export interface DepositBook {
  freezes: Record<string, Freeze>;
  consumes: Record<string, Consume>;
  unfreezes: Record<string, Unfreeze>;
  appOrders: Record<string, AppOrder>;
}

/** The part of the simulator state (state.ts SimState) this module reads and writes. */
export interface HasDeposits {
  deposits?: DepositBook;
}

/** The book, created on first use (older states have none). */
export function bookOf(state: HasDeposits): DepositBook {
  state.deposits ??= { freezes: {}, consumes: {}, unfreezes: {}, appOrders: {} };
  return state.deposits;
}

const FREEZE_CTS: Record<FreezeState, { wechat: number; alipay: number }> = {
  initial: { wechat: 1, alipay: 1 },
  paying: { wechat: 3, alipay: 1 },
  frozen: { wechat: 2, alipay: 2 },
  cancelled: { wechat: 4, alipay: 3 },
  error: { wechat: 6, alipay: 3 },
  void: { wechat: 7, alipay: 4 },
  ended: { wechat: 5, alipay: 3 },
};
const UNFREEZE_CTS: Record<Unfreeze['state'], number> = { processing: 1, success: 2, failed: 3 };

/** WxpayFreezeOrderState / AlipayFreezeOrderState of a freeze. */
export const freezeCts = (f: Freeze): number => FREEZE_CTS[f.state][f.platform];
/** Wxpay/AlipayUnfreezeOrderState of an unfreeze (same numbers for 1-3 on both platforms). */
export const unfreezeCts = (u: Unfreeze): number => UNFREEZE_CTS[u.state];

/** Frozen money not yet consumed or released (processing unfreezes count as released). */
export function remainingFee(f: Freeze): number {
  return Math.max(0, f.freezeFee - f.consumedFee - f.releasedFee);
}

/** Moves a freeze to `to` at `at`, recording it. */
export function setFreezeState(f: Freeze, to: FreezeState, at: number): void {
  if (f.state === to) return;
  f.state = to;
  f.updatedAt = at;
  if (to === 'frozen' && f.frozenAt === undefined) f.frozenAt = at;
  f.history.push({ at, state: to });
}

/** Applies scheduled freeze changes and unfreeze settlements due at `now`. */
export function settleDeposits(state: HasDeposits, now: number): void {
  if (!state.deposits) return;
  const book = state.deposits;
  for (const f of Object.values(book.freezes)) {
    while (f.schedule.length > 0 && (f.schedule[0]?.at ?? Infinity) <= now) {
      const t = f.schedule.shift();
      if (t) setFreezeState(f, t.to, t.at);
    }
  }
  for (const u of Object.values(book.unfreezes)) {
    if (u.state !== 'processing' || u.settleAt === undefined || u.settleAt > now) continue;
    u.state = u.outcome ?? 'success';
    u.updatedAt = u.settleAt;
    u.settleAt = undefined;
    const f = book.freezes[u.outFreezeNo];
    // A failed unfreeze gives its money back to the deposit: still frozen, can be released again.
    if (f && u.state === 'failed') f.releasedFee -= u.unfreezeFee;
    const open = f?.unfreezeNos.some((no) => book.unfreezes[no]?.state === 'processing');
    if (f && f.state === 'frozen' && remainingFee(f) === 0 && !open) setFreezeState(f, 'ended', u.updatedAt);
  }
}
