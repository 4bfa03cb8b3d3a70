import { BUILD } from '../../build-info.js';
import type { Db } from './db.js';

/** Preferences kept across reloads; never secrets. */
export interface Settings {
  readonly locale: 'zh-CN' | 'en';
  /** Key case used for the binding-QR sign (spec §5.3: lower reproduces the documented example). */
  readonly qrKeyCase: 'lower' | 'as-stored';
  /** Firmware version code allocated by cpay (spec §4); defaults to the one stamped into this build. */
  readonly appCpayVersion: string;
  readonly wakeLock: boolean;
  /** Voice announcements on/off and volume 0 … 1 (settings screen, devices section). */
  readonly voiceEnabled: boolean;
  readonly voiceVolume: number;
  /** How sentences are voiced: `auto` (a speech voice if one exists, else recorded clips), `clips`, `speech`. */
  readonly voiceMode: 'auto' | 'clips' | 'speech';
  /** Largest amount one payment may take, in fen (settings screen, payment section; issue 5). */
  readonly maxAmountFen: number;
  /** sub_terminal_type: the device-type code cpay allocates per terminal model (spec §4). */
  readonly subTerminalType: number;
  /** spbill_create_ip sent in OrderClient (docs/decisions/0013-terminal-settings.md). */
  readonly spbillCreateIp: string;
  /** The shop's extra receipt lines (fleet defaults; '' = none). */
  readonly receiptHeader: string;
  readonly receiptFooter: string;
}

/** Defaults used until a setting is stored. */
export const DEFAULT_SETTINGS: Settings = {
  locale: 'zh-CN',
  qrKeyCase: 'lower',
  appCpayVersion: BUILD.appCpayVersion,
  wakeLock: true,
  voiceEnabled: true,
  voiceVolume: 1,
  voiceMode: 'auto',
  // 2451 is a placeholder, not a cpay allocation: the settings screen says it must be replaced.
  maxAmountFen: 5_000_000,
  subTerminalType: 2451,
  spbillCreateIp: '127.0.0.1',
  receiptHeader: '',
  receiptFooter: '',
};

const VOICE_MODE_VALUES: readonly string[] = ['auto', 'clips', 'speech'];
/** Where the fleet defaults document is kept in the `settings` store (never a Settings key). */
const FLEET_KEY = '__fleet';

/** Typed key-value access to the `settings` store. */
export class SettingsRepo {
  constructor(private readonly db: Db) {}

  /** All settings, defaults filled in for anything unset or of the wrong type. */
  async load(): Promise<Settings> {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const value = await this.db.get('settings', key);
      if (typeof value === typeof DEFAULT_SETTINGS[key] && (key !== 'voiceMode' || VOICE_MODE_VALUES.includes(value as string))) out[key] = value;
    }
    return out as unknown as Settings;
  }

  /** Only the settings stored on this tablet (changed here), without defaults. */
  async loadStored(): Promise<Partial<Settings>> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const value = await this.db.get('settings', key);
      if (typeof value === typeof DEFAULT_SETTINGS[key]) out[key] = value;
    }
    return out;
  }

  /** The last fleet defaults document received from the relay (src/features/settings/fleet.ts), for an offline start. */
  async loadFleet(): Promise<unknown> {
    return this.db.get('settings', FLEET_KEY);
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
