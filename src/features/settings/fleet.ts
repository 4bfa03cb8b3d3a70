/**
 * Fleet defaults on the tablet: the operator's non-secret settings served by the relay at
 * `GET /relay/fleet` (packages/relay/src/fleet.ts). Fetched at start (so a tablet being provisioned
 * gets them), every minute and when the network returns; kept in IndexedDB for an offline start.
 *
 * Layering (StoredPreferences): built-in defaults ← fleet defaults ← what was changed on this
 * tablet. A tablet's own change wins, except that the maximum per payment can only be lowered on a
 * tablet, never raised above the fleet's. The receipt header/footer are added to every receipt
 * printed. The cashier refund limit applies to refunds by a signed-in cashier (a manager authorises
 * larger ones: src/features/staff).
 */
import type { Settings } from './settings.js';
import type { FetchFn } from '../../platform/net/http.js';

/** The fleet settings the relay may send (already checked there; checked again here). */
export interface FleetDefaults {
  readonly subTerminalType?: number;
  readonly maxAmountFen?: number;
  readonly cashierRefundLimitFen?: number;
  readonly language?: 'zh-CN' | 'en';
  readonly voiceEnabled?: boolean;
  readonly voiceVolume?: number;
  readonly receiptHeader?: string;
  readonly receiptFooter?: string;
}

/** What `/relay/fleet` answers. */
export interface FleetDocument {
  readonly revision: string;
  readonly defaults: FleetDefaults;
}

const MAX_FEN = 100_000_000;
const isInt = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;

/** A fleet document from untrusted JSON: anything malformed is dropped, entry by entry (undefined if not a document). */
export function parseFleetDocument(json: unknown): FleetDocument | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { revision, defaults } = json as { revision?: unknown; defaults?: unknown };
  if (typeof revision !== 'string' || typeof defaults !== 'object' || defaults === null) return undefined;
  const d = defaults as Record<string, unknown>;
  const out: { -readonly [K in keyof FleetDefaults]: FleetDefaults[K] } = {};
  if (isInt(d.subTerminalType, 1, 2_147_483_647)) out.subTerminalType = d.subTerminalType;
  if (isInt(d.maxAmountFen, 1, MAX_FEN)) out.maxAmountFen = d.maxAmountFen;
  if (isInt(d.cashierRefundLimitFen, 0, MAX_FEN)) out.cashierRefundLimitFen = d.cashierRefundLimitFen;
  if (d.language === 'zh-CN' || d.language === 'en') out.language = d.language;
  if (typeof d.voiceEnabled === 'boolean') out.voiceEnabled = d.voiceEnabled;
  if (typeof d.voiceVolume === 'number' && d.voiceVolume >= 0 && d.voiceVolume <= 1) out.voiceVolume = d.voiceVolume;
  if (typeof d.receiptHeader === 'string') out.receiptHeader = d.receiptHeader;
  if (typeof d.receiptFooter === 'string') out.receiptFooter = d.receiptFooter;
  return { revision, defaults: out };
}

/** The app settings a fleet document sets. */
export function fleetSettings(d: FleetDefaults): Partial<Settings> {
  return {
    ...(d.subTerminalType !== undefined ? { subTerminalType: d.subTerminalType } : {}),
    ...(d.maxAmountFen !== undefined ? { maxAmountFen: d.maxAmountFen } : {}),
    ...(d.cashierRefundLimitFen !== undefined ? { cashierRefundLimitFen: d.cashierRefundLimitFen } : {}),
    ...(d.language !== undefined ? { locale: d.language } : {}),
    ...(d.voiceEnabled !== undefined ? { voiceEnabled: d.voiceEnabled } : {}),
    ...(d.voiceVolume !== undefined ? { voiceVolume: d.voiceVolume } : {}),
    ...(d.receiptHeader !== undefined ? { receiptHeader: d.receiptHeader } : {}),
    ...(d.receiptFooter !== undefined ? { receiptFooter: d.receiptFooter } : {}),
  };
}

/** Built-in defaults ← fleet ← this tablet's own changes (the fleet's maximum per payment is a ceiling). */
export function layerSettings(defaults: Settings, fleet: Partial<Settings>, stored: Partial<Settings>): Settings {
  const out = { ...defaults, ...fleet, ...stored };
  if (fleet.maxAmountFen !== undefined && stored.maxAmountFen !== undefined) out.maxAmountFen = Math.min(fleet.maxAmountFen, stored.maxAmountFen);
  return out;
}

/** Where the fleet goes: the preferences (applied at once) and the store (for the next start). */
export interface FleetSink {
  applyFleet(fleet: Partial<Settings>): void;
  storeFleet(doc: FleetDocument): Promise<void>;
}

/**
 * Fetches `/relay/fleet` now, every `everyMs` and on `online`; applies and stores a new revision.
 * Returns a stop function. A relay without the route (404) or unreachable changes nothing.
 */
export function startFleetSync(
  fetchFn: FetchFn,
  sink: FleetSink,
  known: string | undefined,
  everyMs = 60_000,
  target: EventTarget | undefined = globalThis,
): () => void {
  let revision = known;
  let busy = false;
  const check = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const res = await fetchFn('/relay/fleet', { headers: revision ? { 'if-none-match': `"${revision}"` } : {}, cache: 'no-store' });
      if (res.status !== 200) return;
      const doc = parseFleetDocument(await res.json());
      if (!doc || doc.revision === revision) return;
      revision = doc.revision;
      sink.applyFleet(fleetSettings(doc.defaults));
      await sink.storeFleet(doc);
    } catch {
      // Offline or no relay: keep what we have.
    } finally {
      busy = false;
    }
  };
  void check();
  const timer = setInterval(() => void check(), everyMs);
  const onOnline = (): void => void check();
  target?.addEventListener('online', onOnline);
  return () => {
    clearInterval(timer);
    target?.removeEventListener('online', onOnline);
  };
}
