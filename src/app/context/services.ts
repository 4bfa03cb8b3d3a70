/**
 * The services the shell hands to screens through @lit/context. Screens bind these to
 * presentational components; only `main.ts` constructs them.
 */
import { createContext } from '@lit/context';
import type { Observable, SchedulerLike } from 'rxjs';
import type { CpayPort } from '../../platform/net/ports.js';
import type { Announcer, Clock, JournalPort, OrderNumberPort } from '../../kernel/flow/ports.js';
import type { BindingRecord } from '../../kernel/binding.js';
import type { AppSignals } from './signals.js';
import type { IdentityService } from '../../features/binding/identity-service.js';
import type { BindingService } from '../../features/binding/binding-service.js';
import type { Platform } from './platform.js';
import type { BootEvent } from '../../features/binding/boot-flow.js';
import type { BindEvent, BindInput } from '../../features/binding/bind-flow.js';
import type { LegacyConfig } from '../../features/binding/legacy-bind.js';
import type { Settings } from '../../features/settings/settings.js';
import type { VoicePrompts } from '../../features/devices/voice.js';
import type { AfterSaleServices } from '../../features/refund/refund-services.js';
import type { DepositDeps, DepositServices } from '../../features/deposit/deposit-deps.js';
import type { DeviceServices } from '../../features/devices/devices.js';
import type { BookkeepingServices } from '../../features/bookkeeping/bookkeeping-services.js';
import type { ScanPayDeps } from '../../features/scan-pay/scan-pay-flow.js';
import type { PaymentRecovery } from '../../features/recovery/pay-recovery.js';
import type { PendingTray } from '../../features/recovery/pending-tray.js';
import type { RefundDeps } from '../../features/refund/refund-deps.js';
import type { HistoryDeps } from '../../features/history/history-flow.js';
import type { SummaryDeps } from '../../features/history/summary-flow.js';
import type { DepositSummaryDeps } from '../../features/deposit/deposit-summary-flow.js';
import type { StaffService } from '../../features/staff/staff-service.js';

/** Everything a screen may use. */
export interface AppServices {
  readonly cpay: CpayPort;
  readonly clock: Clock;
  readonly scheduler: SchedulerLike;
  readonly journal: JournalPort;
  readonly orderNumbers: OrderNumberPort;
  readonly announcer: Announcer;
  /** The current binding (undefined while not bound); replays the latest. */
  readonly binding$: Observable<BindingRecord | undefined>;
  /** Shared signals: busy (sale in progress), pending reports, devices, relay status, update. */
  readonly signals: AppSignals;
  readonly identity: IdentityService;
  readonly binding: BindingService;
  readonly platform: Platform;
  readonly flows: AppFlows;
  readonly preferences: Preferences;
  /** Spoken prompts as text (also shown on screen); the devices engineer replaces the voice. */
  readonly voice: VoicePrompts;
  /** Refund ledger, manager PIN, shifts and print hooks (refund, history and summary screens). */
  readonly afterSale: AfterSaleServices;
  /** Deposit journal and print hook (deposit screen); absent in shells built before deposits. */
  readonly deposits?: DepositServices;
  /** Cash / card bookkeeping reads and the drawer log; absent in shells built without them (tests). */
  readonly bookkeeping?: BookkeepingServices;
  /** Scanners (scan hub), receipt printer and preview; absent in shells built without devices (tests). */
  readonly devices?: DeviceServices;
  /** Staff records, the signed-in member and manager authorisation; absent in shells built without staff (tests: everyone may do everything). */
  readonly staff?: StaffService;
  /** The current screen. */
  readonly route$: Observable<Route>;
  /** Moves the shell to another screen (refused while a sale is in progress: app/nav-guard.ts). */
  navigate(route: Route): void;
  /** Why the last navigation was refused ('' when it was not); absent in shells without the guard. */
  readonly navRefused$?: Observable<string>;
  /** The flows' dependencies, built once by the composition root (src/app/compose/flows.ts). */
  readonly flowDeps: FlowDeps;
  /** The app-wide payment recovery (created and started by the composition root). */
  readonly recovery: PaymentRecovery;
  /** The 待确认 tray: orders set aside or recovered, fed by {@link AppServices.recovery}. */
  readonly tray: PendingTray;
}

/** The services the composition root builds first; {@link FlowDeps}, the recovery and the tray are wired from them. */
export type CoreServices = Omit<AppServices, 'flowDeps' | 'recovery' | 'tray'>;

/** The flows' ports, wired once from the app's services (screens and controllers receive them). */
export interface FlowDeps {
  /** Payment flows' ports with the bound terminal (recovery, deposits). */
  readonly pay: ScanPayDeps;
  /**
   * Payment flows' ports for taking money at the checkout: on live cpay a sub_terminal_type still
   * at the documents' example value is refused (checkout-terminal.ts chargingTerminalOf).
   */
  readonly charging: ScanPayDeps;
  /** The refund flow's ports (refund screen; the manager PIN and the ledger from AppServices.afterSale). */
  readonly refund: RefundDeps;
  /** The history screen's order lists. */
  readonly history: HistoryDeps;
  /** The summary screen's totals. */
  readonly summary: SummaryDeps;
  /** The summary screen's deposits of a window (absent without a deposit journal that lists by time). */
  readonly depositSummary?: DepositSummaryDeps;
  /** The deposit flows' ports around the caller's deposit voice (deposit-startup.ts announceDeposit). Absent without deposits. */
  readonly deposit?: (depositVoice: DepositDeps['depositVoice']) => DepositDeps;
}

/** Flows wired with their real dependencies (screens subscribe through controllers). */
export interface AppFlows {
  /** Boot events (shared, replays the latest); starts on {@link AppFlows.restartBoot}. */
  readonly boot$: Observable<BootEvent>;
  restartBoot(): void;
  bind(input$: Observable<BindInput>): Observable<BindEvent>;
  legacyBind(config: LegacyConfig): Observable<BindEvent>;
}

/** Stored preferences. */
export interface Preferences {
  readonly settings$: Observable<Settings>;
  set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void>;
}

/** The shell's screens. */
export type Route = 'loading' | 'setup' | 'bind' | 'checkout' | 'settings' | 'refund' | 'history' | 'summary' | 'deposit';

/** Context key for {@link AppServices}. */
export const servicesContext = createContext<AppServices>(Symbol('cpay-services'));
