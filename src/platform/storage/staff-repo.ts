import type { Lockout, StaffRecord } from '../../features/staff/staff.js';
import type { StaffStore } from '../../features/staff/staff-service.js';
import type { Db } from './db.js';
import { REFUND_PIN_KEY } from './refund-pin-repo.js';

/** Keys of the staff data in the `settings` store (PINs only as PBKDF2 hashes). */
export const STAFF_KEYS = { records: '__staff', session: '__staff-session', lockout: '__staff-lockout' } as const;

/** Staff records, the signed-in member and the lockout, kept in the `settings` store (no schema change). */
export class StaffRepo implements StaffStore {
  constructor(private readonly db: Db) {}

  loadRecords(): Promise<unknown> {
    return this.db.get('settings', STAFF_KEYS.records);
  }
  async saveRecords(records: readonly StaffRecord[]): Promise<void> {
    await this.db.put('settings', [...records], STAFF_KEYS.records);
  }
  loadSession(): Promise<unknown> {
    return this.db.get('settings', STAFF_KEYS.session);
  }
  async saveSession(staffId: string | undefined): Promise<void> {
    if (staffId === undefined) await this.db.delete('settings', STAFF_KEYS.session);
    else await this.db.put('settings', staffId, STAFF_KEYS.session);
  }
  loadLockout(): Promise<unknown> {
    return this.db.get('settings', STAFF_KEYS.lockout);
  }
  async saveLockout(l: Lockout): Promise<void> {
    await this.db.put('settings', l, STAFF_KEYS.lockout);
  }
  loadLegacyPin(): Promise<unknown> {
    return this.db.get('settings', REFUND_PIN_KEY);
  }
  async dropLegacyPin(): Promise<void> {
    await this.db.delete('settings', REFUND_PIN_KEY);
  }
}
