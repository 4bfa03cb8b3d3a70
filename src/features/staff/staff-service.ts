/**
 * The staff service: staff records, the signed-in member (kept across reloads: a tablet reload
 * does not sign out), sign-in and manager authorisation with the lockout after wrong PINs, and
 * the first manager (created at first start, or on the first start after an update for a terminal
 * that has none: the old refund manager PIN, when one was set, becomes that manager's PIN).
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { hashPin, isPinRecord, isValidPin, verifyPin, type PinRecord } from '../refund/refund-pin.js';
import {
  afterFailure,
  afterSuccess,
  findEnabled,
  hasEnabledManager,
  LOCK_AFTER_FAILURES,
  lockRemainingMs,
  memberOf,
  NO_LOCKOUT,
  staffProblems,
  toLockout,
  toStaffRecords,
  type Lockout,
  type StaffFieldProblem,
  type StaffMember,
  type StaffRecord,
  type StaffRole,
} from './staff.js';

/** Where staff data is kept (IndexedDB `settings` store: src/platform/storage/staff-repo.ts). */
export interface StaffStore {
  loadRecords(): Promise<unknown>;
  saveRecords(records: readonly StaffRecord[]): Promise<void>;
  loadSession(): Promise<unknown>;
  saveSession(staffId: string | undefined): Promise<void>;
  loadLockout(): Promise<unknown>;
  saveLockout(l: Lockout): Promise<void>;
  /** The manager PIN hash of earlier versions (asked before refunds), if one was set. */
  loadLegacyPin(): Promise<unknown>;
  dropLegacyPin(): Promise<void>;
}

/** Where the terminal is with its staff. */
export type StaffState =
  | { readonly kind: 'loading' }
  /** No staff yet: the first manager must be created before anything else. `legacyPin`: an old manager PIN exists. */
  | { readonly kind: 'none'; readonly legacyPin: boolean }
  | { readonly kind: 'signed_out' }
  | { readonly kind: 'signed_in'; readonly staff: StaffMember };

/** The answer to a sign-in or an authorisation. */
export type PinCheck =
  | { readonly ok: true; readonly staff: StaffMember }
  /** `wrong`: unknown code, disabled member or wrong PIN (never told apart); `not_manager`: right PIN, but a cashier. */
  | { readonly ok: false; readonly reason: 'wrong' | 'locked' | 'not_manager'; readonly lockedMs: number; readonly left: number };

/** A new or changed staff member as typed in settings. */
export interface StaffInput {
  readonly staffId: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly pin?: string;
  readonly pinAgain?: string;
}

/** A refused change: field problems, or `last_manager` when the change would leave no enabled manager. */
export type StaffChange = { readonly ok: true } | { readonly ok: false; readonly problems: readonly (StaffFieldProblem | 'last_manager')[] };

/** Staff records without their PIN hashes (what a screen may list). */
export type StaffListing = Omit<StaffRecord, 'pin'>;

/** The staff service (one per app). */
export class StaffService {
  private readonly state = new BehaviorSubject<StaffState>({ kind: 'loading' });
  private readonly lock = new BehaviorSubject<Lockout>(NO_LOCKOUT);
  private records: StaffRecord[] = [];
  /** Where the terminal is with its staff; replays the latest. */
  readonly state$: Observable<StaffState> = this.state.asObservable();
  /** The wrong-PIN bookkeeping; replays the latest. */
  readonly lockout$: Observable<Lockout> = this.lock.asObservable();

  constructor(
    private readonly store: StaffStore,
    private readonly now: () => number = Date.now,
    private readonly iterations?: number,
  ) {}

  /** Loads records, the session and the lockout. */
  async load(): Promise<StaffState> {
    this.records = toStaffRecords(await this.store.loadRecords(), isPinRecord);
    this.lock.next(toLockout(await this.store.loadLockout()));
    const session = await this.store.loadSession();
    const r = typeof session === 'string' ? findEnabled(this.records, session) : undefined;
    let next: StaffState;
    if (!hasEnabledManager(this.records)) next = { kind: 'none', legacyPin: isPinRecord(await this.store.loadLegacyPin()) };
    else if (r) next = { kind: 'signed_in', staff: memberOf(r) };
    else next = { kind: 'signed_out' };
    this.state.next(next);
    return next;
  }

  /** The signed-in member, synchronously (undefined when nobody is). */
  get current(): StaffMember | undefined {
    const s = this.state.value;
    return s.kind === 'signed_in' ? s.staff : undefined;
  }

  /** The lockout now. */
  get lockout(): Lockout {
    return this.lock.value;
  }

  /**
   * Creates the first manager and signs them in. With an old manager PIN stored, `pin` must be
   * that PIN (its hash moves to the new record) and `pinAgain` is not asked.
   */
  async createFirstManager(input: { readonly staffId: string; readonly name: string; readonly pin: string; readonly pinAgain: string }): Promise<StaffChange> {
    if (hasEnabledManager(this.records)) return { ok: false, problems: ['code_taken'] };
    const legacy = await this.store.loadLegacyPin();
    if (isPinRecord(legacy)) {
      const problems = staffProblems({ staffId: input.staffId, name: input.name }, this.records, isValidPin);
      const check = await this.checkPin(legacy, input.pin);
      if (!check) problems.push('pin');
      if (problems.length > 0) return { ok: false, problems };
      return this.addFirst(input, legacy);
    }
    const problems = staffProblems(input, this.records, isValidPin);
    if (problems.length > 0) return { ok: false, problems };
    return this.addFirst(input, await hashPin(input.pin, this.iterations));
  }

  private async addFirst(input: { readonly staffId: string; readonly name: string }, pin: PinRecord): Promise<StaffChange> {
    const r: StaffRecord = { staffId: input.staffId, name: input.name.trim(), role: 'manager', pin, disabled: false };
    this.records = [...this.records, r];
    await this.store.saveRecords(this.records);
    await this.store.dropLegacyPin();
    await this.store.saveSession(r.staffId);
    this.state.next({ kind: 'signed_in', staff: memberOf(r) });
    return { ok: true };
  }

  /** Checks the legacy PIN (counts towards the lockout like any PIN). */
  private async checkPin(record: PinRecord, pin: string): Promise<boolean> {
    if (lockRemainingMs(this.lock.value, this.now()) > 0) return false;
    const ok = await verifyPin(pin, record);
    await this.setLock(ok ? afterSuccess() : afterFailure(this.lock.value, this.now()));
    return ok;
  }

  private async setLock(l: Lockout): Promise<void> {
    this.lock.next(l);
    await this.store.saveLockout(l);
  }

  /** Checks a staff code and PIN against the lockout; a wrong one counts. */
  private async check(code: string, pin: string, needManager: boolean): Promise<PinCheck> {
    const refused = (reason: 'wrong' | 'locked' | 'not_manager'): PinCheck => ({
      ok: false,
      reason,
      lockedMs: lockRemainingMs(this.lock.value, this.now()),
      left: Math.max(0, LOCK_AFTER_FAILURES - this.lock.value.failures),
    });
    if (lockRemainingMs(this.lock.value, this.now()) > 0) return refused('locked');
    const r = findEnabled(this.records, code);
    // An unknown code costs a hash too: the time taken does not tell which codes exist.
    const ok = r ? await verifyPin(pin, r.pin) : (await hashPin('0000', this.iterations), false);
    if (!ok || !r) {
      await this.setLock(afterFailure(this.lock.value, this.now()));
      return refused(lockRemainingMs(this.lock.value, this.now()) > 0 ? 'locked' : 'wrong');
    }
    await this.setLock(afterSuccess());
    if (needManager && r.role !== 'manager') return refused('not_manager');
    return { ok: true, staff: memberOf(r) };
  }

  /** Signs a member in for the shift (kept across reloads until they sign out). */
  async signIn(code: string, pin: string): Promise<PinCheck> {
    const c = await this.check(code, pin, false);
    if (c.ok) {
      await this.store.saveSession(c.staff.staffId);
      this.state.next({ kind: 'signed_in', staff: c.staff });
    }
    return c;
  }

  /** A manager's code and PIN for one gated action (the signed-in member stays signed in). */
  authorize(code: string, pin: string): Promise<PinCheck> {
    return this.check(code, pin, true);
  }

  /** Signs out (交班): the next member signs in. */
  async signOut(): Promise<void> {
    await this.store.saveSession(undefined);
    this.state.next(hasEnabledManager(this.records) ? { kind: 'signed_out' } : { kind: 'none', legacyPin: false });
  }

  /** Every staff member, without PIN hashes. */
  list(): StaffListing[] {
    return this.records.map(({ pin: _pin, ...rest }) => rest);
  }

  /** Adds a member (PIN typed twice). */
  async add(input: StaffInput): Promise<StaffChange> {
    const problems = staffProblems({ ...input, pin: input.pin ?? '' }, this.records, isValidPin);
    if (problems.length > 0) return { ok: false, problems };
    const r: StaffRecord = {
      staffId: input.staffId,
      name: input.name.trim(),
      role: input.role,
      pin: await hashPin(input.pin ?? '', this.iterations),
      disabled: false,
    };
    return this.commit([...this.records, r]);
  }

  /** Changes a member's name, role and (when typed) PIN. */
  async edit(input: StaffInput): Promise<StaffChange> {
    const old = this.records.find((r) => r.staffId === input.staffId);
    if (!old) return { ok: false, problems: ['code'] };
    const others = this.records.filter((r) => r !== old);
    const newPin = input.pin !== undefined && input.pin !== '';
    const problems = staffProblems(
      { staffId: input.staffId, name: input.name, ...(newPin ? { pin: input.pin, pinAgain: input.pinAgain ?? '' } : {}) },
      others,
      isValidPin,
    );
    if (problems.length > 0) return { ok: false, problems };
    const r: StaffRecord = { ...old, name: input.name.trim(), role: input.role, ...(newPin ? { pin: await hashPin(input.pin ?? '', this.iterations) } : {}) };
    return this.commit(this.records.map((x) => (x === old ? r : x)));
  }

  /** Disables or enables a member (the last enabled manager stays). */
  setDisabled(staffId: string, disabled: boolean): Promise<StaffChange> {
    return this.commit(this.records.map((x) => (x.staffId === staffId ? { ...x, disabled } : x)));
  }

  private async commit(records: StaffRecord[]): Promise<StaffChange> {
    if (!hasEnabledManager(records)) return { ok: false, problems: ['last_manager'] };
    this.records = records;
    await this.store.saveRecords(records);
    // The signed-in member sees their new name or role at once; a disabled one is signed out.
    const cur = this.current;
    if (cur) {
      const r = findEnabled(records, cur.staffId);
      if (!r) await this.signOut();
      else this.state.next({ kind: 'signed_in', staff: memberOf(r) });
    }
    return { ok: true };
  }
}
