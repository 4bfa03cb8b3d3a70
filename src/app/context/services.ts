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
import type { DepositServices } from '../../features/deposit/deposit-deps.js';
import type { DeviceServices } from '../../features/devices/devices.js';
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
