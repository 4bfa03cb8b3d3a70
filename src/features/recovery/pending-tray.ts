/**
 * The "待确认" tray (issue 13, "a till that is never stuck"): orders the checkout is no longer
 * showing but whose result is still coming. A sale the cashier set aside ("转后台确认") while it
 * waited (password, late answer, unknown), and orders taken up after a reload, are listed with
 * their amount until they settle; then their result stays listed until the cashier clears it.
 *
 * Only a view: the orders themselves keep being driven exactly as before (the sale's own run,
 * then the app-wide recovery, pay-recovery.ts), never cancelled. One tray per app (the composition
 * root creates it beside the recovery: AppServices.tray), so it survives leaving and re-entering the
 * checkout.
 */
import type { Fen } from '@cpay/protocol';
import { BehaviorSubject, type Observable } from 'rxjs';
import type { PaymentResult } from '../../kernel/payment.js';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import type { PaymentRecovery } from './pay-recovery.js';

/** One order in the tray. */
export interface TrayEntry {
  readonly outTradeNo: string;
  readonly amount: Fen;
  /** `waiting` until a final state is known (an unknown result keeps waiting: recovery goes on). */
  readonly status: 'waiting' | 'settled';
  /** True while the customer is confirming on the phone (password). */
  readonly userPaying?: boolean;
  /** The sale settled unknown (after the 2-minute window): reconciliation goes on. */
  readonly unknown?: boolean;
  /** Taken up after a reload (not set aside by the cashier). */
  readonly recovered?: boolean;
  /** The final result once settled. */
  readonly result?: Exclude<PaymentResult, { outcome: 'unknown' }>;
}

/** The tray as the checkout uses it. */
export interface PendingTray {
  readonly entries$: Observable<readonly TrayEntry[]>;
  readonly entries: readonly TrayEntry[];
  /** Adds (or refreshes) a waiting order. */
  add(entry: Omit<TrayEntry, 'status'>): void;
  /** Updates a waiting order (e.g. the customer started entering a password). */
  patch(outTradeNo: string, change: Pick<TrayEntry, 'userPaying'>): void;
  /** A result for an order: final ones settle the entry; unknown leaves it waiting. */
  settle(result: PaymentResult): void;
  /** Removes an entry (the cashier acknowledged a result, or the result is shown elsewhere). */
  remove(outTradeNo: string): void;
  has(outTradeNo: string): boolean;
}

/**
 * The app's tray: lists the orders recovery takes up at start-up (those whose request may have
 * left) and settles entries from the app-wide recovery. The composition root creates it with the
 * recovery, before recovery reports anything.
 */
export function createPendingTray(recovery: Pick<PaymentRecovery, 'resumed$' | 'settled$'>): PendingTray {
  const tray = createTray();
  recovery.resumed$.subscribe((entries) => {
    for (const e of entries.filter(wasSent))
      if (!tray.has(e.outTradeNo)) tray.add({ outTradeNo: e.outTradeNo, amount: e.amount, recovered: true, unknown: e.status === 'unknown' });
  });
  recovery.settled$.subscribe((e) => tray.settle(e.result));
  return tray;
}

/**
 * A journal entry whose request may have left: its code was recorded (micropay), or it is a
 * scan-code order. A sale abandoned before its code (amount confirmed, then the page went away)
 * was never sent: recovery closes it quietly, the cashier is not told about it as an open order.
 */
export function wasSent(entry: JournalEntry): boolean {
  return entry.kind !== 'micropay' || entry.history.some((h) => h.phase === 'submitting');
}

/** A tray on its own (tests; the app uses {@link createPendingTray}). */
export function createTray(): PendingTray {
  const subject = new BehaviorSubject<readonly TrayEntry[]>([]);
  const set = (next: readonly TrayEntry[]) => subject.next(next);
  const map = (no: string, f: (e: TrayEntry) => TrayEntry) => set(subject.value.map((e) => (e.outTradeNo === no ? f(e) : e)));
  return {
    entries$: subject.asObservable(),
    get entries() {
      return subject.value;
    },
    add(entry) {
      const rest = subject.value.filter((e) => e.outTradeNo !== entry.outTradeNo);
      set([...rest, { ...entry, status: 'waiting' }]);
    },
    patch(no, change) {
      map(no, (e) => (e.status === 'waiting' ? { ...e, ...change } : e));
    },
    settle(result) {
      const no = result.outTradeNo;
      if (!no || result.outcome === 'unknown') return;
      map(no, (e) => ({ ...e, status: 'settled', result, userPaying: false }));
    },
    remove(no) {
      set(subject.value.filter((e) => e.outTradeNo !== no));
    },
    has(no) {
      return subject.value.some((e) => e.outTradeNo === no);
    },
  };
}
