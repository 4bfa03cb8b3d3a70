/**
 * Staff and permissions (issue 17, acceptance item 6 "支持店员可设置", 003 L10603): the staff
 * records kept on the terminal, who may do what, and the lockout after repeated wrong PINs.
 * Pure: no storage, no clock (times are passed in), no WebCrypto (the PIN hash is in refund-pin.ts).
 */
import type { PinRecord } from '../refund/refund-pin.js';

/** A staff member's role: managers authorise what a cashier may not do alone. */
export type StaffRole = 'cashier' | 'manager';

/** The signed-in staff member: what goes on orders, refunds, receipts and reports. */
export interface StaffMember {
  /** The staff code typed at sign-in; sent as staff_id / authorization_staff_id where the documents define it. */
  readonly staffId: string;
  readonly staffName: string;
  readonly role: StaffRole;
}

/** A stored staff record: the PIN only as a PBKDF2 hash, never in clear. */
export interface StaffRecord {
  readonly staffId: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly pin: PinRecord;
  /** A disabled member cannot sign in or authorise; the record stays for the history. */
  readonly disabled: boolean;
}

/** Wrong-PIN bookkeeping, kept across reloads. */
export interface Lockout {
  /** Wrong PINs since the last success or the last lock. */
  readonly failures: number;
  /** Locks so far since the last success: each doubles the next wait. */
  readonly locks: number;
  /** Epoch ms until which no PIN is checked (0 = not locked). */
  readonly until: number;
}

export const NO_LOCKOUT: Lockout = { failures: 0, locks: 0, until: 0 };
/** Wrong PINs in a row before a lock. */
export const LOCK_AFTER_FAILURES = 5;
/** The first lock's length; each further lock doubles it, up to {@link LOCK_MAX_MS}. */
export const LOCK_BASE_MS = 30_000;
export const LOCK_MAX_MS = 30 * 60_000;

/** Staff codes: 1 to 16 letters or digits (typed on a keyboard; cpay's staff_id is String(64)). */
export const STAFF_CODE_PATTERN = /^[A-Za-z0-9]{1,16}$/;
export const STAFF_NAME_MAX = 32;

/** Milliseconds a lock still lasts at `now` (0 when not locked). */
export function lockRemainingMs(l: Lockout, now: number): number {
  return Math.max(0, l.until - now);
}

/** The bookkeeping after one more wrong PIN at `now`: the fifth in a row locks for 30 s, 60 s, 120 s … */
export function afterFailure(l: Lockout, now: number): Lockout {
  const failures = l.failures + 1;
  if (failures < LOCK_AFTER_FAILURES) return { ...l, failures };
  const ms = Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** l.locks);
  return { failures: 0, locks: l.locks + 1, until: now + ms };
}

/** The bookkeeping after a correct PIN: all forgiven. */
export function afterSuccess(): Lockout {
  return NO_LOCKOUT;
}

/** Narrows stored data to a Lockout (anything else counts as none). */
export function toLockout(v: unknown): Lockout {
  if (typeof v !== 'object' || v === null) return NO_LOCKOUT;
  const o = v as Record<string, unknown>;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);
  return { failures: n(o['failures']), locks: n(o['locks']), until: n(o['until']) };
}

/** What is wrong with a new staff member's fields, if anything. */
export type StaffFieldProblem = 'code' | 'code_taken' | 'name' | 'pin' | 'pin_mismatch';

/** Checks a staff code, name and PIN typed twice (the PIN only when `pin` is given). */
export function staffProblems(
  input: { readonly staffId: string; readonly name: string; readonly pin?: string; readonly pinAgain?: string },
  existing: readonly Pick<StaffRecord, 'staffId'>[],
  isValidPin: (pin: string) => boolean,
): StaffFieldProblem[] {
  const out: StaffFieldProblem[] = [];
  if (!STAFF_CODE_PATTERN.test(input.staffId)) out.push('code');
  else if (existing.some((r) => r.staffId.toLowerCase() === input.staffId.toLowerCase())) out.push('code_taken');
  const name = input.name.trim();
  if (name === '' || name.length > STAFF_NAME_MAX) out.push('name');
  if (input.pin !== undefined) {
    if (!isValidPin(input.pin)) out.push('pin');
    else if (input.pin !== input.pinAgain) out.push('pin_mismatch');
  }
  return out;
}

/** The member a record signs in as. */
export function memberOf(r: StaffRecord): StaffMember {
  return { staffId: r.staffId, staffName: r.name, role: r.role };
}

/** Finds an enabled record by code (codes compare without case: typed on any keyboard). */
export function findEnabled(records: readonly StaffRecord[], code: string): StaffRecord | undefined {
  const c = code.trim().toLowerCase();
  return records.find((r) => !r.disabled && r.staffId.toLowerCase() === c);
}

/** True when `records` keep at least one enabled manager (the last one cannot be disabled or demoted). */
export function hasEnabledManager(records: readonly StaffRecord[]): boolean {
  return records.some((r) => !r.disabled && r.role === 'manager');
}

/** True when a refund of `fen` by `who` needs a manager's authorisation (above the cashier limit). */
export function refundNeedsManager(who: StaffMember | undefined, fen: number, cashierLimitFen: number): boolean {
  if (who?.role === 'manager') return false;
  return fen > cashierLimitFen;
}

/** Narrows stored data to staff records (malformed entries are dropped). */
export function toStaffRecords(v: unknown, isPinRecord: (x: unknown) => x is PinRecord): StaffRecord[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x: unknown): StaffRecord[] => {
    if (typeof x !== 'object' || x === null) return [];
    const o = x as Record<string, unknown>;
    const { staffId, name, role, pin, disabled } = o;
    if (typeof staffId !== 'string' || typeof name !== 'string' || (role !== 'cashier' && role !== 'manager') || !isPinRecord(pin)) return [];
    return [{ staffId, name, role, pin, disabled: disabled === true }];
  });
}
