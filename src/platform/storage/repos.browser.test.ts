/** Journal, order numbers and settings against Chromium's real IndexedDB. */
import { fen } from '@cpay/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../kernel/flow/ports.js';
import { openTerminalDb, type Db } from './db.js';
import { JournalRepo } from './journal-repo.js';
import { OrderNumberRepo } from './order-number-repo.js';
import { DEFAULT_SETTINGS } from '../../features/settings/settings.js';
import { SettingsRepo } from './settings-repo.js';

const opened: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await openTerminalDb(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
});

const entry = (outTradeNo: string, status: JournalEntry['status'], createdAt: number): JournalEntry => ({
  outTradeNo,
  kind: 'micropay',
  amount: fen(100),
  body: 'test',
  status,
  createdAt,
  updatedAt: createdAt,
  history: [],
});

describe('JournalRepo', () => {
  it('lists only open entries (pending, unknown), oldest first, and follows updates', async () => {
    const journal = new JournalRepo(await freshDb());
    await journal.put(entry('A', 'unknown', 30));
    await journal.put(entry('B', 'success', 10));
    await journal.put(entry('C', 'pending', 20));
    expect((await journal.listOpen()).map((e) => e.outTradeNo)).toEqual(['C', 'A']);
    await journal.put({ ...entry('A', 'success', 30), updatedAt: 40 });
    expect((await journal.listOpen()).map((e) => e.outTradeNo)).toEqual(['C']);
    expect(await journal.get('A')).toMatchObject({ status: 'success', updatedAt: 40 });
    expect(await journal.get('missing')).toBeUndefined();
  });
});

describe('OrderNumberRepo', () => {
  it('persists the forward value before returning; never repeats across instances or a stuck clock', async () => {
    const db = await freshDb();
    const sources = { deviceKey: () => 'dev', serverNow: () => 1_700_000_000_000 };
    const a = new OrderNumberRepo(db, sources);
    const first = await a.next('01000052');
    const second = await a.next('01000052');
    const third = await new OrderNumberRepo(db, sources).next('01000052');
    expect(new Set([first, second, third]).size).toBe(3);
    for (const n of [first, second, third]) expect(n).toMatch(/^01000052\d{23}$/);
    expect(await db.get('counters', '01000052')).toBe(1_700_000_000_002);
  });

  it('refuses a bad prefix without writing', async () => {
    const db = await freshDb();
    const repo = new OrderNumberRepo(db, { deviceKey: () => 'dev', serverNow: () => 1 });
    await expect(repo.next('bad-prefix')).rejects.toMatchObject({ name: 'StorageError' });
    expect(await db.get('counters', 'bad-prefix')).toBeUndefined();
  });
});

describe('SettingsRepo', () => {
  it('fills defaults and ignores values of the wrong type', async () => {
    const db = await freshDb();
    const settings = new SettingsRepo(db);
    expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
    await settings.set('locale', 'en');
    await db.put('settings', 42, 'qrKeyCase');
    expect(await settings.load()).toEqual({ ...DEFAULT_SETTINGS, locale: 'en' });
  });
});
