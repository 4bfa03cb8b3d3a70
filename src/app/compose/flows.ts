/**
 * The composition root's wiring of the flows (issue 18): the payment and deposit flows' ports are
 * built once here from the app's services, the app-wide payment recovery and its 待确认 tray are
 * created here and handed to the screens (AppServices.flowDeps, .recovery, .tray), and the start-up
 * work (payment recovery, deposit recovery) is started by {@link FlowWiring.start}, which main.ts
 * calls once the shell is up. The recovery flows load lazily (dynamic imports), as before.
 */
import { randomNonce } from '@cpay/protocol';
import { Subject } from 'rxjs';
import type { AppServices, CoreServices, FlowDeps } from '../context/services.js';
import type { ScanPayDeps } from '../../features/scan-pay/scan-pay-flow.js';
import type { ScanPayTerminal } from '../../features/scan-pay/scan-pay-close.js';
import type { DepositDeps } from '../../features/deposit/deposit-deps.js';
import type { BindingRecord } from '../../kernel/binding.js';
import { DEFAULT_SETTINGS, type Settings } from '../../features/settings/settings.js';
import { chargingTerminalOf, refundTerminalOf, terminalOf } from '../../features/pay/checkout-terminal.js';
import type { RefundDeps } from '../../features/refund/refund-deps.js';
import type { HistoryDeps } from '../../features/history/history-flow.js';
import type { SummaryDeps } from '../../features/history/summary-flow.js';
import type { DepositSummaryDeps } from '../../features/deposit/deposit-summary-flow.js';
import { createPaymentRecovery } from '../../features/recovery/pay-recovery.js';
import { createPendingTray } from '../../features/recovery/pending-tray.js';

/** What {@link composeFlows} adds to the core services, and the start-up work it sequences. */
export interface FlowWiring {
  readonly services: Pick<AppServices, 'flowDeps' | 'recovery' | 'tray' | 'deposits'>;
  /** Starts payment recovery, then deposit recovery (once; main.ts calls it after the shell is mounted). */
  start(): void;
}

/** Wires the flows' ports, the payment recovery and the tray from the core services. */
export function composeFlows(s: CoreServices): FlowWiring {
  let binding: BindingRecord | undefined;
  let settings: Settings = DEFAULT_SETTINGS;
  let mode: 'sandbox' | 'live' | undefined;
  // These live as long as the app (the composition root owns them).
  s.binding$.subscribe((b) => {
    binding = b;
  });
  s.preferences.settings$.subscribe((x) => {
    settings = { ...DEFAULT_SETTINGS, ...x };
  });
  s.signals.relay$.subscribe((r) => {
    mode = r.mode ?? mode;
  });
  const portsWith = (terminal: () => ScanPayTerminal): ScanPayDeps => ({
    cpay: s.cpay,
    journal: s.journal,
    orderNumbers: s.orderNumbers,
    clock: s.clock,
    announcer: s.announcer,
    scheduler: s.scheduler,
    terminal,
    nonce: () => randomNonce(32),
    random: () => Math.random(),
    warn: (message, cause) => {
      console.warn(`[pay] ${message}`, cause);
    },
  });
  const pay = portsWith(() => terminalOf(binding, settings.appCpayVersion, settings));
  // Taking money: refused on live cpay while sub_terminal_type is the placeholder (issue 14 point 2).
  const charging = portsWith(() => chargingTerminalOf(binding, settings.appCpayVersion, settings, mode));
  const d = s.deposits;
  const deposit = d ? (depositVoice: DepositDeps['depositVoice']): DepositDeps => ({ ...pay, deposits: d.journal, depositVoice }) : undefined;
  const refund: RefundDeps = {
    cpay: s.cpay,
    ledger: s.afterSale.refunds,
    localBooks: s.afterSale.localRefunds,
    orderNumbers: s.orderNumbers,
    journal: s.journal,
    pin: s.afterSale.pin,
    clock: s.clock,
    scheduler: s.scheduler,
    terminal: () => refundTerminalOf(binding, settings.appCpayVersion, settings),
    nonce: () => randomNonce(32),
    random: Math.random,
    announce: (x) => s.afterSale.announceRefund?.(x),
    warn: (m, e) => console.warn(`[refund] ${m}`, e),
  };
  /** The identity the order lists need; throws while unbound. */
  const listTerminal = () => {
    const b = s.binding.value;
    if (!b) throw new Error('the terminal is not bound');
    return { outSubMchId: b.outSubMchId, outShopId: b.outShopId, deviceId: b.deviceId };
  };
  const history: HistoryDeps = {
    cpay: s.cpay,
    nonce: () => randomNonce(32),
    openPayments: () => s.journal.listOpen(),
    openRefunds: () => s.afterSale.refunds.listOpen(),
    deposits: (from, to, offset, limit) => s.deposits?.journal.pageBetween?.(from, to, offset, limit) ?? Promise.resolve({ records: [], total: 0 }),
    // Cash / card bookkeeping sales and their local refunds (cpay never lists them).
    bookkeeping: async (from, to, offset, limit, sub) => {
      const bk = s.bookkeeping;
      if (!bk) return { sales: [], refunds: [], total: 0 };
      const [page, refunds] = await Promise.all([
        limit > 0 ? bk.salesPage(from, to, offset, limit, sub) : { records: [], total: 0 },
        offset === 0 ? bk.refunds(from, to) : [],
      ]);
      return { sales: page.records, refunds, total: page.total };
    },
    // This terminal's orders to cpay from the journal: history paints them before cpay's list answers.
    sent: (from, to, offset, limit, accept) => s.bookkeeping?.sentPage?.(from, to, offset, limit, accept) ?? Promise.resolve({ records: [], more: false }),
    terminal: listTerminal,
  };
  const summary: SummaryDeps = {
    cpay: s.cpay,
    bookkeeping: async (from, to) => {
      const bk = s.bookkeeping;
      if (!bk) return [];
      // The bookkeeping model loads with the summary, not the first screen.
      const [{ methodTotals }, sales, refunds] = await Promise.all([
        import('../../features/bookkeeping/bookkeeping.js'),
        bk.sales(from, to),
        bk.refunds(from, to),
      ]);
      return methodTotals(sales, refunds);
    },
    nonce: () => randomNonce(32),
    terminal: listTerminal,
  };
  const journal = d?.journal;
  const between = journal?.between?.bind(journal);
  const depositSummary: DepositSummaryDeps | undefined = between
    ? { between, cpay: s.cpay, nonce: () => randomNonce(32), terminal: () => terminalOf(s.binding.value, settings.appCpayVersion, settings) }
    : undefined;
  const flowDeps: FlowDeps = { pay, charging, refund, history, summary, ...(deposit ? { deposit } : {}), ...(depositSummary ? { depositSummary } : {}) };

  const recovery = createPaymentRecovery({
    binding$: s.binding$,
    deps: pay,
    ...(s.devices ? { afterPayment: (r) => s.devices?.afterPayment(r) ?? Promise.resolve() } : {}),
    loadFlow: () => import('../../features/recovery/poll-recovery.js').then((m) => m.recoveryFlow),
  });
  const tray = createPendingTray(recovery);
  const depositChanged = new Subject<string>();
  let started = false;
  return {
    services: { flowDeps, recovery, tray, ...(d ? { deposits: { ...d, changed$: depositChanged.asObservable() } } : {}) },
    start() {
      if (started) return;
      started = true;
      // Payments left open (reload, crash, a sale that settled unknown) are reconciled app-wide (issue #5).
      recovery.start();
      // Deposits left open by a reload are reconciled in the background (issue #9).
      if (deposit)
        void import('../../features/deposit/deposit-startup.js').then(({ resumeDeposits }) =>
          resumeDeposits({ binding$: s.binding$, deps: deposit, voice: s.voice, changed: (text) => depositChanged.next(text) }),
        );
    },
  };
}
