/**
 * Fleet defaults: an operator's JSON file of non-secret terminal settings that every tablet served
 * by this relay picks up (`GET /relay/fleet`), at provisioning and whenever the file changes.
 * A tablet's own setting, once changed on that tablet, wins (docs/deploy.md, "Fleet defaults").
 *
 * Only the keys below are accepted; anything else, and above all anything that looks like a key or
 * secret, is refused with a message naming it, so a payment key can never be spread to a fleet.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { CodedError } from '@cpay/protocol';

/** The settings an operator may set for a fleet. Money is integer fen. */
export interface FleetDefaults {
  /** cpay-allocated device-type code of the tablet model (sub_terminal_type). */
  readonly subTerminalType?: number;
  /** Largest amount one payment may take. */
  readonly maxAmountFen?: number;
  /** Largest refund a cashier may make without a supervisor. */
  readonly cashierRefundLimitFen?: number;
  /** Shop language of the app and receipts. */
  readonly language?: 'zh-CN' | 'en';
  /** Voice announcements on/off and their volume (0 … 1). */
  readonly voiceEnabled?: boolean;
  readonly voiceVolume?: number;
  /** Extra lines printed at the top / bottom of receipts (up to 4 lines of 48 characters). */
  readonly receiptHeader?: string;
  readonly receiptFooter?: string;
}

/** The keys accepted in the file, in the order `--help` and deploy.md list them. */
export const FLEET_KEYS = [
  'subTerminalType',
  'maxAmountFen',
  'cashierRefundLimitFen',
  'language',
  'voiceEnabled',
  'voiceVolume',
  'receiptHeader',
  'receiptFooter',
] as const;

/** Highest amount accepted for the money settings: 1 000 000.00 yuan (the app's own ceiling). */
export const FLEET_MAX_FEN = 100_000_000;

const SECRET_NAME = /key|secret|pass|token|authen|credential|private/i;

/**
 * Thrown for an unusable fleet file; the message names the file, the key and what is wrong. One of
 * the project's error family (CodedError, @cpay/protocol): code `fleet_defaults_invalid`, never
 * retryable as-is (the same file fails the same way).
 */
export class FleetDefaultsError extends CodedError<'fleet_defaults_invalid'> {
  override readonly name = 'FleetDefaultsError';
  declare readonly retryable: false;

  constructor(message: string) {
    super('fleet_defaults_invalid', message, false);
  }
}

/** Checks a parsed fleet document. Throws {@link FleetDefaultsError}. */
export function validateFleetDefaults(doc: unknown, source = 'fleet defaults'): FleetDefaults {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new FleetDefaultsError(`${source}: must be a JSON object of settings`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (SECRET_NAME.test(k))
      throw new FleetDefaultsError(`${source}: "${k}" looks like a key or secret; fleet defaults never hold keys (each tablet gets its own at binding)`);
    if (!(FLEET_KEYS as readonly string[]).includes(k)) throw new FleetDefaultsError(`${source}: unknown setting "${k}" (allowed: ${FLEET_KEYS.join(', ')})`);
    const bad = (what: string): never => {
      throw new FleetDefaultsError(`${source}: "${k}" must be ${what}, got ${JSON.stringify(v)}`);
    };
    const int = (min: number, max: number): number =>
      Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : bad(`a whole number from ${min} to ${max}`);
    switch (k as (typeof FLEET_KEYS)[number]) {
      case 'subTerminalType':
        out[k] = int(1, 2_147_483_647);
        break;
      case 'maxAmountFen':
        out[k] = int(1, FLEET_MAX_FEN);
        break;
      case 'cashierRefundLimitFen':
        out[k] = int(0, FLEET_MAX_FEN);
        break;
      case 'language':
        out[k] = v === 'zh-CN' || v === 'en' ? v : bad('"zh-CN" or "en"');
        break;
      case 'voiceEnabled':
        out[k] = typeof v === 'boolean' ? v : bad('true or false');
        break;
      case 'voiceVolume':
        out[k] = typeof v === 'number' && v >= 0 && v <= 1 ? v : bad('a number from 0 to 1');
        break;
      case 'receiptHeader':
      case 'receiptFooter':
        out[k] = receiptLines(v) ?? bad('text of at most 4 lines of 48 characters, without control characters');
        break;
    }
  }
  return out;
}

function receiptLines(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const lines = v.split('\n');
  // eslint-disable-next-line no-control-regex
  return lines.length <= 4 && lines.every((l) => l.length <= 48 && !/[\u0000-\u001f\u007f]/.test(l)) ? v : undefined;
}

/** What `GET /relay/fleet` answers. */
export interface FleetDocument {
  /** Changes whenever the defaults change ("none" without a file); also the ETag. */
  readonly revision: string;
  readonly defaults: FleetDefaults;
}

/** Reads and checks a fleet file. Throws {@link FleetDefaultsError} with a usable message. */
export function readFleetFile(path: string): FleetDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new FleetDefaultsError(`fleet defaults file ${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FleetDefaultsError(`fleet defaults file ${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const defaults = validateFleetDefaults(doc, `fleet defaults file ${path}`);
  return { revision: revisionOf(defaults), defaults };
}

/** A short content hash of the defaults (stable key order). */
export function revisionOf(defaults: FleetDefaults): string {
  const canonical = JSON.stringify(FLEET_KEYS.filter((k) => k in defaults).map((k) => [k, defaults[k]]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export const NO_FLEET: FleetDocument = { revision: 'none', defaults: {} };

/**
 * The fleet file of a running relay: re-read when its modification time or size changes (checked
 * at most every `checkEveryMs`). A file that turns unreadable or invalid keeps the last good
 * defaults and is reported once through `onError`.
 */
export class FleetSource {
  private doc: FleetDocument;
  private stamp: string;
  private checkedAt = 0;
  private failedStamp: string | undefined;

  /** Reads the file now: throws {@link FleetDefaultsError} when it is unusable (a relay must not start with it). */
  constructor(
    readonly path: string,
    private readonly onError: (message: string) => void = () => undefined,
    private readonly checkEveryMs = 2_000,
  ) {
    this.stamp = stampOf(path);
    this.doc = readFleetFile(path);
  }

  /** The current defaults. */
  current(now = Date.now()): FleetDocument {
    if (now - this.checkedAt < this.checkEveryMs) return this.doc;
    this.checkedAt = now;
    const stamp = stampOf(this.path);
    if (stamp === this.stamp || stamp === this.failedStamp) return this.doc;
    try {
      this.doc = readFleetFile(this.path);
      this.stamp = stamp;
      this.failedStamp = undefined;
    } catch (err) {
      this.failedStamp = stamp;
      this.onError(`${err instanceof Error ? err.message : String(err)}; still serving revision ${this.doc.revision}`);
    }
    return this.doc;
  }
}

function stampOf(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}
