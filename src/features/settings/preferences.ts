import { BehaviorSubject, type Observable } from 'rxjs';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';
import { layerSettings } from './fleet.js';
import type { Preferences } from '../../app/context/services.js';

/** Where a changed setting is kept (the composition root hands platform/storage/settings-repo.ts). */
export interface SettingsStore {
  set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void>;
}

/**
 * Preferences backed by the settings store, replayed as an observable. The current settings are
 * built-in defaults ← fleet defaults (`applyFleet`, src/features/settings/fleet.ts) ← what was set on this tablet.
 */
export class StoredPreferences implements Preferences {
  private readonly state: BehaviorSubject<Settings>;
  /** Current settings. */
  readonly settings$: Observable<Settings>;
  private stored: Partial<Settings>;
  private fleet: Partial<Settings>;

  /**
   * `initial`: the settings as loaded (defaults filled in). `layers`: what this tablet stored and the
   * fleet defaults last received; without them every value of `initial` counts as set here.
   */
  constructor(
    private readonly repo: SettingsStore,
    initial: Settings,
    layers?: { stored: Partial<Settings>; fleet: Partial<Settings> },
  ) {
    this.stored = layers?.stored ?? initial;
    this.fleet = layers?.fleet ?? {};
    this.state = new BehaviorSubject(layers ? layerSettings(DEFAULT_SETTINGS, this.fleet, this.stored) : initial);
    this.settings$ = this.state.asObservable();
  }

  /** The current settings, synchronously. */
  get value(): Settings {
    return this.state.value;
  }

  /** Stores one setting (it now overrides the fleet's) and publishes the change. */
  async set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await this.repo.set(key, value);
    this.stored = { ...this.stored, [key]: value };
    this.state.next(layerSettings(DEFAULT_SETTINGS, this.fleet, this.stored));
  }

  /** New fleet defaults: applied to every setting this tablet has not changed itself. */
  applyFleet(fleet: Partial<Settings>): void {
    this.fleet = fleet;
    this.state.next(layerSettings(DEFAULT_SETTINGS, this.fleet, this.stored));
  }
}
