/**
 * Persistent storage (issue 14 point 6). The identity, the encrypted payment key, the open-order
 * journal, the refund ledger, the report outbox and the order-number counter live in IndexedDB,
 * which a browser may evict under storage pressure unless the origin holds persistent storage.
 * The terminal asks for it (`navigator.storage.persist()`) when it is provisioned and bound, and
 * checks it at every start; the answer is shown in the settings and, when storage is not
 * persistent, as a warning on the status bar. The StorageManager is injected (the real one in main.ts).
 */

/** Where the terminal's data stands. `unknown` until checked. */
export type StoragePersistence = 'persistent' | 'best_effort' | 'unsupported' | 'unknown';

/** The part of StorageManager this needs (navigator.storage). */
export interface StorageManagerLike {
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
}

/** Whether the origin's storage is persistent now (no prompt, no request). */
export async function checkPersistence(sm: StorageManagerLike | undefined): Promise<StoragePersistence> {
  if (!sm || typeof sm.persisted !== 'function') return 'unsupported';
  try {
    return (await sm.persisted()) ? 'persistent' : 'best_effort';
  } catch {
    return 'unsupported';
  }
}

/** Asks for persistent storage unless already granted; the browser decides (it may not ask the user). */
export async function requestPersistence(sm: StorageManagerLike | undefined): Promise<StoragePersistence> {
  const now = await checkPersistence(sm);
  if (now !== 'best_effort' || !sm || typeof sm.persist !== 'function') return now;
  try {
    return (await sm.persist()) ? 'persistent' : 'best_effort';
  } catch {
    return 'best_effort';
  }
}

/** What the diagnostics panel shows: bytes used and the quota (navigator.storage.estimate), if known. */
export async function storageUse(): Promise<{ readonly usage?: number; readonly quota?: number }> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return {};
  const e = await navigator.storage.estimate();
  return { ...(e.usage === undefined ? {} : { usage: e.usage }), ...(e.quota === undefined ? {} : { quota: e.quota }) };
}
