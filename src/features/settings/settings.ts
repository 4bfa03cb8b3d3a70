/**
 * The terminal's preferences (the settings feature's model): what is kept across reloads, never a
 * secret, and the defaults used until a setting is stored. Stored by
 * src/platform/storage/settings-repo.ts (the storage depends on this model, never the other way).
 */
import { BUILD } from '../../build-info.js';

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
  /** Refunds above this (fen) need a manager when a cashier is signed in (staff feature; fleet default `cashierRefundLimitFen`). */
  readonly cashierRefundLimitFen: number;
  /** Kiosk mode: kept across reloads; leaving it needs a manager PIN (staff feature). */
  readonly kioskMode: boolean;
  /** The shop's extra receipt lines (fleet defaults; '' = none). */
  readonly receiptHeader: string;
  readonly receiptFooter: string;
  /** The cash drawer's pin on the printer's DK port: 2 (most drawers) or 5; the printer profile's when 0. */
  readonly drawerPin: number;
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
  drawerPin: 0,
  cashierRefundLimitFen: 10_000,
  kioskMode: false,
};
