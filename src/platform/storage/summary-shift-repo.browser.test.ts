/** Shifts recorded locally, against Chromium's real IndexedDB. */
import { afterEach, describe, expect, it } from 'vitest';
import { openTerminalDb, type Db } from './db.js';
import { ShiftRepo } from './summary-shift-repo.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

describe('ShiftRepo', () => {
  it('starts, ends, and keeps closed shifts newest first; starting closes an open shift', async () => {
    const db = await openTerminalDb(`test-${crypto.randomUUID()}`);
    opened.push(db);
    const shifts = new ShiftRepo(db);
    expect(await shifts.current()).toBeUndefined();
    expect(await shifts.end(5)).toBeUndefined();
    await shifts.start(10);
    expect(await shifts.current()).toEqual({ startedAt: 10 });
    expect(await shifts.end(20)).toEqual({ startedAt: 10, endedAt: 20 });
    expect(await shifts.end(30)).toBeUndefined();
    await shifts.start(40);
    await shifts.start(50);
    expect(await shifts.current()).toEqual({ startedAt: 50 });
    expect(await shifts.history()).toEqual([
      { startedAt: 40, endedAt: 50 },
      { startedAt: 10, endedAt: 20 },
    ]);
  });
});
