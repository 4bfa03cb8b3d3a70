import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { hashPin, isPinRecord, isValidPin, verifyPin } from '../refund/refund-pin.js';
import { afterFailure, LOCK_BASE_MS, NO_LOCKOUT, refundNeedsManager, staffProblems, toLockout, toStaffRecords, type Lockout } from './staff.js';
import { StaffService, type StaffStore } from './staff-service.js';
import type { Lockout as L, StaffRecord } from './staff.js';

/** An in-memory store (the IndexedDB one is exercised by the e2e tests in Chromium). */
class MemoryStore implements StaffStore {
  data = new Map<string, unknown>();
  loadRecords = async () => this.data.get('records');
  saveRecords = async (r: readonly StaffRecord[]) => void this.data.set('records', structuredClone([...r]));
  loadSession = async () => this.data.get('session');
  saveSession = async (id: string | undefined) => void (id === undefined ? this.data.delete('session') : this.data.set('session', id));
  loadLockout = async () => this.data.get('lockout');
  saveLockout = async (l: L) => void this.data.set('lockout', { ...l });
  loadLegacyPin = async () => this.data.get('legacy');
  dropLegacyPin = async () => void this.data.delete('legacy');
}

const ITER = 1_000; // fast hashes in unit tests; the app uses PIN_ITERATIONS

describe('PIN hashing', () => {
  it('stores only a salted PBKDF2 hash that verifies the PIN and nothing else', async () => {
    const r = await hashPin('2468', ITER);
    expect(JSON.stringify(r)).not.toContain('2468');
    expect(r.algorithm).toBe('PBKDF2-SHA256');
    expect(await verifyPin('2468', r)).toBe(true);
    expect(await verifyPin('2469', r)).toBe(false);
    expect(await verifyPin('abcd', r)).toBe(false);
    const again = await hashPin('2468', ITER);
    expect(again.salt).not.toBe(r.salt); // a fresh salt each time
    expect(again.hash).not.toBe(r.hash);
  });
});

describe('lockout backoff', () => {
  it('locks after 5 wrong PINs for 30 s, then 60 s, 120 s …', () => {
    let l: Lockout = NO_LOCKOUT;
    for (let i = 0; i < 4; i += 1) l = afterFailure(l, 1_000);
    expect(l).toEqual({ failures: 4, locks: 0, until: 0 });
    l = afterFailure(l, 1_000);
    expect(l).toEqual({ failures: 0, locks: 1, until: 1_000 + LOCK_BASE_MS });
    for (let i = 0; i < 5; i += 1) l = afterFailure(l, 100_000);
    expect(l.until).toBe(100_000 + 2 * LOCK_BASE_MS);
    for (let i = 0; i < 5; i += 1) l = afterFailure(l, 200_000);
    expect(l.until).toBe(200_000 + 4 * LOCK_BASE_MS);
    for (let i = 0; i < 50; i += 1) l = afterFailure(l, 300_000);
    expect(l.until).toBe(300_000 + 30 * 60_000); // capped at 30 minutes
  });
  it('reads stored bookkeeping defensively', () => {
    expect(toLockout('x')).toEqual(NO_LOCKOUT);
    expect(toLockout({ failures: 2, locks: -1, until: 'x' })).toEqual({ failures: 2, locks: 0, until: 0 });
  });
});

describe('staff rules', () => {
  it('checks code, name and PIN typed twice', () => {
    expect(staffProblems({ staffId: 'M01', name: '王店长', pin: '2468', pinAgain: '2468' }, [], isValidPin)).toEqual([]);
    expect(staffProblems({ staffId: 'M 01', name: ' ', pin: '12', pinAgain: '12' }, [], isValidPin)).toEqual(['code', 'name', 'pin']);
    expect(staffProblems({ staffId: 'm01', name: 'x', pin: '2468', pinAgain: '2469' }, [{ staffId: 'M01' }], isValidPin)).toEqual([
      'code_taken',
      'pin_mismatch',
    ]);
  });
  it('a cashier needs a manager above the limit, a manager never', () => {
    const cashier = { staffId: 'C1', staffName: 'c', role: 'cashier' as const };
    expect(refundNeedsManager(cashier, 10_000, 10_000)).toBe(false);
    expect(refundNeedsManager(cashier, 10_001, 10_000)).toBe(true);
    expect(refundNeedsManager({ ...cashier, role: 'manager' }, 9_999_999, 10_000)).toBe(false);
    expect(refundNeedsManager(undefined, 10_001, 10_000)).toBe(true);
  });
  it('drops malformed stored records', () => {
    expect(toStaffRecords([{ staffId: 'A', name: 'a', role: 'boss', pin: {} }, 3], isPinRecord)).toEqual([]);
  });
});

describe('StaffService', () => {
  const make = (store = new MemoryStore(), now = { t: 1_000_000 }) => ({ store, now, svc: new StaffService(store, () => now.t, ITER) });

  it('asks for a first manager, creates it signed in, and keeps the session across a reload', async () => {
    const { store, svc } = make();
    expect(await svc.load()).toEqual({ kind: 'none', legacyPin: false });
    expect(await svc.createFirstManager({ staffId: 'M01', name: '王店长', pin: '2468', pinAgain: '2468' })).toEqual({ ok: true });
    expect(svc.current).toEqual({ staffId: 'M01', staffName: '王店长', role: 'manager' });
    expect(JSON.stringify([...store.data.values()])).not.toContain('2468');
    const reloaded = new StaffService(store, () => 0, ITER);
    expect(await reloaded.load()).toEqual({ kind: 'signed_in', staff: { staffId: 'M01', staffName: '王店长', role: 'manager' } });
    await reloaded.signOut();
    expect(await new StaffService(store, () => 0, ITER).load()).toEqual({ kind: 'signed_out' });
  });

  it('takes over an old refund manager PIN for the first manager', async () => {
    const store = new MemoryStore();
    store.data.set('legacy', await hashPin('1357', ITER));
    const { svc } = make(store);
    expect(await svc.load()).toEqual({ kind: 'none', legacyPin: true });
    expect(await svc.createFirstManager({ staffId: 'M01', name: 'x', pin: '2468', pinAgain: '' })).toEqual({ ok: false, problems: ['pin'] });
    expect(await svc.createFirstManager({ staffId: 'M01', name: 'x', pin: '1357', pinAgain: '' })).toEqual({ ok: true });
    expect(store.data.has('legacy')).toBe(false);
    await svc.signOut();
    expect((await svc.signIn('m01', '1357')).ok).toBe(true);
  });

  it('locks sign-in after 5 wrong PINs, refuses even the right PIN while locked, and keeps the lock over a reload', async () => {
    const { store, svc, now } = make();
    await svc.load();
    await svc.createFirstManager({ staffId: 'M01', name: 'm', pin: '2468', pinAgain: '2468' });
    await svc.signOut();
    for (let i = 0; i < 4; i += 1) expect(await svc.signIn('M01', '0000')).toMatchObject({ ok: false, reason: 'wrong', left: 4 - i });
    expect(await svc.signIn('NOBODY', '2468')).toMatchObject({ ok: false, reason: 'locked', lockedMs: 30_000 });
    expect(await svc.signIn('M01', '2468')).toMatchObject({ ok: false, reason: 'locked' });
    const reloaded = new StaffService(store, () => now.t + 10_000, ITER);
    await reloaded.load();
    expect(await reloaded.signIn('M01', '2468')).toMatchObject({ ok: false, reason: 'locked', lockedMs: 20_000 });
    now.t += 30_001;
    expect((await svc.signIn('M01', '2468')).ok).toBe(true);
    expect(svc.lockout).toEqual(NO_LOCKOUT);
  });

  it('authorises only managers, and never disables or demotes the last manager', async () => {
    const { svc } = make();
    await svc.load();
    await svc.createFirstManager({ staffId: 'M01', name: 'm', pin: '2468', pinAgain: '2468' });
    expect(await svc.add({ staffId: 'C01', name: '收银员', role: 'cashier', pin: '1111', pinAgain: '1111' })).toEqual({ ok: true });
    expect(await svc.authorize('C01', '1111')).toMatchObject({ ok: false, reason: 'not_manager' });
    expect(await svc.authorize('M01', '2468')).toMatchObject({ ok: true, staff: { role: 'manager' } });
    expect(await svc.setDisabled('M01', true)).toEqual({ ok: false, problems: ['last_manager'] });
    expect(await svc.edit({ staffId: 'M01', name: 'm', role: 'cashier' })).toEqual({ ok: false, problems: ['last_manager'] });
    expect(await svc.setDisabled('C01', true)).toEqual({ ok: true });
    expect(await svc.authorize('C01', '1111')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(svc.list().map((r) => [r.staffId, r.disabled, 'pin' in r])).toEqual([
      ['M01', false, false],
      ['C01', true, false],
    ]);
  });

  /** A loaded service with manager M01 (PIN 2468) signed in and cashier C01 (PIN 1111). */
  const withTwo = async () => {
    const made = make();
    await made.svc.load();
    await made.svc.createFirstManager({ staffId: 'M01', name: 'm', pin: '2468', pinAgain: '2468' });
    await made.svc.add({ staffId: 'C01', name: '收银员', role: 'cashier', pin: '1111', pinAgain: '1111' });
    return made;
  };

  it('starts loading with nobody listed, and publishes what load finds', async () => {
    const { store, svc } = make();
    expect(await firstValueFrom(svc.state$)).toEqual({ kind: 'loading' });
    expect(svc.list()).toEqual([]);
    expect(svc.current).toBeUndefined();
    await svc.load();
    expect(await firstValueFrom(svc.state$)).toEqual({ kind: 'none', legacyPin: false });
    await svc.createFirstManager({ staffId: 'M01', name: 'm', pin: '2468', pinAgain: '2468' });
    const reloaded = new StaffService(store, () => 0, ITER);
    await reloaded.load();
    expect(reloaded.current).toEqual({ staffId: 'M01', staffName: 'm', role: 'manager' });
    expect(await firstValueFrom(reloaded.state$)).toEqual({ kind: 'signed_in', staff: { staffId: 'M01', staffName: 'm', role: 'manager' } });
  });

  it('creates the first manager only once, with a valid PIN typed twice, and trims the name', async () => {
    const { svc } = make();
    await svc.load();
    expect(await svc.createFirstManager({ staffId: 'M01', name: 'm', pin: '12', pinAgain: '12' })).toEqual({ ok: false, problems: ['pin'] });
    expect(await svc.createFirstManager({ staffId: 'M01', name: 'm', pin: '2468', pinAgain: '2469' })).toEqual({ ok: false, problems: ['pin_mismatch'] });
    expect(svc.list()).toEqual([]);
    expect(await svc.createFirstManager({ staffId: 'M01', name: '  王店长 ', pin: '2468', pinAgain: '2468' })).toEqual({ ok: true });
    expect(svc.current).toEqual({ staffId: 'M01', staffName: '王店长', role: 'manager' });
    expect(await svc.createFirstManager({ staffId: 'M02', name: 'x', pin: '1357', pinAgain: '1357' })).toEqual({ ok: false, problems: ['code_taken'] });
    expect(svc.list().map((r) => r.staffId)).toEqual(['M01']);
  });

  it('refuses even the right old manager PIN while the lockout runs', async () => {
    const store = new MemoryStore();
    store.data.set('legacy', await hashPin('1357', ITER));
    const { svc, now } = make(store);
    await svc.load();
    for (let i = 0; i < 5; i += 1) await svc.createFirstManager({ staffId: 'M01', name: 'x', pin: '0000', pinAgain: '' });
    expect(svc.lockout.until).toBe(now.t + LOCK_BASE_MS);
    expect(await svc.createFirstManager({ staffId: 'M01', name: 'x', pin: '1357', pinAgain: '' })).toEqual({ ok: false, problems: ['pin'] });
    expect(svc.list()).toEqual([]);
    expect(svc.lockout.until).toBe(now.t + LOCK_BASE_MS);
    now.t += LOCK_BASE_MS + 1;
    expect(await svc.createFirstManager({ staffId: 'M01', name: 'x', pin: '1357', pinAgain: '' })).toEqual({ ok: true });
  });

  it('signs a cashier in for the shift and keeps them across a reload; signing out leaves the right state', async () => {
    const { store, svc } = await withTwo();
    await svc.signOut();
    expect(await firstValueFrom(svc.state$)).toEqual({ kind: 'signed_out' });
    expect(svc.current).toBeUndefined();
    expect(await svc.signIn('c01', '1111')).toEqual({ ok: true, staff: { staffId: 'C01', staffName: '收银员', role: 'cashier' } });
    expect(svc.current).toEqual({ staffId: 'C01', staffName: '收银员', role: 'cashier' });
    const reloaded = new StaffService(store, () => 0, ITER);
    expect(await reloaded.load()).toEqual({ kind: 'signed_in', staff: { staffId: 'C01', staffName: '收银员', role: 'cashier' } });
    // With no manager at all (nothing created yet), signing out returns to the first-manager screen.
    const empty = make().svc;
    await empty.load();
    await empty.signOut();
    expect(await firstValueFrom(empty.state$)).toEqual({ kind: 'none', legacyPin: false });
  });

  it('adds a member only with valid fields, and stores the trimmed name', async () => {
    const { svc } = await withTwo();
    expect(await svc.add({ staffId: 'c01', name: 'x', role: 'cashier', pin: '2222', pinAgain: '2222' })).toEqual({ ok: false, problems: ['code_taken'] });
    expect(await svc.add({ staffId: 'C02', name: 'x', role: 'cashier' })).toEqual({ ok: false, problems: ['pin'] });
    expect(await svc.add({ staffId: 'C02', name: ' 小李  ', role: 'cashier', pin: '2222', pinAgain: '2222' })).toEqual({ ok: true });
    expect(svc.list().map((r) => [r.staffId, r.name])).toEqual([
      ['M01', 'm'],
      ['C01', '收银员'],
      ['C02', '小李'],
    ]);
  });

  it('edits only the member named, keeps the PIN when none is typed, and changes it when typed twice', async () => {
    const { svc } = await withTwo();
    expect(await svc.edit({ staffId: 'X9', name: 'x', role: 'cashier' })).toEqual({ ok: false, problems: ['code'] });
    expect(await svc.edit({ staffId: 'C01', name: ' ', role: 'cashier' })).toEqual({ ok: false, problems: ['name'] });
    expect(await svc.edit({ staffId: 'C01', name: 'x', role: 'cashier', pin: '3333', pinAgain: '3334' })).toEqual({ ok: false, problems: ['pin_mismatch'] });
    expect(await svc.edit({ staffId: 'C01', name: ' 小王 ', role: 'manager', pin: '' })).toEqual({ ok: true });
    expect(svc.list().map((r) => [r.staffId, r.name, r.role])).toEqual([
      ['M01', 'm', 'manager'],
      ['C01', '小王', 'manager'],
    ]);
    expect(await svc.authorize('C01', '1111')).toMatchObject({ ok: true, staff: { staffId: 'C01', role: 'manager' } });
    expect(await svc.edit({ staffId: 'C01', name: '小王', role: 'cashier', pin: '3333', pinAgain: '3333' })).toEqual({ ok: true });
    expect(await svc.authorize('C01', '1111')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await svc.authorize('C01', '3333')).toMatchObject({ ok: false, reason: 'not_manager' });
    expect(await svc.authorize('M01', '2468')).toMatchObject({ ok: true });
  });

  it('shows the signed-in member their change at once, signs out a disabled one, and changes others while signed out', async () => {
    const { svc } = await withTwo();
    expect(await svc.edit({ staffId: 'M01', name: '王店长', role: 'manager' })).toEqual({ ok: true });
    expect(svc.current).toEqual({ staffId: 'M01', staffName: '王店长', role: 'manager' });
    expect(await firstValueFrom(svc.state$)).toEqual({ kind: 'signed_in', staff: { staffId: 'M01', staffName: '王店长', role: 'manager' } });
    await svc.signOut();
    expect(await svc.setDisabled('C01', true)).toEqual({ ok: true });
    expect(await svc.setDisabled('C01', false)).toEqual({ ok: true });
    expect(svc.current).toBeUndefined();
    expect((await svc.signIn('C01', '1111')).ok).toBe(true);
    expect(await svc.setDisabled('C01', true)).toEqual({ ok: true });
    expect(svc.current).toBeUndefined();
    expect(await firstValueFrom(svc.state$)).toEqual({ kind: 'signed_out' });
  });
});
