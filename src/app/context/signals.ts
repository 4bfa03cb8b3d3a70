/**
 * Shared state other parts of the app feed and the status bar shows. Anyone with the services
 * can set these (payments set `busy` during a sale, the report flow sets the pending count).
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import type { StoragePersistence } from '../../platform/browser/storage-persistence.js';

/** Reachability as last observed. */
export type Reachability = 'ok' | 'down' | 'unknown';

/** What `/relay/status` (and our own calls) tell us. */
export interface RelayState {
  readonly relay: Reachability;
  readonly cpay: Reachability;
  /** Active cpay domain (host name), when known. */
  readonly domain?: string;
  readonly mode?: 'sandbox' | 'live';
  /** The relay's last change of cpay domain (hosts), from `/relay/status` `lastSwitch`. */
  readonly switched?: DomainSwitch;
  /** The relay's version and the app build it serves ("0.1.0 (3f18a2e)"), from `/relay/status`. */
  readonly versions?: { readonly relay: string; readonly app?: string };
}

/** One change of active cpay domain and why (`connect_refused`, `recovered`, `ping answered HTTP 502` …). */
export interface DomainSwitch {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** ISO time at the relay. */
  readonly at: string;
}

/** One peripheral as the status bar lists it (filled in by devices/; empty until then). */
export interface DeviceConnection {
  readonly kind: 'scanner' | 'printer' | 'voice' | 'other';
  readonly name: string;
  readonly connected: boolean;
}

/** The app-wide signals. */
export class AppSignals {
  private readonly busy = new BehaviorSubject(false);
  private readonly pending = new BehaviorSubject(0);
  private readonly deviceList = new BehaviorSubject<readonly DeviceConnection[]>([]);
  private readonly relayState = new BehaviorSubject<RelayState>({ relay: 'unknown', cpay: 'unknown' });
  private readonly updateReady = new BehaviorSubject(false);
  private readonly storageState = new BehaviorSubject<StoragePersistence>('unknown');

  /** True while a sale is in progress: updates wait, the status bar says so. */
  readonly busy$: Observable<boolean> = this.busy.asObservable();
  /** Reports waiting in the outbox. */
  readonly pendingReports$: Observable<number> = this.pending.asObservable();
  /** Connected peripherals. */
  readonly devices$: Observable<readonly DeviceConnection[]> = this.deviceList.asObservable();
  /** Relay and cpay reachability, active domain. */
  readonly relay$: Observable<RelayState> = this.relayState.asObservable();
  /** A new app version is installed and waiting. */
  readonly updateReady$: Observable<boolean> = this.updateReady.asObservable();
  /** Whether the terminal's data is in persistent storage (src/platform/browser/storage-persistence.ts). */
  readonly storage$: Observable<StoragePersistence> = this.storageState.asObservable();

  /** Marks a sale as started/finished (only a change is emitted: the shell re-rendered on every amount key). */
  setBusy(busy: boolean): void {
    if (busy !== this.busy.value) this.busy.next(busy);
  }
  /** Whether a sale is in progress right now. */
  get isBusy(): boolean {
    return this.busy.value;
  }
  /** Sets the pending report count (only a change is emitted: each report run set it, and the shell re-rendered). */
  setPendingReports(count: number): void {
    const n = Math.max(0, Math.floor(count));
    if (n !== this.pending.value) this.pending.next(n);
  }
  /** Replaces the device list. */
  setDevices(devices: readonly DeviceConnection[]): void {
    this.deviceList.next(devices);
  }
  /**
   * Merges new reachability facts; emits only when something changed (the relay is asked every 15 s
   * and mostly says the same, and each emission re-rendered the shell, also while a cashier typed).
   */
  setRelay(patch: Partial<RelayState>): void {
    const next = { ...this.relayState.value, ...patch };
    if (JSON.stringify(next) !== JSON.stringify(this.relayState.value)) this.relayState.next(next);
  }
  /** Signals that an update is waiting. */
  setUpdateReady(ready: boolean): void {
    this.updateReady.next(ready);
  }
  /** Records whether storage is persistent. */
  setStorage(state: StoragePersistence): void {
    this.storageState.next(state);
  }
}
