import { DEFAULT_SETTINGS, type Settings } from '../../features/settings/settings.js';
import type { Db } from './db.js';

const VOICE_MODE_VALUES: readonly string[] = ['auto', 'clips', 'speech'];
/** Where the fleet defaults document is kept in the `settings` store (never a Settings key). */
const FLEET_KEY = '__fleet';

/** Typed key-value access to the `settings` store. */
export class SettingsRepo {
  constructor(private readonly db: Db) {}

  /** All settings, defaults filled in for anything unset or of the wrong type. */
  async load(): Promise<Settings> {
    return settingsOf(await this.entries());
  }

  /** Only the settings stored on this tablet (changed here), without defaults. */
  async loadStored(): Promise<Partial<Settings>> {
    return storedOf(await this.entries());
  }

  /** The last fleet defaults document received from the relay (src/features/settings/fleet.ts), for an offline start. */
  async loadFleet(): Promise<unknown> {
    return this.db.get('settings', FLEET_KEY);
  }

  /**
   * What the app needs at start, from one read of the store (issue 21: the start used to make one
   * transaction per setting, twice, on the keypad's path).
   */
  async loadBoot(): Promise<{ readonly settings: Settings; readonly stored: Partial<Settings>; readonly fleet: unknown }> {
    const entries = await this.entries();
    return { settings: settingsOf(entries), stored: storedOf(entries), fleet: entries.get(FLEET_KEY) };
  }

  /** Every record of the `settings` store, in one transaction. */
  private async entries(): Promise<ReadonlyMap<string, unknown>> {
    const tx = this.db.transaction('settings');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return new Map(keys.map((k, i) => [k, values[i]]));
  }

  /** Keeps the fleet defaults document. */
  async storeFleet(doc: unknown): Promise<void> {
    await this.db.put('settings', doc, FLEET_KEY);
  }

  /** Stores one setting. */
  async set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await this.db.put('settings', value, key);
  }
}

function settingsOf(entries: ReadonlyMap<string, unknown>): Settings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const value = entries.get(key);
    if (typeof value === typeof DEFAULT_SETTINGS[key] && (key !== 'voiceMode' || VOICE_MODE_VALUES.includes(value as string))) out[key] = value;
  }
  return out as unknown as Settings;
}

function storedOf(entries: ReadonlyMap<string, unknown>): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const value = entries.get(key);
    if (typeof value === typeof DEFAULT_SETTINGS[key]) out[key] = value;
  }
  return out;
}
