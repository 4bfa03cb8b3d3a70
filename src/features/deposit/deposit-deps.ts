/**
 * Ports of the deposit flows: the scan-code flow's ports (general-API identity with
 * `order_client`) plus the deposit journal and a voice port for deposit sentences. Also the
 * request pieces every deposit call shares and the query probes (reusing poll-order.ts).
 */
import { map, type Observable } from 'rxjs';
import { classifyFreezeState, type DepositPlatformName, type MchKey } from '@cpay/protocol';
import type { ReceiptDoc } from '../../kernel/receipt-doc.js';
import type { DepositRecord } from './deposit.js';
import { decideFreezeQuery, decideUnfreezeQuery } from './deposit-classify.js';
import { guardedCall, type Probe } from '../../kernel/flow/poll-order.js';
import type { ScanPayDeps } from '../scan-pay/scan-pay-flow.js';
import type { ScanPayTerminal } from '../scan-pay/scan-pay-close.js';

/** The deposit journal (IndexedDB store `deposits`). Durable when a promise resolves. */
export interface DepositJournalPort {
  put(record: DepositRecord): Promise<void>;
  get(outFreezeNo: string): Promise<DepositRecord | undefined>;
  /** Deposits that hold (or may hold) money or are being settled, oldest first. */
  listOpen(): Promise<DepositRecord[]>;
  /** Deposits created in [from, to) (server ms): history and the shift summary. */
  between?(from: number, to: number): Promise<DepositRecord[]>;
  /**
   * One page of the deposits created in [from, to), newest first (`offset` of them skipped, at
   * most `limit` read), and how many there are in all: history pages through a month of deposits
   * without reading them all.
   */
  pageBetween?(from: number, to: number, offset: number, limit: number): Promise<DepositPage>;
}

/** A page of deposits and the number in the whole window. */
export interface DepositPage {
  readonly records: readonly DepositRecord[];
  readonly total: number;
}

/** What the terminal says about deposits (spec §12 style: platform and amount). */
export type DepositSentence =
  | { readonly kind: 'deposit_frozen'; readonly platform: DepositPlatformName | 'unknown'; readonly amount: number }
  | { readonly kind: 'deposit_failed'; readonly amount: number }
  | { readonly kind: 'deposit_unknown' }
  | { readonly kind: 'deposit_settled'; readonly consumed: number; readonly released: number };

/** Ports of the deposit flows. `announcer` still says the shared `waiting_password`. */
export type DepositDeps = ScanPayDeps & {
  readonly deposits: DepositJournalPort;
  readonly depositVoice: { say(s: DepositSentence): void };
};

/** pay_mch_key of a deposit call (WeChat 1 / Alipay 2). */
export function depositMchKey(t: ScanPayTerminal, platform: DepositPlatformName): MchKey {
  return { payPlatform: platform === 'alipay' ? 2 : 1, outMchId: t.outMchId, outSubMchId: t.outSubMchId, outShopId: t.outShopId };
}

/** order_client of a deposit call: `machine_no` is required for micro_freeze (spec §7.1). */
export function depositClient(t: ScanPayTerminal) {
  return { ...t.client, machineNo: t.client.machineNo ?? t.deviceId };
}

/** Probes query_freeze_order (fresh nonce per query). */
export function freezeProbe(deps: DepositDeps, outFreezeNo: string, platform: DepositPlatformName): () => Observable<Probe> {
  return () => {
    const t = deps.terminal();
    const req = { mchKey: depositMchKey(t, platform), client: depositClient(t), outFreezeNo, nonce: deps.nonce() };
    return guardedCall(() => deps.cpay.call('query_freeze_order', req)).pipe(
      map((outcome) => {
        const state = outcome.kind === 'reply' ? outcome.reply.body?.freeze.state : undefined;
        return { outcome, decision: decideFreezeQuery(outcome), state };
      }),
    );
  };
}

/** Probes query_unfreeze_order for one unfreeze. */
export function unfreezeProbe(deps: DepositDeps, outFreezeNo: string, outUnfreezeNo: string, platform: DepositPlatformName): () => Observable<Probe> {
  return () => {
    const t = deps.terminal();
    const req = { mchKey: depositMchKey(t, platform), client: depositClient(t), outFreezeNo, outUnfreezeNo, nonce: deps.nonce() };
    return guardedCall(() => deps.cpay.call('query_unfreeze_order', req)).pipe(
      map((outcome) => {
        const state = outcome.kind === 'reply' ? outcome.reply.body?.unfreezes.find((u) => u.outUnfreezeNo === outUnfreezeNo)?.state : undefined;
        return { outcome, decision: decideUnfreezeQuery(outcome, state), state };
      }),
    );
  };
}

/**
 * Probes query_freeze_order to learn whether a consumption of `consumed` went through: final
 * success once `total_consume_fee` has grown by it past `before` (what cpay reported before this
 * consumption: an Alipay deposit may be consumed several times, 003 L6383), or — when cpay does
 * not report the total — once the deposit has ended; anything else keeps asking.
 */
export function consumedProbe(deps: DepositDeps, outFreezeNo: string, platform: DepositPlatformName, consumed: number, before = 0): () => Observable<Probe> {
  return () => {
    const t = deps.terminal();
    const req = { mchKey: depositMchKey(t, platform), client: depositClient(t), outFreezeNo, nonce: deps.nonce() };
    return guardedCall(() => deps.cpay.call('query_freeze_order', req)).pipe(
      map((outcome): Probe => {
        const f = outcome.kind === 'reply' && outcome.reply.status === 0 ? outcome.reply.body?.freeze : undefined;
        const done =
          f !== undefined &&
          (f.totalConsumeFee !== undefined ? f.totalConsumeFee >= before + consumed : f.state !== undefined && classifyFreezeState(f.state) === 'ended');
        return done
          ? { outcome, decision: { kind: 'final', decision: { kind: 'success', state: f.state } }, state: f.state }
          : { outcome, decision: { kind: 'continue', userPaying: false, retryLater: false }, state: f?.state };
      }),
    );
  };
}

/** What the app hands the deposit screen (AppServices.deposits). */
export interface DepositServices {
  readonly journal: DepositJournalPort;
  /** Prints a receipt (absent: no printer service yet; the receipt model is still built). */
  readonly print?: (doc: ReceiptDoc) => void;
  /** The deposit's spoken text (or '') whenever start-up recovery changed a deposit (deposit-startup.ts). */
  readonly changed$?: Observable<string>;
}
