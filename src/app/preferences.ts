import { BehaviorSubject, type Observable } from 'rxjs';
import type { Settings, SettingsRepo } from '../storage/settings-repo.js';
import type { Preferences } from './services.js';

/** Preferences backed by the settings store, replayed as an observable. */
export class StoredPreferences implements Preferences {
  private readonly state: BehaviorSubject<Settings>;
  /** Current settings. */
  readonly settings$: Observable<Settings>;

  constructor(private readonly repo: SettingsRepo, initial: Settings) {
    this.state = new BehaviorSubject(initial);
    this.settings$ = this.state.asObservable();
  }

  /** The current settings, synchronously. */
  get value(): Settings { return this.state.value; }

  /** Stores one setting and publishes the change. */
  async set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await this.repo.set(key, value);
    this.state.next({ ...this.state.value, [key]: value });
  }
}
