/** Issue 14 point 6, in real Chromium: the terminal asks for persistent storage and reports what the browser decided. */
import { describe, expect, it } from 'vitest';
import { checkPersistence, requestPersistence, storageUse } from './storage-persistence.js';

describe('storage persistence (navigator.storage)', () => {
  it("reports the browser's own answer, before and after asking", async () => {
    const before = await navigator.storage.persisted();
    expect(await checkPersistence(navigator.storage)).toBe(before ? 'persistent' : 'best_effort');
    const asked = await requestPersistence(navigator.storage);
    expect(['persistent', 'best_effort']).toContain(asked);
    expect(asked).toBe((await navigator.storage.persisted()) ? 'persistent' : 'best_effort');
  });

  it('a browser without a StorageManager is "unsupported", never "persistent"', async () => {
    expect(await checkPersistence(undefined)).toBe('unsupported');
    expect(await requestPersistence(undefined)).toBe('unsupported');
    expect(await requestPersistence({})).toBe('unsupported');
  });

  it('storage use comes from navigator.storage.estimate (what diagnostics shows)', async () => {
    const u = await storageUse();
    expect(u.quota).toBeGreaterThan(0);
    expect(u.usage).toBeGreaterThanOrEqual(0);
  });
});
